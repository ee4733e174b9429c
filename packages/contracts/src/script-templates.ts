import { z } from 'zod';
import { type Flow, flowSchema } from './flows.ts';
import { type ScriptLibrary, scriptLibrarySchema } from './scripts.ts';

/**
 * Templates a library starts from (issue 11): each script template is the body of an async
 * function of `input` (see apps/worker/src/scripts/evaluate-script.ts), tested against a local page
 * in apps/worker/test/script-templates.test.ts. "Full-page screenshot" needs no code: it is a flow.
 */
export const scriptTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['script', 'flow']),
  tags: z.array(z.string()),
  /** `kind: 'script'`: what to inject first, and the source. */
  libraries: z.array(scriptLibrarySchema),
  source: z.string().nullable(),
  /** `kind: 'flow'`: the steps (flowSchema). */
  flow: flowSchema.nullable(),
  /** What the template reads from `input`, by name. */
  inputs: z.record(z.string(), z.string()),
});
export type ScriptTemplate = z.infer<typeof scriptTemplateSchema>;
export const scriptTemplateListSchema = z.object({ items: z.array(scriptTemplateSchema) });

/** Reject (or accept) buttons of the common consent tools, most specific first. */
const DISMISS_COOKIE_BANNER = `const prefer = input.prefer === 'accept' ? 'accept' : 'reject';
const waitMs = Number(input.waitMs ?? 3000);
// Known consent tools: [tool, reject selector, accept selector].
const tools = [
  ['OneTrust', '#onetrust-reject-all-handler', '#onetrust-accept-btn-handler'],
  ['Cookiebot', '#CybotCookiebotDialogBodyButtonDecline', '#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll, #CybotCookiebotDialogBodyButtonAccept'],
  ['Didomi', '#didomi-notice-disagree-button', '#didomi-notice-agree-button'],
  ['Quantcast', '.qc-cmp2-summary-buttons button[mode="secondary"]', '.qc-cmp2-summary-buttons button[mode="primary"]'],
  ['Usercentrics', '[data-testid="uc-deny-all-button"]', '[data-testid="uc-accept-all-button"]'],
];
const words = {
  reject: /^(reject( all)?|decline( all)?|deny( all)?|refuse( all)?|only (necessary|essential)( cookies)?|necessary only)$/i,
  accept: /^(accept( all)?( cookies)?|allow( all)?( cookies)?|agree|i agree|ok|got it)$/i,
  close: /^(close|dismiss|×|x)$/i,
};
const visible = (element) => {
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
};
const find = () => {
  for (const [tool, reject, accept] of tools) {
    for (const selector of prefer === 'reject' ? [reject, accept] : [accept, reject]) {
      const element = document.querySelector(selector);
      if (element && visible(element)) return { tool, element };
    }
  }
  const buttons = [...document.querySelectorAll('button, [role="button"], a, input[type="button"], input[type="submit"]')]
    .filter(visible);
  const label = (element) => (element.innerText || element.value || element.getAttribute('aria-label') || '').trim();
  for (const kind of prefer === 'reject' ? ['reject', 'accept', 'close'] : ['accept', 'reject', 'close']) {
    const element = buttons.find((button) => words[kind].test(label(button)));
    if (element) return { tool: 'button', element };
  }
  return null;
};
const deadline = Date.now() + waitMs;
let found = find();
while (!found && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  found = find();
}
if (!found) return { dismissed: false };
const text = (found.element.innerText || found.element.value || '').trim();
found.element.click();
return { dismissed: true, tool: found.tool, clicked: text };`;

const EXTRACT_TABLE = String.raw`const root = document.querySelector(input.selector ?? 'table, ul, ol');
if (!root) throw new Error('Nothing matches ' + (input.selector ?? 'table, ul, ol'));
const clean = (element) => element.innerText.replace(/\s+/g, ' ').trim();
if (root.tagName !== 'TABLE') {
  return { kind: 'list', items: [...root.querySelectorAll(':scope > li')].map(clean) };
}
const rows = [...root.querySelectorAll('tr')];
const headerRow = rows.find((row) => row.querySelector('th')) ?? rows[0];
const headers = [...(headerRow?.children ?? [])].map((cell, index) => clean(cell) || 'column' + (index + 1));
const body = rows.filter((row) => row !== headerRow);
return {
  kind: 'table',
  headers,
  rows: body.map((row) =>
    Object.fromEntries([...row.children].map((cell, index) => [headers[index] ?? 'column' + (index + 1), clean(cell)])),
  ),
};`;

const WEB_VITALS = `const waitMs = Number(input.waitMs ?? 3000);
const metrics = {};
const keep = (metric) => {
  metrics[metric.name] = { value: metric.value, rating: metric.rating };
};
// reportAllChanges: the page is not hidden or left during a test, so the final values never come.
for (const on of ['onCLS', 'onFCP', 'onINP', 'onLCP', 'onTTFB']) webVitals[on](keep, { reportAllChanges: true });
await new Promise((resolve) => setTimeout(resolve, waitMs));
return metrics;`;

const BROKEN_LINKS = `const max = Number(input.max ?? 100);
const links = [...new Set([...document.querySelectorAll('a[href]')].map((a) => a.href))]
  .filter((href) => href.startsWith('http:') || href.startsWith('https:'));
const sameOrigin = links.filter((href) => new URL(href).origin === location.origin);
// Cross-origin links are listed, not fetched: the page may not read their answers (CORS).
const unchecked = links.filter((href) => new URL(href).origin !== location.origin);
const checked = sameOrigin.slice(0, max);
const broken = [];
await Promise.all(
  checked.map(async (url) => {
    try {
      let response = await fetch(url, { method: 'HEAD', redirect: 'follow' });
      if (response.status === 405) response = await fetch(url, { redirect: 'follow' });
      if (response.status >= 400) broken.push({ url, status: response.status });
    } catch (error) {
      broken.push({ url, error: String(error) });
    }
  }),
);
return { checked: checked.length, broken, unchecked, skipped: sameOrigin.length - checked.length };`;

