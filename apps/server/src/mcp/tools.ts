import {
  clickBodySchema,
  createSessionBodySchema,
  evaluateBodySchema,
  idSchema,
  listSessionsQuerySchema,
  navigateBodySchema,
  typeBodySchema,
} from '@fleetwright/contracts';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { mapError } from '../plugins/error-handler.ts';
import {
  clickSession,
  evaluateSession,
  navigateSession,
  screenshotSession,
  snapshotSession,
  typeSession,
} from '../sessions/commands.ts';
import { toSession } from '../sessions/serializers.ts';
import { createSession, listSessions, type SessionDeps, stopSession } from '../sessions/service.ts';

/** Who calls: what the API key's principal resolved to. */
export interface McpCaller {
  organizationId: string;
  /** The key has the write scope (and its creator's role still allows it). */
  canWrite: boolean;
  log: FastifyBaseLogger;
}

/** The MCP server's name and version, as clients show them. */
const SERVER_INFO = { name: 'fleetwright', version: '0.1.0' };
/** JPEG quality when the agent asks for a JPEG: enough to read text, a fraction of a PNG's size. */
const SCREENSHOT_QUALITY = 80;

const sessionIdShape = { sessionId: idSchema.describe('The session id (see list_sessions).') };

/**
 * One MCP server for one request's caller (the transport is stateless): every tool is a thin layer
 * over the session services the REST routes call, scoped to the caller's organization, so the
 * target policy, egress guard, quotas and evaluate caps are the same ones.
 */
export function createMcpServer(deps: SessionDeps, caller: McpCaller): McpServer {
  const server = new McpServer(SERVER_INFO, {
    instructions:
      'Drive real Chromium sessions: create_session (or list_sessions), then snapshot to see the page with element refs, click / type by ref, navigate, screenshot, evaluate; stop_session when done.',
  });
  const key = (sessionId: string) => ({ organizationId: caller.organizationId, id: sessionId });
  const tool = toolRegistrar(server, caller);

  tool(
    'list_sessions',
    {
      description: 'List the sessions of your organization, newest first (filter by status, tag or name).',
      inputSchema: listSessionsQuerySchema,
      readOnly: true,
    },
    async (query) => {
      const { rows, total } = await listSessions(deps, caller.organizationId, query);
      return json({ items: rows.map(toSession), total, page: query.page, pageSize: query.pageSize });
    },
  );

  tool(
    'create_session',
    {
      description:
        'Create a browser session (it starts right away unless autoStart is false). Poll list_sessions until it is RUNNING before other tools.',
      inputSchema: createSessionBodySchema,
    },
    async (body) => json(toSession(await createSession(deps, caller.organizationId, body))),
  );

  tool(
    'stop_session',
    { description: 'Stop a session (idempotent).', inputSchema: z.object(sessionIdShape) },
    async ({ sessionId }) => json(toSession(await stopSession(deps, key(sessionId)))),
  );

  tool(
    'navigate',
    {
      description: 'Load a URL in the running page; answers the URL it landed on.',
      inputSchema: navigateBodySchema.extend(sessionIdShape),
    },
    async ({ sessionId, url }) => json(await navigateSession(deps, key(sessionId), url)),
  );

  tool(
    'snapshot',
    {
      description:
        'The page as an accessibility tree; every element shows a [ref=…] that click and type take. Take a new one after the page changes: refs are renumbered.',
      inputSchema: z.object(sessionIdShape),
      readOnly: true,
    },
    async ({ sessionId }) => {
      const { url, snapshot } = await snapshotSession(deps, key(sessionId));
      return text(`URL: ${url}\n\n${snapshot}`);
    },
  );

  tool(
    'click',
    {
      description: 'Click the element with this ref (from the last snapshot).',
      inputSchema: clickBodySchema.extend(sessionIdShape),
    },
    async ({ sessionId, ref }) => json(await clickSession(deps, key(sessionId), ref)),
  );

  tool(
    'type',
    {
      description:
        'Replace the value of the field with this ref (from the last snapshot) by `text`; `submit` presses Enter afterwards.',
      inputSchema: typeBodySchema.extend(sessionIdShape),
    },
    async ({ sessionId, ...input }) => json(await typeSession(deps, key(sessionId), input)),
  );

  tool(
    'screenshot',
    {
      description: 'The visible page (or the full page) as an image: PNG, or JPEG when asked (smaller).',
      inputSchema: z.object({
        ...sessionIdShape,
        fullPage: z.boolean().default(false),
        format: z.enum(['png', 'jpeg']).default('png'),
      }),
      readOnly: true,
    },
    async ({ sessionId, fullPage, format }) => {
      const image = await screenshotSession(deps, key(sessionId), {
        quality: SCREENSHOT_QUALITY,
        fullPage,
        format,
      });
      return { content: [{ type: 'image', data: image.toString('base64'), mimeType: `image/${format}` }] };
    },
  );

  tool(
    'evaluate',
    {
      description:
        'Evaluate a JavaScript expression (or function source) in the page; its result comes back as JSON.',
      inputSchema: evaluateBodySchema.extend(sessionIdShape),
    },
    async ({ sessionId, expression }) => json(await evaluateSession(deps, key(sessionId), expression)),
  );

  return server;
}

type ToolInput = z.ZodObject;

/**
 * Registers tools that answer failures as MCP tool errors (`isError`, "CODE: message", the REST
 * API's codes) instead of protocol errors, and that refuse changes without the write scope.
 */
function toolRegistrar(server: McpServer, caller: McpCaller) {
  return <Input extends ToolInput>(
    name: string,
    options: {
      description: string;
      inputSchema: Input;
      /** Reads only: a read-scope key may call it. @default false */
      readOnly?: boolean;
    },
    run: (input: z.output<Input>) => Promise<CallToolResult>,
  ): void => {
    const readOnly = options.readOnly ?? false;
    server.registerTool(
      name,
      {
        description: options.description,
        inputSchema: options.inputSchema,
        annotations: { readOnlyHint: readOnly, openWorldHint: true },
      },
      // The SDK has parsed the arguments with inputSchema: defaults applied, unknown keys refused.
      (async (input: z.output<Input>) => {
        try {
          if (!readOnly && !caller.canWrite) {
            throw new AppError('FORBIDDEN', `This API key lacks the write scope that ${name} needs.`);
          }
          return await run(input);
        } catch (error) {
          return toolError(error, name, caller.log);
        }
      }) as never,
    );
  };
}

function toolError(error: unknown, tool: string, log: FastifyBaseLogger): CallToolResult {
  const { status, body } = mapError(error);
  // Client mistakes are the agent's to read; only our own failures are worth a log line.
  if (status >= 500) log.error({ err: error, tool }, 'MCP tool failed');
  const field = body.field === undefined ? '' : ` (field: ${body.field})`;
  return { isError: true, content: [{ type: 'text', text: `${body.code}: ${body.message}${field}` }] };
}

function text(value: string): CallToolResult {
  return { content: [{ type: 'text', text: value }] };
}

function json(value: unknown): CallToolResult {
  return text(JSON.stringify(value, null, 2));
}
