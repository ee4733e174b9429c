import { z } from 'zod';
import {
  countryCodeSchema,
  httpUrlSchema,
  idSchema,
  isoDateSchema,
  pageSchema,
  paginationQuerySchema,
} from './common.ts';
import { MAX_PROXY_TAGS, proxyProtocolSchema, proxyTagSchema } from './proxies.ts';
import { proxyProviderKinds } from './proxy-providers.ts';

/** A browser session is called an "session" in every layer (API, schema, worker, dashboard). */
export const sessionStatuses = ['PENDING', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'ERROR'] as const;
export const sessionStatusSchema = z.enum(sessionStatuses);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/** States in which the session holds (or is about to hold) browser resources on a worker. */
export const activeSessionStatuses: readonly SessionStatus[] = ['PENDING', 'STARTING', 'RUNNING', 'STOPPING'];

/**
 * `context`: a BrowserContext in a browser shared by the worker (dense, fast).
 * `browser`: an own Chromium process with an own temporary profile (strongest isolation).
 */
export const isolationSchema = z.enum(['context', 'browser']);
export type Isolation = z.infer<typeof isolationSchema>;

export const MAX_SCRIPT_LENGTH = 100_000;

export const viewportSchema = z.object({
  width: z.number().int().min(200).max(3840),
  height: z.number().int().min(200).max(2160),
});
export type Viewport = z.infer<typeof viewportSchema>;

export const geolocationSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** Metres. */
  accuracy: z.number().min(0).max(100_000).optional(),
});

export const tagSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, { error: 'tags are letters, digits, _ . : - and start alnum' });

export const localeSchema = z.string().refine(
  (value) => {
    try {
      return Intl.getCanonicalLocales(value).length === 1;
    } catch {
      return false;
    }
  },
  { error: 'must be a BCP 47 locale such as en-US' },
);

export const timezoneSchema = z.string().refine(
  (value) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'must be an IANA time zone such as Europe/Berlin' },
);

const PROXY_PROTOCOLS = ['http:', 'https:', 'socks4:', 'socks5:'];

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * `scheme://[user:pass@]host:port` with scheme http, https, socks4 or socks5. Credentials work with
 * every scheme behind the egress guard, which authenticates to the proxy; without the guard
 * (ALLOW_PRIVATE_TARGETS) Chromium connects itself and the server refuses SOCKS credentials.
 */
export const proxyUrlSchema = z.string().refine(
  (value) => {
    const url = parseUrl(value);
    return (
      url !== undefined && PROXY_PROTOCOLS.includes(url.protocol) && url.hostname !== '' && url.port !== ''
    );
  },
  {
    error:
      'must be http://, https://, socks4:// or socks5:// with host and port, e.g. http://user:pass@host:8080',
  },
);

/** The server's answer to SOCKS credentials when no egress guard carries the session's traffic. */
export const SOCKS_AUTH_MESSAGE =
  'Chromium cannot authenticate to a SOCKS proxy: use an http:// or https:// proxy for credentials';

/**
 * Headers a session may not set: the browser and the connection own them (Host, framing,
 * hop-by-hop, proxy and `Sec-` headers). Sent anyway they break the start or every request.
 */
const FORBIDDEN_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
]);
const FORBIDDEN_HEADER_PREFIXES = ['proxy-', 'sec-'];

const headerNameSchema = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: 'invalid header name' })
  .refine(
    (name) => {
      const lower = name.toLowerCase();
      return (
        !FORBIDDEN_HEADERS.has(lower) && !FORBIDDEN_HEADER_PREFIXES.some((prefix) => lower.startsWith(prefix))
      );
    },
    { error: (issue) => `${String(issue.input)} is set by the browser and may not be set by a session` },
  );

/** A header value on one line: control characters (CR, LF, NUL, …) but tab would split or end the header. */
const headerValueSchema = (max: number) =>
  z
    .string()
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it refuses.
    .regex(/^[^\x00-\x08\x0a-\x1f\x7f]*$/, { error: 'must not contain line breaks or control characters' });

