import { publicUrl, readOrCreateSecret } from '@fleetwright/config';
import type { Session } from '@fleetwright/contracts';
import { insertOrganization, insertSession, updateOrganization } from '@fleetwright/db';
import { createLogger } from '@fleetwright/logger';
import { type App, buildApp } from '@fleetwright/server';
import {
  type Administrator,
  bootstrapAdministrator,
  fetchCall,
  freePort,
  startSite,
  type TestSite,
  waitFor,
} from '@fleetwright/testing';
import { startTestDatabase, TEST_INTERNAL_TOKEN, type TestDatabase } from '@fleetwright/testing/database';
import { startWorker, type WorkerHandle } from '@fleetwright/worker';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { imageSize } from 'image-size';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 12, the MCP server for AI agents: the SDK's own Client over streamable HTTP against the API
 * server listening on 127.0.0.1, a real worker with real Chromium, pages served from 127.0.0.1.
 */

const logger = createLogger({ name: 'mcp-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
let testDatabase: TestDatabase;
let app: App;
let worker: WorkerHandle;
let site: TestSite;
let baseUrl: string;
let administrator: Administrator;
/** Connected with the administrator's key (read, write, admin scopes). */
let client: Client;
const clients: Client[] = [];

async function connect(apiKey: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
  });
  const connected = new Client({ name: 'fleetwright-test', version: '1.0.0' });
  await connected.connect(transport);
  clients.push(connected);
  return connected;
}

async function call(name: string, args: Record<string, unknown>, by = client): Promise<CallToolResult> {
  return (await by.callTool({ name, arguments: args })) as CallToolResult;
}

/** The text of a successful call (fails the test with the tool's error otherwise). */
async function callText(name: string, args: Record<string, unknown>): Promise<string> {
  const result = await call(name, args);
  const content = result.content[0];
  expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
  if (content?.type !== 'text') throw new Error(`${name} answered ${content?.type}, not text`);
  return content.text;
}

function errorText(result: CallToolResult): string {
  expect(result.isError).toBe(true);
  const content = result.content[0];
  return content?.type === 'text' ? content.text : '';
}

/** The ref the snapshot gives the element whose line matches `line` (`- button "Reveal" [ref=e3]`). */
function refOf(snapshot: string, line: RegExp): string {
  const found = snapshot.split('\n').find((candidate) => line.test(candidate));
  const ref = found && /\[ref=([^\]]+)\]/.exec(found)?.[1];
  if (!ref) throw new Error(`no ref for ${line} in:\n${snapshot}`);
  return ref;
}

beforeAll(async () => {
  testDatabase = await startTestDatabase({ env: { RATE_LIMIT_API_PER_MINUTE: '100000' } });
  app = await buildApp({
    db: testDatabase.database.db,
    pool: testDatabase.database.pool,
    boss: testDatabase.boss,
    config: testDatabase.config,
    logger,
  });
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  baseUrl = `http://127.0.0.1:${port}`;
  administrator = await bootstrapAdministrator(fetchCall(baseUrl), {
    setupToken: readOrCreateSecret(testDatabase.config.DATA_DIR, 'setup-token'),
    origin: publicUrl(testDatabase.config),
  });
  [worker, site] = await Promise.all([
    startWorker({
      config: { ...testDatabase.config, WORKER_PORT: 0, LOG_LEVEL: 'warn' },
      databaseUrl: testDatabase.connectionString,
      capacity: 2,
      heartbeatSeconds: 1,
      pollIntervalMs: 200,
      internalToken: TEST_INTERNAL_TOKEN,
    }),
    startSite({
      '/': `<!doctype html><title>Agent page</title><h1>Agent page</h1>
        <button onclick="document.getElementById('out').textContent = 'Revealed'">Reveal</button>
        <p id="out">Hidden</p>
        <label>Name <input id="name"></label>`,
      '/second': '<!doctype html><title>Second</title><h1>Second page</h1>',
    }),
  ]);
  client = await connect(administrator.apiKey);
});
afterAll(async () => {
  for (const connected of clients) await connected.close().catch(() => {});
  await worker?.stop();
  await app?.close();
  await site?.close();
  await testDatabase?.stop();
});

