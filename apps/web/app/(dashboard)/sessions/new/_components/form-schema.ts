import {
  type CreateSessionBody,
  createSessionBodySchema,
  isolationSchema,
  type ProxyStrategy,
  proxyStrategySchema,
} from '@fleetwright/contracts';
import { z } from 'zod';
import { formErrorMap } from '@/lib/form-error-map';
import { validationMessage } from '@/lib/validation-messages';

/**
 * What the inputs hold: strings as typed, header rows, a script toggle. `createSessionSchema`
 * turns it into a request body and validates that with the API's own schema, so the browser
 * and the server agree on every rule; error paths are the body's paths (`script.intervalMin`),
 * which is also how the API names a bad field in a 400.
 */
export interface CreateSessionFormValues {
  name: string;
  startUrl: string;
  isolation: 'context' | 'browser';
  /** Comma- or space-separated. */
  tags: string;
  /** '' = no device preset. */
  device: string;
  viewport: { width: string; height: string };
  locale: string;
  timezone: string;
  geolocation: { latitude: string; longitude: string; accuracy: string };
  userAgent: string;
  headers: { name: string; value: string }[];
  proxyUrl: string;
  /** A saved profile's id (issue 12); '' = none. */
  profileId: string;
  /**
   * Where the proxy comes from: none, a URL of its own, one proxy of the pool, a strategy over it,
   * or a provider entry (for a country, with a sticky exit).
   */
  proxy: {
    mode: ProxyMode;
    proxyId: string;
    strategy: ProxyStrategy;
    providerId: string;
    /** A provider entry's exit stays for the session (where the provider has sticky exits). */
    sticky: boolean;
    /** Two letters; '' = any country (the strategy's or the provider's). */
    country: string;
    /** Comma- or space-separated. */
    tags: string;
  };
  proxyRotation: { onFailure: boolean; everyMinutes: string };
  geoFromProxy: boolean;
  script: {
    enabled: boolean;
    /** Source written here, or a saved script of the library by reference (issue 11). */
    origin: ScriptOrigin;
    source: string;
    scriptId: string;
    /** '' = the latest version at each (re)start. */
    version: string;
    intervalMin: string;
    intervalMax: string;
  };
  autoStart: boolean;
}

export const PROXY_MODES = ['none', 'url', 'pool', 'strategy', 'provider'] as const;
export type ProxyMode = (typeof PROXY_MODES)[number];

export const SCRIPT_ORIGINS = ['inline', 'saved'] as const;
export type ScriptOrigin = (typeof SCRIPT_ORIGINS)[number];

export const DEFAULT_SCRIPT = `// Runs inside the page every [min, max] seconds (browser sandbox, no server access).
// The returned value is logged; keep it JSON.
(() => {
  return { title: document.title, url: location.href };
})()
`;

export const defaultFormValues: CreateSessionFormValues = {
  name: '',
  startUrl: '',
  isolation: 'context',
  tags: '',
  device: '',
  viewport: { width: '', height: '' },
  locale: '',
  timezone: '',
  geolocation: { latitude: '', longitude: '', accuracy: '' },
  userAgent: '',
  headers: [],
  proxyUrl: '',
  profileId: '',
  proxy: {
    mode: 'none',
    proxyId: '',
    strategy: 'round-robin',
    providerId: '',
    sticky: true,
    country: '',
    tags: '',
  },
  proxyRotation: { onFailure: false, everyMinutes: '' },
  geoFromProxy: false,
  script: {
    enabled: false,
    origin: 'inline',
    source: DEFAULT_SCRIPT,
    scriptId: '',
    version: '',
    intervalMin: '30',
    intervalMax: '60',
  },
  autoStart: true,
};

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const formValuesSchema = z.object({
  name: z.string(),
  startUrl: z.string(),
  isolation: isolationSchema,
  tags: z.string(),
  device: z.string(),
  viewport: z.object({ width: z.string(), height: z.string() }),
  locale: z.string(),
  timezone: z.string(),
  geolocation: z.object({ latitude: z.string(), longitude: z.string(), accuracy: z.string() }),
  userAgent: z.string(),
  headers: z.array(z.object({ name: z.string(), value: z.string() })),
  proxyUrl: z.string(),
  profileId: z.string(),
  proxy: z.object({
    mode: z.enum(PROXY_MODES),
    proxyId: z.string(),
    strategy: proxyStrategySchema,
    providerId: z.string(),
    sticky: z.boolean(),
    country: z.string(),
    tags: z.string(),
  }),
  proxyRotation: z.object({ onFailure: z.boolean(), everyMinutes: z.string() }),
  geoFromProxy: z.boolean(),
  script: z.object({
    enabled: z.boolean(),
    origin: z.enum(SCRIPT_ORIGINS),
    source: z.string(),
    scriptId: z.string(),
    version: z.string(),
    intervalMin: z.string(),
    intervalMax: z.string(),
  }),
  autoStart: z.boolean(),
});