/**
 * A session's page-script loop: inline `source` (an expression or function source, as evaluate
 * takes), or a saved script by reference (issue 11): `scriptId` and a pinned `version`, or none to
 * follow the latest, read at each (re)start; a saved script is an async function body of `input`.
 */
export const sessionScriptSchema = z
  .object({
    /** JavaScript evaluated in the page (browser sandbox, no server access). */
    source: z
      .string()
      .min(1)
      .max(MAX_SCRIPT_LENGTH, { error: `must be at most ${MAX_SCRIPT_LENGTH} characters` })
      .optional(),
    /** A script of the organization's library, instead of `source`. */
    scriptId: idSchema.optional(),
    /** The version to run; absent: the latest at each start. */
    version: z.number().int().min(1).max(2_147_483_647).optional(),
    /** Seconds; the next run waits a random time between min and max. */
    intervalMin: z.number().min(1).max(86_400),
    intervalMax: z.number().min(1).max(86_400),
  })
  .superRefine((script, context) => {
    if ((script.source === undefined) === (script.scriptId === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [script.source === undefined ? 'source' : 'scriptId'],
        message: 'give either source (inline) or scriptId (a saved script), not both',
      });
    }
    if (script.version !== undefined && script.scriptId === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['version'],
        message: 'version pins a saved script: give scriptId',
      });
    }
    if (script.intervalMin > script.intervalMax) {
      context.addIssue({
        code: 'custom',
        path: ['intervalMin'],
        message: 'intervalMin must not exceed intervalMax',
      });
    }
  });
export type SessionScript = z.infer<typeof sessionScriptSchema>;

// ---- the session's proxy from the organization's pool (issue 10) ---------------------------------

/**
 * How a session draws from the pool. Candidates are the organization's proxies that match
 * `country` and `tags`, HEALTHY or UNCHECKED (a fresh import is usable before its first check),
 * DEGRADED only when no such proxy is left; DOWN and BLACKLISTED never.
 * - `round-robin`: the next proxy after the organization's cursor, in id order, wrapping around;
 * - `least-recently-used`: the one used longest ago (never used first);
 * - `weighted`: random, weighted by success rate and latency (packages/db/src/queries/proxy-selection.ts);
 * - `country`: least-recently-used among the proxies of `country` (required).
 */
export const proxyStrategies = ['round-robin', 'least-recently-used', 'weighted', 'country'] as const;
export const proxyStrategySchema = z.enum(proxyStrategies);
export type ProxyStrategy = z.infer<typeof proxyStrategySchema>;

/** One proxy of the pool, by id. */
export const sessionPoolProxySchema = z.object({ proxyId: idSchema }).strict();

/** A strategy over the pool; `country` narrows every strategy, and the `country` strategy needs it. */
export const sessionProxyStrategySchema = z
  .object({
    strategy: proxyStrategySchema,
    country: countryCodeSchema.optional(),
    /** Only proxies that carry every one of these tags. */
    tags: z.array(proxyTagSchema).max(MAX_PROXY_TAGS).optional(),
  })
  .strict()
  .refine((choice) => choice.strategy !== 'country' || choice.country !== undefined, {
    error: 'the country strategy needs a country',
    path: ['country'],
  });

/**
 * A proxy built from one of the organization's provider entries (GET /proxy-providers), in the
 * provider's username syntax for `country` (none: the provider's choice). `sticky` (default true)
 * asks the provider for one exit per session where its preset has sticky exits (not ProxyMesh):
 * the sticky key is the session's id, so a restart (crash, worker failover, a stop and start)
 * keeps the exit for as long as the provider keeps it. A rotation (`proxyRotation`) takes a new
 * sticky key instead of another proxy: a new exit from the same entry.
 */
export const sessionProviderProxySchema = z
  .object({
    providerId: idSchema,
    country: countryCodeSchema.optional(),
    sticky: z.boolean().default(true),
  })
  .strict();

/**
 * A session's `proxy`: a specific pool proxy, a strategy over the pool, or a provider entry. A
 * union of strict shapes told apart by their keys.
 */
