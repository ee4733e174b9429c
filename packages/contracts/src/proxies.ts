import { z } from 'zod';
import {
  countryCodeSchema,
  httpUrlSchema,
  idSchema,
  isoDateSchema,
  pageSchema,
  paginationQuerySchema,
} from './common.ts';

/** The organization's proxy pool: a proxy is a "proxy" in every layer (API, schema, worker, dashboard). */
export const proxyProtocols = ['http', 'https', 'socks4', 'socks5'] as const;
export const proxyProtocolSchema = z.enum(proxyProtocols);
export type ProxyProtocol = z.infer<typeof proxyProtocolSchema>;

/**
 * UNCHECKED until the first check; HEALTHY, DEGRADED (slow or an isolated failure) and DOWN
 * (consecutive failures) are set by the health checks; BLACKLISTED is set by hand and never checked.
 */
export const proxyStatuses = ['UNCHECKED', 'HEALTHY', 'DEGRADED', 'DOWN', 'BLACKLISTED'] as const;
export const proxyStatusSchema = z.enum(proxyStatuses);
export type ProxyStatus = z.infer<typeof proxyStatusSchema>;

/** What the check target saw: the client's address (transparent), proxy headers only (anonymous), neither (elite). */
export const proxyAnonymities = ['transparent', 'anonymous', 'elite'] as const;
export const proxyAnonymitySchema = z.enum(proxyAnonymities);
export type ProxyAnonymity = z.infer<typeof proxyAnonymitySchema>;

export const MAX_PROXY_TAGS = 20;

export const proxyTagSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, { error: 'tags are letters, digits, _ . : - and start alnum' });

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** A DNS name: labels of letters, digits and inner hyphens (underscores too: some providers use them). */
const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/;
const ipv6Schema = z.ipv6();

/**
 * The host as stored: lower-case, IPv6 without brackets; undefined when it is not an IPv4 or IPv6
 * address or a DNS name. `[::1]` and `::1` both give `::1`.
 */
export function normalizeProxyHost(value: string): string | undefined {
  const host = value.trim().toLowerCase();
  const unbracketed = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (ipv6Schema.safeParse(unbracketed).success) return unbracketed;
  if (unbracketed !== host) return undefined;
  if (IPV4.test(host)) return host;
  // All-digit dotted names that are not IPv4 (999.1.1.1) are typos, not names.
  if (/^[\d.]+$/.test(host)) return undefined;
  return HOSTNAME.test(host) ? host.replace(/\.$/, '') : undefined;
}

/** How a stored host is written in a URL or a `host:port` line: IPv6 goes in brackets. */
export function formatProxyHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export const proxyHostSchema = z
  .string({ error: 'must be a host name or an IP address' })
  .max(255)
  .transform((value, context) => {
    const host = normalizeProxyHost(value);
    if (host === undefined) {
      context.addIssue({ code: 'custom', message: 'must be a host name or an IP address' });
      return z.NEVER;
    }
    return host;
  });

export const proxyPortSchema = z
  .number({ error: 'must be a port number' })
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be between 1 and 65535' })
  .max(65535, { error: 'must be between 1 and 65535' });

/** Credentials: printable, no line breaks (they end up in a Proxy-Authorization header or a SOCKS handshake). */
const credentialSchema = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it refuses.
    .regex(/^[^\x00-\x1f\x7f]*$/, { error: 'must not contain control characters' });

export const proxyUsernameSchema = credentialSchema(255);
export const proxyPasswordSchema = credentialSchema(1024);

export const createProxyBodySchema = z
  .object({
    protocol: proxyProtocolSchema.default('http'),
    host: proxyHostSchema,
    port: proxyPortSchema,
    username: proxyUsernameSchema.nullable().optional(),
    /** Write-only: stored encrypted, never answered (see `hasPassword`). */
    password: proxyPasswordSchema.nullable().optional(),
    tags: z.array(proxyTagSchema).max(MAX_PROXY_TAGS).default([]),
  })
  .strict();
export type CreateProxyBody = z.input<typeof createProxyBodySchema>;

/**
 * PATCH: only the fields given change. `password: null` removes it. Changing protocol, host, port or
 * username makes it another proxy: its check results are cleared and it is UNCHECKED again (unless
 * BLACKLISTED, which stays until undone).
 */
export const updateProxyBodySchema = z
  .object({
    protocol: proxyProtocolSchema,
    host: proxyHostSchema,
    port: proxyPortSchema,
    username: proxyUsernameSchema.nullable(),
    password: proxyPasswordSchema.nullable(),
    tags: z.array(proxyTagSchema).max(MAX_PROXY_TAGS),
  })
  .partial()
  .strict();
export type UpdateProxyBody = z.input<typeof updateProxyBodySchema>;

