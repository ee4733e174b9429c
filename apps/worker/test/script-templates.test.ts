import { requireChromium } from '@fleetwright/browsers';
import { flowSchema, type ScriptTemplate, scriptTemplates } from '@fleetwright/contracts';
import { createLogger } from '@fleetwright/logger';
import { startSite, type TestSite } from '@fleetwright/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../src/browsers/browser-pool.ts';
import { runScriptTest, type ScriptTestDeps } from '../src/scripts/test-run.ts';

/**
 * Issue 11, the templates: each one run as a test run would run it, in real Chromium, against a
 * local page made to look like what it is for (a OneTrust banner, a table, broken links…).
 */
let pool: BrowserPool;
let site: TestSite;

/** A consent banner as a tool renders it; a click on either button records the choice and hides it. */
function banner(rejectSelector: string, acceptSelector: string, delayMs = 300): string {
  const button = (selector: string, text: string, choice: string) => {
    const id = /^#([\w-]+)$/.exec(selector)?.[1];
    const attributes = id
      ? `id="${id}"`
      : selector.startsWith('[data-testid=')
        ? `data-testid=${selector.slice(13, -1)}`
        : '';
    return `<button ${attributes} onclick="document.body.dataset.consent='${choice}'; this.closest('.banner').remove()">${text}</button>`;
  };
  return `<title>shop</title><body><h1>Shop</h1><script>
    setTimeout(() => document.body.insertAdjacentHTML('beforeend',
      ${JSON.stringify(`<div class="banner">${button(rejectSelector, 'Reject All', 'rejected')}${button(acceptSelector, 'Accept All', 'accepted')}</div>`)}), ${delayMs});
  </script></body>`;
}

const quantcast = `<title>q</title><body><div class="banner qc-cmp2-summary-buttons">
  <button mode="secondary" onclick="document.body.dataset.consent='rejected'">DISAGREE</button>
  <button mode="primary" onclick="document.body.dataset.consent='accepted'">AGREE</button></div></body>`;

beforeAll(async () => {
  site = await startSite({
    '/onetrust': banner('#onetrust-reject-all-handler', '#onetrust-accept-btn-handler'),
    '/cookiebot': banner('#CybotCookiebotDialogBodyButtonDecline', '#CybotCookiebotDialogBodyButtonAccept'),
    '/didomi': banner('#didomi-notice-disagree-button', '#didomi-notice-agree-button'),
    '/quantcast': quantcast,
    '/plain':
      '<title>p</title><body><div>We use cookies.<button onclick="document.body.dataset.consent=\'accepted\'">Accept</button></div></body>',
    '/no-banner': '<title>n</title><body>Nothing to consent to</body>',
    '/table': `<title>t</title><table><tr><th>Product</th><th>Price</th></tr>
      <tr><td>Tea</td><td>3.50</td></tr><tr><td>Coffee  beans</td><td>12.00</td></tr></table>`,
    '/list': '<title>l</title><ul id="todo"><li>one</li><li>two <b>bold</b></li></ul>',
    '/links': `<title>links</title><a href="/ok">ok</a><a href="/missing">gone</a><a href="/ok#again">again</a>
      <a href="http://elsewhere.invalid/page">elsewhere</a><a href="mailto:x@example.com">mail</a>`,
    '/ok': '<title>ok</title>',
    '/a11y': '<title>a11y</title><main><img src="/ok"><button></button><p>Text</p></main>',
    '/text': '<title>order</title><p id="status">Order confirmed</p><p>Thanks</p>',
    '/weight': `<title>weight</title><img src="/ok"><script>fetch('/ok')</script>`,
  });
  pool = new BrowserPool({
    chromium: requireChromium(),
    retireAfter: 100,
    logger: createLogger({ name: 'script-templates', level: 'silent' }),
  });
});

afterAll(async () => {
  await pool?.close();
  await site?.close();
});

const deps: () => ScriptTestDeps = () => ({
  pool,
  config: { SCRIPT_TEST_TIMEOUT_MS: 20_000, ALLOW_PRIVATE_TARGETS: true },
  logger: createLogger({ name: 'script-templates', level: 'silent' }),
  loadPrivateTargets: async () => [],
});

function template(id: string): ScriptTemplate {
  const found = scriptTemplates.find((candidate) => candidate.id === id);
  if (!found?.source) throw new Error(`no script template ${id}`);
  return found;
}

/** Runs a template against a page of the site; `after` reads the page once the script is done. */
async function run(id: string, path: string, input: Record<string, unknown> = {}, after?: string) {
  const { source, libraries } = template(id);
  const withCheck = after
    ? `const result = await (async () => {\n${source}\n})();\nreturn { result, after: ${after} };`
    : source!;
  return runScriptTest(deps(), {
    organizationId: '00000000-0000-4000-8000-000000000001',
    url: `${site.url}${path}`,
    source: withCheck,
    libraries,
    input,
  });
}