const AXE_AUDIT = `const results = await axe.run(document, input.options ?? {});
return {
  violations: results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    helpUrl: violation.helpUrl,
    nodes: violation.nodes.length,
    targets: violation.nodes.slice(0, 10).map((node) => node.target.join(' ')),
  })),
  passes: results.passes.length,
  incomplete: results.incomplete.length,
};`;

const ASSERT_TEXT = `if (typeof input.text !== 'string' || input.text === '') throw new Error('input.text names the text to look for');
const scope = input.selector ? document.querySelector(input.selector) : document.body;
if (!scope) throw new Error('Nothing matches ' + input.selector);
if (!scope.innerText.includes(input.text)) {
  throw new Error('The text "' + input.text + '" is not on the page' + (input.selector ? ' in ' + input.selector : ''));
}
return { found: true };`;

const PAGE_WEIGHT = `// What loads after the document (images, the page's own fetches) counts once it finished.
if (document.readyState !== 'complete') await new Promise((resolve) => addEventListener('load', resolve, { once: true }));
await new Promise((resolve) => setTimeout(resolve, Number(input.settleMs ?? 500)));
const [navigation] = performance.getEntriesByType('navigation');
const resources = performance.getEntriesByType('resource');
const entries = navigation ? [navigation, ...resources] : resources;
const byType = {};
let transferBytes = 0;
let decodedBytes = 0;
for (const entry of entries) {
  const type = entry.initiatorType || 'other';
  byType[type] ??= { requests: 0, transferBytes: 0 };
  byType[type].requests += 1;
  // Cross-origin resources without Timing-Allow-Origin report 0: the sums are lower bounds.
  byType[type].transferBytes += entry.transferSize;
  transferBytes += entry.transferSize;
  decodedBytes += entry.decodedBodySize;
}
return { requests: entries.length, transferBytes, decodedBytes, byType };`;

function script(
  id: string,
  name: string,
  description: string,
  source: string,
  options: { tags: string[]; libraries?: ScriptLibrary[]; inputs?: Record<string, string> },
): ScriptTemplate {
  return {
    id,
    name,
    description,
    kind: 'script',
    tags: options.tags,
    libraries: options.libraries ?? [],
    source,
    flow: null,
    inputs: options.inputs ?? {},
  };
}

const FULL_PAGE_SCREENSHOT: Flow = flowSchema.parse({
  steps: [
    { type: 'goto', url: '{{target}}' },
    { type: 'screenshot', as: 'fullPage', fullPage: true },
  ],
});

export const scriptTemplates: readonly ScriptTemplate[] = [
  script(
    'dismiss-cookie-banner',
    'Dismiss a cookie-consent banner',
    'Clicks the reject (or accept) button of OneTrust, Cookiebot, Didomi, Quantcast or Usercentrics, or a plain "Reject all" / "Accept" / "Close" button.',
    DISMISS_COOKIE_BANNER,
    {
      tags: ['consent', 'utility'],
      inputs: {
        prefer: '"reject" (default) or "accept"',
        waitMs: 'how long to wait for a banner, ms (3000)',
      },
    },
  ),
  script(
    'extract-table',
    'Extract a table or list to JSON',
    'A table as one object per row keyed by its headers, or a list as its items.',
    EXTRACT_TABLE,
    {
      tags: ['data'],
      inputs: { selector: 'the table or list (default: the first table, ul or ol)' },
    },
  ),
  script(
    'web-vitals',
    'Collect Web Vitals',
    'LCP, CLS, INP, FCP and TTFB with their ratings, measured by the web-vitals library.',
    WEB_VITALS,
    {
      tags: ['performance'],
      libraries: ['web-vitals'],
      inputs: { waitMs: 'how long to collect, ms (3000)' },
    },
  ),
  script(
    'broken-links',
    'Find broken links',
    'Fetches the same-origin links of the page and lists those that fail or answer 4xx/5xx; cross-origin links are listed as unchecked.',
    BROKEN_LINKS,
    {
      tags: ['quality'],
      inputs: { max: 'links to check at most (100)' },
    },
  ),
  script(
    'accessibility-audit',
    'Accessibility audit (axe-core)',
    'Runs axe-core on the page and lists its violations with their impact and the elements concerned.',
    AXE_AUDIT,
    {
      tags: ['accessibility', 'quality'],
      libraries: ['axe-core'],
      inputs: { options: "axe.run options, e.g. { runOnly: ['wcag2a', 'wcag2aa'] }" },
    },
  ),
  script(
    'assert-text',
    'Assert a text is present',
    'Throws (the run fails) when the text is not on the page.',
    ASSERT_TEXT,
    {
      tags: ['monitoring'],
      inputs: { text: 'the text to find', selector: 'where to look (default: the whole page)' },
    },
  ),
  script(
    'page-weight',
    'Page weight and request count',
    'Requests made and bytes transferred so far, by type, from the Resource Timing API.',
    PAGE_WEIGHT,
    {
      tags: ['performance'],
      inputs: { settleMs: 'how long to wait after the load event, ms (500)' },
    },
  ),
  {
    id: 'full-page-screenshot',
    name: 'Full-page screenshot',
    description: 'Opens the target and takes a screenshot of the whole page (a flow: no code).',
    kind: 'flow',
    tags: ['screenshot'],
    libraries: [],
    source: null,
    flow: FULL_PAGE_SCREENSHOT,
    inputs: {},
  },
];