/** Row-level header problems, so the message lands on the row (the body only has a record). */
function headerRowIssues(headers: CreateSessionFormValues['headers']): { message: string; index: number }[] {
  const issues: { message: string; index: number }[] = [];
  const seen = new Set<string>();
  headers.forEach((header, index) => {
    const name = header.name.trim();
    if (name === '' && header.value === '') return;
    if (name === '') issues.push({ index, message: validationMessage('headerNameRequired') });
    else if (!HEADER_NAME.test(name)) issues.push({ index, message: validationMessage('headerNameInvalid') });
    else if (seen.has(name.toLowerCase()))
      issues.push({ index, message: validationMessage('headerDuplicate') });
    seen.add(name.toLowerCase());
  });
  return issues;
}

function optionalText(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** '' → undefined; anything else → a number (NaN fails validation with a message). */
function optionalNumber(value: string): number | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

function splitTags(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).filter(Boolean))];
}

/** The body's proxy options for the mode chosen; the other modes' inputs are left out. */
function proxyOptions(values: CreateSessionFormValues): Partial<CreateSessionBody> {
  const { proxy } = values;
  if (proxy.mode === 'url') return { proxyUrl: optionalText(values.proxyUrl) };
  if (proxy.mode === 'pool') return { proxy: { proxyId: proxy.proxyId }, geoFromProxy: values.geoFromProxy };
  const country = optionalText(proxy.country) ? { country: optionalText(proxy.country) } : {};
  const rotation = {
    proxyRotation: {
      onFailure: values.proxyRotation.onFailure,
      everyMinutes: optionalNumber(values.proxyRotation.everyMinutes) ?? null,
    },
    geoFromProxy: values.geoFromProxy,
  };
  if (proxy.mode === 'strategy') {
    const tags = splitTags(proxy.tags);
    return {
      proxy: { strategy: proxy.strategy, ...country, ...(tags.length > 0 ? { tags } : {}) },
      ...rotation,
    };
  }
  if (proxy.mode === 'provider') {
    return { proxy: { providerId: proxy.providerId, ...country, sticky: proxy.sticky }, ...rotation };
  }
  return {};
}

/** The script's origin as the API takes it: `source`, or `scriptId` and a pinned `version` if any. */
function scriptOrigin(script: CreateSessionFormValues['script']) {
  if (script.origin === 'inline') return { source: script.source };
  const version = optionalNumber(script.version);
  return { scriptId: script.scriptId.trim(), ...(version === undefined ? {} : { version }) };
}