describe('the MCP server (issue 12)', () => {
  let sessionId = '';

  it('answers the handshake and lists its tools', async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'fleetwright' });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'click',
      'create_session',
      'evaluate',
      'list_sessions',
      'navigate',
      'screenshot',
      'snapshot',
      'stop_session',
      'type',
    ]);
    const create = tools.find((tool) => tool.name === 'create_session')!;
    expect(Object.keys(create.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['startUrl', 'device', 'locale']),
    );
  });

  it('creates a session, and lists it once it is RUNNING', async () => {
    const created = JSON.parse(
      await callText('create_session', { name: 'agent', startUrl: `${site.url}/`, locale: 'pt-BR' }),
    ) as Session;
    sessionId = created.id;
    expect(created).toMatchObject({ name: 'agent', status: 'PENDING', locale: 'pt-BR' });
    await waitFor(
      'the session to be RUNNING',
      async () => {
        const page = JSON.parse(await callText('list_sessions', { status: 'RUNNING' })) as {
          items: Session[];
        };
        return page.items.some((session) => session.id === sessionId);
      },
      { timeoutMs: 60_000 },
    );
  });

  it('navigates, and snapshots the page with element refs', async () => {
    expect(JSON.parse(await callText('navigate', { sessionId, url: `${site.url}/second` }))).toEqual({
      url: `${site.url}/second`,
    });
    expect(await callText('snapshot', { sessionId })).toContain('heading "Second page"');
    await callText('navigate', { sessionId, url: `${site.url}/` });
    const snapshot = await callText('snapshot', { sessionId });
    expect(snapshot).toContain(`URL: ${site.url}/`);
    expect(snapshot).toMatch(/button "Reveal" \[ref=\w+\]/);
  });

  it('clicks a button by its ref, and the page changes', async () => {
    const ref = refOf(await callText('snapshot', { sessionId }), /button "Reveal"/);
    await callText('click', { sessionId, ref });
    expect(await callText('snapshot', { sessionId })).toContain('Revealed');
    expect(JSON.parse(await callText('evaluate', { sessionId, expression: 'out.textContent' }))).toEqual({
      value: 'Revealed',
    });
  });

  it('types into a field by its ref', async () => {
    const ref = refOf(await callText('snapshot', { sessionId }), /textbox "Name"/);
    await callText('type', { sessionId, ref, text: 'Ada Lovelace' });
    const { value } = JSON.parse(
      await callText('evaluate', { sessionId, expression: "document.getElementById('name').value" }),
    );
    expect(value).toBe('Ada Lovelace');
  });

  it('refuses a ref the page does not have with our error code, not a crash', async () => {
    const text = errorText(await call('click', { sessionId, ref: 'e9999' }));
    expect(text).toMatch(/^ELEMENT_ACTION_FAILED: .*new snapshot/);
  });

  it('answers a screenshot as an MCP image that decodes: a PNG, or a JPEG when asked', async () => {
    const decoded = async (args: Record<string, unknown>) => {
      const result = await call('screenshot', { sessionId, ...args });
      const image = result.content[0];
      if (image?.type !== 'image') throw new Error(`screenshot answered ${JSON.stringify(result.content)}`);
      return { mimeType: image.mimeType, ...imageSize(Buffer.from(image.data, 'base64')) };
    };
    expect(await decoded({})).toMatchObject({ mimeType: 'image/png', type: 'png', width: 1280, height: 720 });
    expect(await decoded({ format: 'jpeg' })).toMatchObject({
      mimeType: 'image/jpeg',
      type: 'jpg',
      width: 1280,
    });
  });

  it('keeps the evaluate caps and reports a throwing expression as EVALUATE_FAILED', async () => {
    expect(errorText(await call('evaluate', { sessionId, expression: 'null.x' }))).toMatch(
      /^EVALUATE_FAILED: /,
    );
  });

  it("applies the organization's target policy to navigate", async () => {
    await updateOrganization(testDatabase.database.db, administrator.organizationId, {
      blockedDomains: ['blocked.test'],
    });
    const text = errorText(await call('navigate', { sessionId, url: 'http://www.blocked.test/' }));
    expect(text).toMatch(/^TARGET_BLOCKED: .*\(field: url\)$/);
    await updateOrganization(testDatabase.database.db, administrator.organizationId, { blockedDomains: [] });
  });

  it('refuses malformed arguments as a tool error naming the field', async () => {
    const text = errorText(await call('navigate', { sessionId, url: 'file:///etc/passwd' }));
    expect(text).toMatch(/url/);
  });

  it("answers another organization's session as not found", async () => {
    const other = await insertOrganization(testDatabase.database.db, { name: 'Other', slug: 'other-mcp' });
    const theirs = await insertSession(testDatabase.database.db, {
      organizationId: other.id,
      name: 'theirs',
      startUrl: `${site.url}/`,
    });
    for (const [tool, args] of [
      ['navigate', { url: `${site.url}/second` }],
      ['snapshot', {}],
      ['stop_session', {}],
    ] as const) {
      expect(errorText(await call(tool, { sessionId: theirs.id, ...args }))).toMatch(/^SESSION_NOT_FOUND: /);
    }
  });

  it('refuses changes to a read-only key, which may still read', async () => {
    const response = await fetch(`${baseUrl}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${administrator.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'agent (read)', scopes: ['read'] }),
    });
    expect(response.status).toBe(201);
    const reader = await connect(((await response.json()) as { key: string }).key);
    expect(errorText(await call('stop_session', { sessionId }, reader))).toMatch(/^FORBIDDEN: /);
    expect((await call('snapshot', { sessionId }, reader)).isError ?? false).toBe(false);
  });

  it('stops the session', async () => {
    const stopped = JSON.parse(await callText('stop_session', { sessionId })) as Session;
    expect(['STOPPING', 'STOPPED']).toContain(stopped.status);
    expect(errorText(await call('snapshot', { sessionId }))).toMatch(/^SESSION_NOT_RUNNING: /);
  });

  it('answers bad requests to /mcp with a 4xx, never a 5xx or a hang', async () => {
    const post = (body: string | undefined, headers: Record<string, string> = {}) =>
      fetch(`${baseUrl}/mcp`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${administrator.apiKey}`,
          accept: 'application/json, text/event-stream',
          ...headers,
        },
        body,
      });
    const empty = await post(undefined);
    expect([empty.status, ((await empty.json()) as { code: string }).code]).toEqual([
      400,
      'VALIDATION_ERROR',
    ]);
    const emptyJson = await post('', { 'content-type': 'application/json' });
    expect(emptyJson.status).toBe(400);
    const broken = await post('{"jsonrpc":', { 'content-type': 'application/json' });
    expect([broken.status, ((await broken.json()) as { code: string }).code]).toEqual([400, 'INVALID_JSON']);
    const notJsonRpc = await post('{"hello":"world"}', { 'content-type': 'application/json' });
    expect(notJsonRpc.status).toBe(400);
    const text = await post('hello', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const get = await fetch(`${baseUrl}/mcp`, {
      headers: { authorization: `Bearer ${administrator.apiKey}` },
    });
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('refuses an unknown key with a 401 before the handshake', async () => {
    const response = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer fw_live_00000000000000000000000000000000',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      code: expect.stringMatching(/^(API_KEY_INVALID|UNAUTHENTICATED)$/),
    });
    await expect(connect('fw_live_00000000000000000000000000000000')).rejects.toThrow();
  });
});
