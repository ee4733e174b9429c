import { z } from 'zod';
import { httpUrlSchema, idSchema, isoDateSchema, pageSchema, paginationQuerySchema } from './common.ts';

/** A browser session is called an "instance" in every layer (API, schema, worker, dashboard). */
export const instanceStatuses = ['PENDING', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'ERROR'] as const;
export const instanceStatusSchema = z.enum(instanceStatuses);
export type InstanceStatus = z.infer<typeof instanceStatusSchema>;

/** States in which the instance holds (or is about to hold) browser resources on a worker. */
export const activeInstanceStatuses: readonly InstanceStatus[] = [
  'PENDING',
  'STARTING',
  'RUNNING',
  'STOPPING',
];

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

const tagSchema = z
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

const PROXY_PROTOCOLS = ['http:', 'https:', 'socks5:'];

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** `scheme://[user:pass@]host:port` with scheme http, https or socks5. */
export const proxyUrlSchema = z
  .string()
  .refine(
    (value) => {
      const url = parseUrl(value);
      return (
        url !== undefined && PROXY_PROTOCOLS.includes(url.protocol) && url.hostname !== '' && url.port !== ''
      );
    },
    { error: 'must be http://, https:// or socks5:// with host and port, e.g. http://user:pass@host:8080' },
  )
  // Chromium speaks SOCKS5 without authentication only; credentials would be dropped silently.
  .refine((value) => !(parseUrl(value)?.protocol === 'socks5:' && parseUrl(value)?.username), {
    error: 'Chromium cannot authenticate to a SOCKS5 proxy: use an http:// or https:// proxy for credentials',
  });

const headerNameSchema = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: 'invalid header name' });

export const instanceScriptSchema = z
  .object({
    /** JavaScript evaluated in the page (browser sandbox, no server access). */
    source: z
      .string()
      .min(1)
      .max(MAX_SCRIPT_LENGTH, { error: `must be at most ${MAX_SCRIPT_LENGTH} characters` }),
    /** Seconds; the next run waits a random time between min and max. */
    intervalMin: z.number().min(1).max(86_400),
    intervalMax: z.number().min(1).max(86_400),
  })
  .refine((script) => script.intervalMin <= script.intervalMax, {
    error: 'intervalMin must not exceed intervalMax',
    path: ['intervalMin'],
  });
export type InstanceScript = z.infer<typeof instanceScriptSchema>;

const instanceSettingsShape = {
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
  userAgent: z.string().min(1).max(512).nullable(),
  headers: z
    .record(headerNameSchema, z.string().max(4096))
    .refine((headers) => Object.keys(headers).length <= 50, { error: 'at most 50 headers' }),
  proxyUrl: proxyUrlSchema.nullable(),
  script: instanceScriptSchema.nullable(),
};

export const createInstanceBodySchema = z
  .object({
    ...instanceSettingsShape,
    tags: instanceSettingsShape.tags.default([]),
    isolation: isolationSchema.default('context'),
    viewport: instanceSettingsShape.viewport.optional(),
    device: instanceSettingsShape.device.optional(),
    locale: instanceSettingsShape.locale.optional(),
    timezone: instanceSettingsShape.timezone.optional(),
    geolocation: instanceSettingsShape.geolocation.optional(),
    userAgent: instanceSettingsShape.userAgent.optional(),
    headers: instanceSettingsShape.headers.default({}),
    proxyUrl: instanceSettingsShape.proxyUrl.optional(),
    script: instanceSettingsShape.script.optional(),
    /** Start right away (default) or stay STOPPED until started. */
    autoStart: z.boolean().default(true),
  })
  .strict();
export type CreateInstanceBody = z.input<typeof createInstanceBodySchema>;

export const updateInstanceBodySchema = z.object(instanceSettingsShape).partial().strict();
export type UpdateInstanceBody = z.input<typeof updateInstanceBodySchema>;

export const instanceSchema = z.object({
  id: idSchema,
  organizationId: idSchema,
  name: z.string(),
  status: instanceStatusSchema,
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
  script: instanceScriptSchema.nullable(),
  workerId: idSchema.nullable(),
  /** PID of the Chromium browser process that hosts the instance, while it runs. */
  browserPid: z.number().int().nullable(),
  restartCount: z.number().int(),
  lastError: z.string().nullable(),
  lastActivityAt: isoDateSchema.nullable(),
  startedAt: isoDateSchema.nullable(),
  stoppedAt: isoDateSchema.nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Instance = z.infer<typeof instanceSchema>;

/** Filters shared by the list endpoint and batch operations. */
export const instanceFilterSchema = z.object({
  status: instanceStatusSchema.optional(),
  tag: tagSchema.optional(),
  /** Case-insensitive substring of the name. */
  search: z.string().max(100).optional(),
});
export type InstanceFilter = z.infer<typeof instanceFilterSchema>;

export const listInstancesQuerySchema = paginationQuerySchema.extend(instanceFilterSchema.shape);
export const instancePageSchema = pageSchema(instanceSchema);
export type InstancePage = z.infer<typeof instancePageSchema>;

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
    filter: instanceFilterSchema.optional(),
  })
  .strict()
  .refine((body) => (body.ids === undefined) !== (body.filter === undefined), {
    error: 'give either ids or filter',
    path: ['ids'],
  });
export const batchNavigateBodySchema = z
  .object({
    ids: z.array(idSchema).min(1).max(1000).optional(),
    filter: instanceFilterSchema.optional(),
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
      status: instanceStatusSchema.optional(),
      code: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
});
export type BatchResult = z.infer<typeof batchResultSchema>;

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

export const instanceLogSchema = z.object({
  id: z.number().int(),
  instanceId: idSchema,
  level: logLevelSchema,
  source: logSourceSchema,
  message: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
  at: isoDateSchema,
});
export type InstanceLog = z.infer<typeof instanceLogSchema>;

export const listInstanceLogsQuerySchema = paginationQuerySchema.extend({
  pageSize: z.coerce.number().int().min(1).max(1000).default(200),
  /** Only lines at or after this time. */
  since: isoDateSchema.optional(),
  /** Minimum level: `warn` returns warn and error. */
  level: logLevelSchema.optional(),
});
export const instanceLogPageSchema = pageSchema(instanceLogSchema);

export const instanceMetricSchema = z.object({
  instanceId: idSchema,
  at: isoDateSchema,
  /** Percent of one core used by the page since the previous sample. */
  cpuPercent: z.number(),
  /** Resident memory of the processes that serve the instance, bytes. */
  rssBytes: z.number(),
  jsHeapBytes: z.number(),
  /** Bytes received and sent since the previous sample. */
  netInBytes: z.number(),
  netOutBytes: z.number(),
});
export type InstanceMetric = z.infer<typeof instanceMetricSchema>;

export const listInstanceMetricsQuerySchema = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export const instanceMetricListSchema = z.object({ items: z.array(instanceMetricSchema) });

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