export function toCreateSessionBody(values: CreateSessionFormValues): CreateSessionBody {
  const width = optionalNumber(values.viewport.width);
  const height = optionalNumber(values.viewport.height);
  const latitude = optionalNumber(values.geolocation.latitude);
  const longitude = optionalNumber(values.geolocation.longitude);
  const accuracy = optionalNumber(values.geolocation.accuracy);
  const headers: Record<string, string> = {};
  for (const header of values.headers) {
    if (header.name.trim() !== '') headers[header.name.trim()] = header.value;
  }
  return {
    name: values.name,
    startUrl: values.startUrl.trim(),
    tags: splitTags(values.tags),
    isolation: values.isolation,
    // Half a viewport is a mistake worth reporting: send it and let validation name the missing side.
    viewport:
      width === undefined && height === undefined
        ? undefined
        : { width: width ?? NaN, height: height ?? NaN },
    device: optionalText(values.device),
    locale: optionalText(values.locale),
    timezone: optionalText(values.timezone),
    geolocation:
      latitude === undefined && longitude === undefined && accuracy === undefined
        ? undefined
        : { latitude: latitude ?? NaN, longitude: longitude ?? NaN, accuracy },
    userAgent: optionalText(values.userAgent),
    headers,
    ...proxyOptions(values),
    profileId: optionalText(values.profileId),
    script: values.script.enabled
      ? {
          ...scriptOrigin(values.script),
          intervalMin: optionalNumber(values.script.intervalMin) ?? NaN,
          intervalMax: optionalNumber(values.script.intervalMax) ?? NaN,
        }
      : undefined,
    autoStart: values.autoStart,
  };
}

export type CreateSessionFormOutput = z.output<typeof createSessionBodySchema>;

/**
 * The form's schema: header rows checked one by one, then the body built from the inputs and
 * validated with `createSessionBodySchema`. All issues come back in one pass (a `.pipe()`
 * stops at its first stage and would hide the body's errors until the rows are fixed).
 */
export const createSessionSchema = formValuesSchema.transform((values, ctx): CreateSessionFormOutput => {
  const rowIssues = headerRowIssues(values.headers);
  for (const { index, message } of rowIssues) {
    ctx.addIssue({ code: 'custom', message, path: ['headers', index, 'name'] });
  }
  // Half a pair is a mistake: name the empty side (the body check would only say "must be a number").
  const pairs = [
    [['viewport', 'width'], values.viewport.width, ['viewport', 'height'], values.viewport.height],
    [
      ['geolocation', 'latitude'],
      values.geolocation.latitude,
      ['geolocation', 'longitude'],
      values.geolocation.longitude,
    ],
  ] as const;
  for (const [firstPath, first, secondPath, second] of pairs) {
    if (first.trim() === '' && second.trim() !== '') {
      ctx.addIssue({
        code: 'custom',
        message: validationMessage('requiredWith', { other: secondPath[1] }),
        path: [...firstPath],
      });
    } else if (second.trim() === '' && first.trim() !== '') {
      ctx.addIssue({
        code: 'custom',
        message: validationMessage('requiredWith', { other: firstPath[1] }),
        path: [...secondPath],
      });
    }
  }
  const badRows = new Set(rowIssues.map((issue) => issue.index));
  const body = toCreateSessionBody({
    ...values,
    headers: values.headers.filter((_, index) => !badRows.has(index)),
  });
  const result = createSessionBodySchema.safeParse(body, { error: formErrorMap });
  if (result.success && rowIssues.length === 0) return result.data;
  for (const issue of result.error?.issues ?? []) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path] });
  }
  return z.NEVER;
});

/** Every input name of the form, to place a server error (`field`) under the right one. */
const FORM_FIELDS = new Set([
  'name',
  'startUrl',
  'isolation',
  'tags',
  'device',
  'viewport',
  'viewport.width',
  'viewport.height',
  'locale',
  'timezone',
  'geolocation',
  'geolocation.latitude',
  'geolocation.longitude',
  'geolocation.accuracy',
  'userAgent',
  'headers',
  'proxyUrl',
  'profileId',
  'proxy',
  'proxy.proxyId',
  'proxy.providerId',
  'proxy.sticky',
  'proxy.strategy',
  'proxy.country',
  'proxy.tags',
  'proxyRotation',
  'proxyRotation.everyMinutes',
  'geoFromProxy',
  'script',
  'script.source',
  'script.scriptId',
  'script.version',
  'script.intervalMin',
  'script.intervalMax',
  'autoStart',
]);

/** `tags.2` → `tags`, `headers.X-Foo` → `headers`, `script.intervalMin` → itself; unknown → null. */
export function formFieldForPath(path: string | undefined): string | null {
  if (!path) return null;
  const parts = path.split('.');
  while (parts.length > 0) {
    const candidate = parts.join('.');
    if (FORM_FIELDS.has(candidate)) return candidate;
    parts.pop();
  }
  return null;
}