export const proxySchema = z.object({
  id: idSchema,
  protocol: proxyProtocolSchema,
  /** Lower-case; an IPv6 address without brackets. */
  host: z.string(),
  port: z.number().int(),
  username: z.string().nullable(),
  /** The password itself is write-only: never in a response, a log line or an event. */
  hasPassword: z.boolean(),
  tags: z.array(z.string()),
  status: proxyStatusSchema,
  /** ISO 3166-1 alpha-2 of the exit address, from the offline geolocation data. */
  country: z.string().nullable(),
  region: z.string().nullable(),
  city: z.string().nullable(),
  /** Autonomous system number of the exit address. */
  asn: z.number().int().nullable(),
  /** The address the check target saw. */
  exitIp: z.string().nullable(),
  /** Of the last successful check, ms. */
  latencyMs: z.number().int().nullable(),
  /** Share of successful checks in the health window, 0–1. */
  successRate: z.number().nullable(),
  anonymity: proxyAnonymitySchema.nullable(),
  /** Whether it tunnels HTTPS (CONNECT); null until checked. */
  supportsConnect: z.boolean().nullable(),
  lastCheckedAt: isoDateSchema.nullable(),
  lastUsedAt: isoDateSchema.nullable(),
  /** Active sessions using it. */
  sessionsUsing: z.number().int(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
/** A proxy of the pool as the API answers it (not `Proxy`, which would shadow the global). */
export type PoolProxy = z.infer<typeof proxySchema>;

/** Filters shared by the list and bulk delete. */
export const proxyFilterSchema = z
  .object({
    status: proxyStatusSchema.optional(),
    country: countryCodeSchema.optional(),
    protocol: proxyProtocolSchema.optional(),
    tag: proxyTagSchema.optional(),
    /** Case-insensitive substring of the host or of a tag. */
    search: z.string().max(100).optional(),
  })
  .strict();
export type ProxyFilter = z.infer<typeof proxyFilterSchema>;

export const listProxiesQuerySchema = paginationQuerySchema.extend(proxyFilterSchema.shape);
export const proxyPageSchema = pageSchema(proxySchema);
export type ProxyPage = z.infer<typeof proxyPageSchema>;

/**
 * POST /proxies/delete: `ids` (at most 1000) or a `filter` (every proxy that matches it; `{}` is
 * the whole pool), not both.
 */
export const deleteProxiesBodySchema = z
  .object({
    ids: z.array(idSchema).min(1).max(1000).optional(),
    filter: proxyFilterSchema.optional(),
  })
  .strict()
  .refine((body) => (body.ids === undefined) !== (body.filter === undefined), {
    error: 'give either ids or filter',
    path: ['ids'],
  });
export const deleteProxiesResponseSchema = z.object({
  /** How many proxies were deleted (ids of another organization or unknown count as not found). */
  deleted: z.number().int(),
});

/**
 * GET /proxies/countries: the pool per exit country and status, for the dashboard's map. Proxies
 * not located yet (never checked, or no data for their exit address) are counted under `null`.
 */
export const proxyCountrySchema = z.object({
  /** ISO 3166-1 alpha-2, or null for proxies without a known exit country. */
  country: z.string().nullable(),
  total: z.number().int(),
  /** Proxies of this country in each status; a status with none is 0. */
  statuses: z.object({
    UNCHECKED: z.number().int(),
    HEALTHY: z.number().int(),
    DEGRADED: z.number().int(),
    DOWN: z.number().int(),
    BLACKLISTED: z.number().int(),
  } satisfies Record<ProxyStatus, z.ZodNumber>),
});
export type ProxyCountry = z.infer<typeof proxyCountrySchema>;
export const proxyCountriesResponseSchema = z.object({
  /** Most proxies first. */
  items: z.array(proxyCountrySchema),
});
export type ProxyCountriesResponse = z.infer<typeof proxyCountriesResponseSchema>;

// ---- import ---------------------------------------------------------------------------------------

export const proxyImportFormats = ['txt', 'csv', 'json'] as const;
export const proxyImportFormatSchema = z.enum(proxyImportFormats);
export type ProxyImportFormat = z.infer<typeof proxyImportFormatSchema>;

export const importProxiesQuerySchema = z
  .object({
    /** Parse and answer what would happen, writing nothing. */
    dryRun: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    /** @default from the content type: text/plain → txt, text/csv → csv, application/json → json */
    format: proxyImportFormatSchema.optional(),
    /** Comma-separated tags added to every imported proxy. */
    tags: z
      .string()
      .max(1000)
      .transform((value) =>
        value
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
      )
      .pipe(z.array(proxyTagSchema).max(MAX_PROXY_TAGS))
      .optional(),
  })
  .strict();

/**
 * An entry of a JSON list: an object with the fields of a CSV row, or a string in one of the txt
 * forms. Anything else is reported as an invalid entry, not refused with the whole request.
 */
export const proxyImportRecordSchema = z.unknown();

/** A list to fetch: the server downloads it through the SSRF guard (no private addresses unless allowed). */
export const importProxiesFromUrlSchema = z
  .object({
    url: httpUrlSchema,
    /** @default from the response's content type, else the URL's extension, else txt */
    format: proxyImportFormatSchema.optional(),
  })
  .strict();

/**
 * The body of POST /proxies/import: the list itself (text/plain or text/csv as text; application/json
 * as an array), or `{ url }` of a list to fetch.
 */
export const importProxiesBodySchema = z.union([
  z.string(),
  z.array(proxyImportRecordSchema),
  importProxiesFromUrlSchema,
]);

export const proxyImportProblemSchema = z.object({
  /** 1-based line of the file (for JSON: the entry's position in the array). */
  line: z.number().int(),
  reason: z.string(),
  /** The field at fault: protocol, host, port, username, password, tags, or the line itself. */
  field: z.string().optional(),
  /** Where the line is well-formed but refused: the API's error code (TARGET_NOT_ALLOWED for a private host). */
  code: z.string().optional(),
});
export type ProxyImportProblem = z.infer<typeof proxyImportProblemSchema>;

/** At most this many invalid lines are listed; `invalidCount` counts them all. */
export const MAX_LISTED_IMPORT_PROBLEMS = 1000;

export const importProxiesResponseSchema = z.object({
  /** New proxies (for a dry run: that would be new). */
  imported: z.number().int(),
  /** Valid lines that merged into a proxy already in the pool or earlier in the same list. */
  merged: z.number().int(),
  /** The first invalid lines, in order, each with its reason. */
  invalid: z.array(proxyImportProblemSchema),
  invalidCount: z.number().int(),
  /** Lines (or entries) read, blank lines and # comments left out. */
  total: z.number().int(),
  dryRun: z.boolean(),
  /** For a dry run: the first 100 valid entries as they would be stored (no passwords). */
  preview: z
    .array(
      proxySchema
        .pick({ protocol: true, host: true, port: true, username: true, hasPassword: true, tags: true })
        .extend({ line: z.number().int() }),
    )
    .optional(),
});
export type ImportProxiesResponse = z.infer<typeof importProxiesResponseSchema>;

// ---- validation -----------------------------------------------------------------------------------

/** Why a check failed, as the checking engine (apps/worker/src/proxies/check-errors.ts) names it. */
export const proxyCheckErrorCodes = [
  'REFUSED',
  'TIMEOUT',
  'AUTH_FAILED',
  'DNS',
  'UNREACHABLE',
  'RESET',
  'TLS',
  'PROXY_ERROR',
  'BAD_RESPONSE',
  'ABORTED',
  'NOT_ALLOWED',
] as const;
export const proxyCheckErrorCodeSchema = z.enum(proxyCheckErrorCodes);
export type ProxyCheckErrorCode = z.infer<typeof proxyCheckErrorCodeSchema>;

/**
 * POST /proxies/validate: `ids` (at most 10,000), a `filter`, or `all: true` — exactly one.
 * BLACKLISTED proxies are never checked, whichever way they are chosen.
 */
export const validateProxiesBodySchema = z
  .object({
    ids: z.array(idSchema).min(1).max(10_000).optional(),
    filter: proxyFilterSchema.optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((body) => [body.ids, body.filter, body.all].filter((choice) => choice !== undefined).length === 1, {
    error: 'give exactly one of ids, filter or all',
    path: ['ids'],
  });
export type ValidateProxiesBody = z.input<typeof validateProxiesBodySchema>;

/** A validation run is a queue job: QUEUED until a worker takes it, then RUNNING until done. */
export const proxyValidationStatuses = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export const proxyValidationStatusSchema = z.enum(proxyValidationStatuses);
export type ProxyValidationStatus = z.infer<typeof proxyValidationStatusSchema>;

export const proxyValidationSchema = z.object({
  id: idSchema,
  status: proxyValidationStatusSchema,
  /** Proxies chosen when the run was asked for. */
  total: z.number().int(),
  /** Checked so far (succeeded + failed). */
  checked: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  /** Why a FAILED run stopped (not a proxy's failure: those are counted in `failed`). */
  error: z.string().nullable(),
  createdAt: isoDateSchema,
  startedAt: isoDateSchema.nullable(),
  finishedAt: isoDateSchema.nullable(),
});
export type ProxyValidation = z.infer<typeof proxyValidationSchema>;

/** One check of a proxy, kept in its history (pruned by age). */
export const proxyCheckSchema = z.object({
  at: isoDateSchema,
  ok: z.boolean(),
  latencyMs: z.number().int().nullable(),
  exitIp: z.string().nullable(),
  error: proxyCheckErrorCodeSchema.nullable(),
});
export type ProxyCheck = z.infer<typeof proxyCheckSchema>;

/** GET /proxies/:id/checks: the checks of the last `hours` (default 24, at most the retention), newest first. */
export const listProxyChecksQuerySchema = z
  .object({
    hours: z.coerce
      .number({ error: 'must be a number of hours' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be between 1 and 720' })
      .max(720, { error: 'must be between 1 and 720' })
      .default(24),
  })
  .strict();
export const proxyChecksResponseSchema = z.object({
  checks: z.array(proxyCheckSchema),
  /** Over the window; null without checks. */
  successRate: z.number().nullable(),
  meanLatencyMs: z.number().int().nullable(),
});
export type ProxyChecksResponse = z.infer<typeof proxyChecksResponseSchema>;