describe('the cookie-consent template', () => {
  it.each([
    ['/onetrust', 'OneTrust'],
    ['/cookiebot', 'Cookiebot'],
    ['/didomi', 'Didomi'],
    ['/quantcast', 'Quantcast'],
  ])('rejects on %s (%s), waiting for the banner to appear', async (path, tool) => {
    const result = await run('dismiss-cookie-banner', path, {}, 'document.body.dataset.consent');
    expect(result.errors).toEqual([]);
    expect(result.value).toMatchObject({ result: { dismissed: true, tool }, after: 'rejected' });
  });

  it('accepts when asked to, and clicks a plain "Accept" button of a site without a known tool', async () => {
    const onetrust = await run(
      'dismiss-cookie-banner',
      '/onetrust',
      { prefer: 'accept' },
      'document.body.dataset.consent',
    );
    expect(onetrust.value).toMatchObject({ result: { dismissed: true }, after: 'accepted' });
    const plain = await run('dismiss-cookie-banner', '/plain', {}, 'document.body.dataset.consent');
    expect(plain.value).toMatchObject({
      result: { dismissed: true, tool: 'button', clicked: 'Accept' },
      after: 'accepted',
    });
  });

  it('says so when there is no banner', async () => {
    const result = await run('dismiss-cookie-banner', '/no-banner', { waitMs: 300 });
    expect(result.value).toEqual({ dismissed: false });
  });
});

describe('the other templates', () => {
  it('extract a table to one object per row, and a list to its items', async () => {
    const table = await run('extract-table', '/table');
    expect(table.value).toEqual({
      kind: 'table',
      headers: ['Product', 'Price'],
      rows: [
        { Product: 'Tea', Price: '3.50' },
        { Product: 'Coffee beans', Price: '12.00' },
      ],
    });
    const list = await run('extract-table', '/list', { selector: '#todo' });
    expect(list.value).toEqual({ kind: 'list', items: ['one', 'two bold'] });
  });

  it('collect Web Vitals with the web-vitals library', async () => {
    const result = await run('web-vitals', '/text', { waitMs: 500 });
    expect(result.errors).toEqual([]);
    expect(result.value).toMatchObject({
      TTFB: { value: expect.any(Number), rating: expect.any(String) },
      FCP: { value: expect.any(Number) },
    });
  });

  it('find broken same-origin links and list cross-origin ones unchecked', async () => {
    const result = await run('broken-links', '/links');
    expect(result.value).toEqual({
      checked: 3,
      broken: [{ url: `${site.url}/missing`, status: 404 }],
      unchecked: ['http://elsewhere.invalid/page'],
      skipped: 0,
    });
  });

  it('audit accessibility with axe-core', async () => {
    const result = await run('accessibility-audit', '/a11y');
    expect(result.errors).toEqual([]);
    const ids = (result.value as { violations: { id: string }[] }).violations.map(
      (violation) => violation.id,
    );
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'button-name']));
  });

  it('assert a text: passes when present, throws when absent', async () => {
    const present = await run('assert-text', '/text', { text: 'Order confirmed', selector: '#status' });
    expect(present).toMatchObject({ value: { found: true }, errors: [] });
    const absent = await run('assert-text', '/text', { text: 'Payment failed' });
    expect(absent.value).toBeNull();
    expect(absent.errors.join('\n')).toContain('The text "Payment failed" is not on the page');
  });

  it('count requests and bytes with Resource Timing', async () => {
    const result = await run('page-weight', '/weight');
    const value = result.value as {
      requests: number;
      transferBytes: number;
      byType: Record<string, { requests: number }>;
    };
    expect(value.byType.navigation?.requests).toBe(1);
    expect(value.byType.img?.requests).toBe(1);
    expect(value.byType.fetch?.requests).toBe(1);
    expect(value.requests).toBe(3);
    expect(value.transferBytes).toBeGreaterThan(0);
  });

  it('include a full-page screenshot flow that flowSchema accepts', () => {
    const flows = scriptTemplates.filter((candidate) => candidate.kind === 'flow');
    expect(flows.map((flow) => flow.id)).toEqual(['full-page-screenshot']);
    for (const flow of flows) expect(flowSchema.safeParse(flow.flow).success).toBe(true);
    expect(flows[0]!.flow!.steps).toEqual([
      expect.objectContaining({ type: 'goto', url: '{{target}}' }),
      expect.objectContaining({ type: 'screenshot', fullPage: true }),
    ]);
  });
});