export const sessionProxySchema = z.union(
  [sessionPoolProxySchema, sessionProxyStrategySchema, sessionProviderProxySchema],
  { error: 'give { proxyId }, { strategy, country?, tags? } or { providerId, country?, sticky? }' },
);
export type SessionProxy = z.infer<typeof sessionProxySchema>;

export function isProviderProxy(
  proxy: SessionProxy | null | undefined,
): proxy is z.infer<typeof sessionProviderProxySchema> {
  return proxy != null && 'providerId' in proxy;
}

/** Whether the option can rotate: a strategy (the next proxy) or a provider entry (a new exit). */
export function isRotatableProxy(proxy: SessionProxy | null | undefined): boolean {
  return isProxyStrategy(proxy) || isProviderProxy(proxy);
}

/**
 * The sticky key of a provider session: its id (letters and digits, as providers take them; 24 at
 * most) for its first exit, kept across restarts; a rotation gives a `salt`, and the key a new tail
 * of it: a new exit from the same entry.
 */
export function providerStickyKey(sessionId: string, salt?: string): string {
  const id = sessionId.replace(/[^A-Za-z0-9]/g, '');
  if (!salt) return id.slice(0, 24);
  const tail = `r${salt.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 12);
  return `${id.slice(0, 24 - tail.length)}${tail}`;
}

export function isProxyStrategy(
  proxy: SessionProxy | null | undefined,
): proxy is z.infer<typeof sessionProxyStrategySchema> {
  return proxy != null && 'strategy' in proxy;
}

/** When a session moves to another proxy of the pool (a strategy only: one proxy has no "next"). */
export const proxyRotationSchema = z
  .object({
    /** A proxy error or a failed navigation moves the session to the next proxy. */
    onFailure: z.boolean().default(false),
    /** Minutes between rotations on a timer; null: no timer. */
    everyMinutes: z.number().int().min(1).max(1440).nullable().default(null),
  })
  .strict();
export type ProxyRotation = z.output<typeof proxyRotationSchema>;
export const NO_PROXY_ROTATION: ProxyRotation = { onFailure: false, everyMinutes: null };

/** The `proxy` option as a session shows it (a response schema: no transforms, which zod cannot encode). */
export const sessionProxyViewSchema = z.union([
  sessionPoolProxySchema,
  z.object({
    strategy: proxyStrategySchema,
    country: z.string().optional(),
    tags: z.array(z.string()).optional(),
  }),
  z.object({ providerId: idSchema, country: z.string().optional(), sticky: z.boolean() }),
]);

/** The provider entry a session's proxy comes from, as shown: never its credentials. */
export const sessionProxyProviderSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.enum(proxyProviderKinds),
});
export type SessionProxyProvider = z.infer<typeof sessionProxyProviderSchema>;

/** The pool proxy a session uses, as shown: never its credentials. */
export const sessionPoolProxyEndpointSchema = z.object({
  protocol: proxyProtocolSchema,
  host: z.string(),
  port: z.number().int(),
});
export type SessionPoolProxyEndpoint = z.infer<typeof sessionPoolProxyEndpointSchema>;

const sessionSettingsShape = {
  name: z.string().trim().min(1).max(100),
  startUrl: httpUrlSchema,
  tags: z.array(tagSchema).max(20),
  isolation: isolationSchema,
  viewport: viewportSchema.nullable(),
  /** A Playwright device preset name, e.g. "iPhone 15" (see GET /devices). */
  device: z.string().max(100).nullable(),
  locale: localeSchema.nullable(),
  timezone: timezoneSchema.nullable(),
  geolocation: geolocationSchema.nullable(),
  userAgent: headerValueSchema(512).min(1).nullable(),
  headers: z
    .record(headerNameSchema, headerValueSchema(4096))
    .refine((headers) => Object.keys(headers).length <= 50, { error: 'at most 50 headers' }),
  proxyUrl: proxyUrlSchema.nullable(),
  /** From the organization's pool; excludes `proxyUrl`. */
  proxy: sessionProxySchema.nullable(),
  proxyRotation: proxyRotationSchema,
  /** Locale and time zone from the proxy's country, over `locale` and `timezone` (geo testing). */
  geoFromProxy: z.boolean(),
  script: sessionScriptSchema.nullable(),
  /** A saved profile of the organization (issue 12): its cookies and storage at every start. */
  profileId: idSchema.nullable(),
};

/**
 * `proxy` and `proxyUrl` exclude each other; rotation needs a strategy. Checked on the body as
 * given: on PATCH, setting one of `proxy` / `proxyUrl` clears the other.
 */
function refineProxyOptions(
  body: {
    proxy?: SessionProxy | null;
    proxyUrl?: string | null;
    proxyRotation?: { onFailure?: boolean; everyMinutes?: number | null };
  },
  context: z.RefinementCtx,
): void {
  if (body.proxy != null && body.proxyUrl != null) {
    context.addIssue({
      code: 'custom',
      path: ['proxy'],
      message: 'give either proxy (from the pool) or proxyUrl, not both',
    });
  }
  const rotates = body.proxyRotation?.onFailure === true || body.proxyRotation?.everyMinutes != null;
  if (rotates && body.proxy != null && !isRotatableProxy(body.proxy)) {
    context.addIssue({
      code: 'custom',
      path: ['proxyRotation'],
      message: 'rotation needs a proxy strategy or a provider entry: one proxy has no next one',
    });
  }
}

/**
 * The settings of the sessions a job starts (issue 11): a session's settings but its name, start
 * URL (the job's targets) and page-script loop (the job's flow or script). Absent: as for a session.
 */
export const sessionTemplateSchema = z
  .object({
    tags: sessionSettingsShape.tags,
    isolation: isolationSchema,
    viewport: sessionSettingsShape.viewport,
    device: sessionSettingsShape.device,
    locale: sessionSettingsShape.locale,
    timezone: sessionSettingsShape.timezone,
    geolocation: sessionSettingsShape.geolocation,
    userAgent: sessionSettingsShape.userAgent,
    headers: sessionSettingsShape.headers,
    proxyUrl: sessionSettingsShape.proxyUrl,
    proxy: sessionSettingsShape.proxy,
    proxyRotation: proxyRotationSchema,
    geoFromProxy: z.boolean(),
  })
  .partial()
  .strict()
  .superRefine(refineProxyOptions);
export type SessionTemplate = z.output<typeof sessionTemplateSchema>;

export const createSessionBodySchema = z
  .object({
    ...sessionSettingsShape,
    tags: sessionSettingsShape.tags.default([]),
    isolation: isolationSchema.default('context'),
    viewport: sessionSettingsShape.viewport.optional(),
    device: sessionSettingsShape.device.optional(),
    locale: sessionSettingsShape.locale.optional(),
    timezone: sessionSettingsShape.timezone.optional(),
    geolocation: sessionSettingsShape.geolocation.optional(),
    userAgent: sessionSettingsShape.userAgent.optional(),
    headers: sessionSettingsShape.headers.default({}),
    proxyUrl: sessionSettingsShape.proxyUrl.optional(),
    proxy: sessionSettingsShape.proxy.optional(),
    proxyRotation: proxyRotationSchema.default(NO_PROXY_ROTATION),
    geoFromProxy: z.boolean().default(false),
    script: sessionSettingsShape.script.optional(),
    profileId: sessionSettingsShape.profileId.optional(),
    /** Start right away (default) or stay STOPPED until started. */
    autoStart: z.boolean().default(true),
  })
  .strict()
  .superRefine(refineProxyOptions);
export type CreateSessionBody = z.input<typeof createSessionBodySchema>;

/**
 * Settings apply from the next start, except `proxy` and `proxyUrl`: a running session restarts
 * its browser context behind the new proxy.
 */
export const updateSessionBodySchema = z
  .object(sessionSettingsShape)
  .partial()
  .strict()
  .superRefine(refineProxyOptions);
export type UpdateSessionBody = z.input<typeof updateSessionBodySchema>;

export const sessionSchema = z.object({
  id: idSchema,
  organizationId: idSchema,
  name: z.string(),
  status: sessionStatusSchema,
  isolation: isolationSchema,
  startUrl: z.string(),
  currentUrl: z.string().nullable(),
  tags: z.array(z.string()),
  viewport: viewportSchema.nullable(),
  device: z.string().nullable(),
  locale: z.string().nullable(),
  timezone: z.string().nullable(),
  geolocation: geolocationSchema.nullable(),
  userAgent: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  /** The proxy URL with its password replaced by `***`. */
  proxyUrl: z.string().nullable(),
  /** The pool option as asked: a proxy id or a strategy. */
  proxy: sessionProxyViewSchema.nullable(),
  /** The pool proxy assigned to the session (null when none or when it was deleted). */
  proxyId: idSchema.nullable(),
  /** Its protocol, host and port when it was assigned. */
  poolProxy: sessionPoolProxyEndpointSchema.nullable(),
  /** The provider entry of a `{ providerId }` option (null when none or when it was deleted). */
  proxyProvider: sessionProxyProviderSchema.nullable(),
  /**
   * The exit's country (ISO 3166-1 alpha-2): a pool proxy's when it was assigned, if the
   * geolocation knew it; a provider entry's as asked.
   */
  proxyCountry: z.string().nullable(),
  proxyRotation: z.object({ onFailure: z.boolean(), everyMinutes: z.number().int().nullable() }),
  geoFromProxy: z.boolean(),
  script: sessionScriptSchema.nullable(),
  /** The profile it starts from (null when none, or once the profile is deleted). */
  profileId: idSchema.nullable(),
  workerId: idSchema.nullable(),
  /** PID of the Chromium browser process that hosts the session, while it runs. */
  browserPid: z.number().int().nullable(),
  restartCount: z.number().int(),
  lastError: z.string().nullable(),
  lastActivityAt: isoDateSchema.nullable(),
  startedAt: isoDateSchema.nullable(),
  stoppedAt: isoDateSchema.nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Session = z.infer<typeof sessionSchema>;

/** Filters shared by the list endpoint and batch operations. */
export const sessionFilterSchema = z.object({
  status: sessionStatusSchema.optional(),
  tag: tagSchema.optional(),
  /** Case-insensitive substring of the name. */
  search: z.string().max(100).optional(),
});
export type SessionFilter = z.infer<typeof sessionFilterSchema>;

export const listSessionsQuerySchema = paginationQuerySchema.extend(sessionFilterSchema.shape);
export const sessionPageSchema = pageSchema(sessionSchema);
export type SessionPage = z.infer<typeof sessionPageSchema>;

/** Longest text the type command fills in, characters. */
export const MAX_TYPED_TEXT_LENGTH = 10_000;

export const navigateBodySchema = z.object({ url: httpUrlSchema }).strict();
export const navigateResponseSchema = z.object({ url: z.string() });

export const evaluateBodySchema = z
  .object({
    /** A JavaScript expression (or function source) evaluated in the page; its result must be JSON. */
    expression: z
      .string()
      .min(1)
      .max(MAX_SCRIPT_LENGTH, {
        error: `must be at most ${MAX_SCRIPT_LENGTH} characters`,
      }),
  })
  .strict();
export const evaluateResponseSchema = z.object({ value: z.unknown() });

/**
 * An element of the page's last accessibility snapshot, by the `ref` it shows (`[ref=e12]`): what an
 * AI agent clicks or types into (issue 12, the MCP server). A new snapshot renumbers the elements.
 */
export const elementRefSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, { error: 'must be a ref from the last snapshot, like e12' });

export const snapshotResponseSchema = z.object({
  /** The page's URL when the snapshot was taken. */
  url: z.string(),
  /** Playwright's AI-mode aria snapshot: YAML-like lines, each element with its `[ref=…]`. */
  snapshot: z.string(),
});

export const clickBodySchema = z.object({ ref: elementRefSchema }).strict();

export const typeBodySchema = z
  .object({
    ref: elementRefSchema,
    /** Replaces the field's value (Playwright's fill), as a user selecting all and typing would. */
    text: z
      .string()
      .max(MAX_TYPED_TEXT_LENGTH, { error: `must be at most ${MAX_TYPED_TEXT_LENGTH} characters` }),
    /** Press Enter afterwards (submits most forms). */
    submit: z.boolean().default(false),
  })
  .strict();

/** What click and type answer: where the page is afterwards. */
export const elementActionResponseSchema = z.object({ url: z.string() });

export const screenshotQuerySchema = z.object({
  /** JPEG quality 1–100. */
  quality: z.coerce.number().int().min(1).max(100).default(80),
  fullPage: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export const batchSelectionSchema = z
  .object({
    ids: z.array(idSchema).min(1).max(1000).optional(),
    filter: sessionFilterSchema.optional(),
  })
  .strict()
  .refine((body) => (body.ids === undefined) !== (body.filter === undefined), {
    error: 'give either ids or filter',
    path: ['ids'],
  });
export const batchNavigateBodySchema = z
  .object({
    ids: z.array(idSchema).min(1).max(1000).optional(),
    filter: sessionFilterSchema.optional(),
    url: httpUrlSchema,
  })
  .strict()
  .refine((body) => (body.ids === undefined) !== (body.filter === undefined), {
    error: 'give either ids or filter',
    path: ['ids'],
  });
export const batchResultSchema = z.object({
  results: z.array(
    z.object({
      id: idSchema,
      ok: z.boolean(),
      status: sessionStatusSchema.optional(),
      code: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
});
export type BatchResult = z.infer<typeof batchResultSchema>;

/**
 * POST /sessions/batch/proxy: each selected session gets a pool proxy by `proxy` (a strategy or
 * one proxy); running ones restart their context behind it.
 */
export const batchProxyBodySchema = z
  .object({
    ids: z.array(idSchema).min(1).max(1000).optional(),
    filter: sessionFilterSchema.optional(),
    proxy: sessionProxySchema,
    proxyRotation: proxyRotationSchema.optional(),
  })
  .strict()
  .refine((body) => (body.ids === undefined) !== (body.filter === undefined), {
    error: 'give either ids or filter',
    path: ['ids'],
  })
  .superRefine(refineProxyOptions);

export const logLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof logLevelSchema>;

/** Where a log line came from: the page's console, an uncaught page error, a failed request, … */
export const logSourceSchema = z.enum([
  'console',
  'pageerror',
  'request',
  'navigation',
  'lifecycle',
  'script',
]);
export type LogSource = z.infer<typeof logSourceSchema>;

export const sessionLogSchema = z.object({
  id: z.number().int(),
  sessionId: idSchema,
  level: logLevelSchema,
  source: logSourceSchema,
  message: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
  at: isoDateSchema,
});
export type SessionLog = z.infer<typeof sessionLogSchema>;

export const listSessionLogsQuerySchema = paginationQuerySchema.extend({
  pageSize: z.coerce.number().int().min(1).max(1000).default(200),
  /** Only lines at or after this time. */
  since: isoDateSchema.optional(),
  /** Minimum level: `warn` returns warn and error. */
  level: logLevelSchema.optional(),
});
export const sessionLogPageSchema = pageSchema(sessionLogSchema);

export const sessionMetricSchema = z.object({
  sessionId: idSchema,
  at: isoDateSchema,
  /** Percent of one core used by the page since the previous sample. */
  cpuPercent: z.number(),
  /** Resident memory of the processes that serve the session, bytes. */
  rssBytes: z.number(),
  jsHeapBytes: z.number(),
  /** Bytes received and sent since the previous sample. */
  netInBytes: z.number(),
  netOutBytes: z.number(),
});
export type SessionMetric = z.infer<typeof sessionMetricSchema>;

export const listSessionMetricsQuerySchema = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export const sessionMetricListSchema = z.object({ items: z.array(sessionMetricSchema) });

export const deviceListSchema = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      viewport: viewportSchema.or(z.object({ width: z.number(), height: z.number() })),
      userAgent: z.string(),
      isMobile: z.boolean(),
    }),
  ),
});
