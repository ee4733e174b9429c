import { z } from 'zod';
import { countryCodeSchema, pageSchema } from './common.ts';

/**
 * Proxy providers: one account at a commercial provider (its gateway and credentials) that yields a
 * proxy per session, for a chosen country and, where the provider has them, a sticky exit (the
 * same IP for one session). The presets encode each provider's documented username syntax; the
 * gateway host and port can be changed per entry, since providers rename them (Smartproxy became
 * Decodo) and offer other entry points (datacenter, ISP).
 */
export const proxyProviderKinds = ['brightdata', 'decodo', 'oxylabs', 'proxymesh'] as const;
export type ProxyProviderKind = (typeof proxyProviderKinds)[number];

/** What an entry of a provider needs besides the gateway and the password. */
export interface ProxyProviderAccount {
  /** Bright Data: the customer id (`hl_…`); others: the proxy user's name. */
  username: string;
  /** Bright Data only: the zone (e.g. `residential_proxy1`). */
  zone?: string | null;
}

/** What one session asks of a provider entry. */
export interface ProxyProviderTarget {
  /** The exit country, ISO 3166-1 alpha-2; none: the provider's choice. */
  country?: string | null;
  /** A sticky exit for this key (letters and digits are kept, up to 24); none: rotating. */
  session?: string | null;
  /** How long a sticky exit lasts, minutes, where the provider lets the user say. */
  stickyMinutes?: number | null;
}

export interface ProxyProviderPreset {
  kind: ProxyProviderKind;
  label: string;
  /** The default gateway (rotating residential entry). */
  host: string;
  port: number;
  /** Whether the account needs a zone (Bright Data). */
  needsZone: boolean;
  /** Whether the username can ask for a sticky exit. */
  sticky: boolean;
  /** Countries it serves: any ISO code, or only those it has gateways for. */
  countries: 'any' | readonly string[];
  /** The proxy username for one session. */
  username(account: ProxyProviderAccount, target: ProxyProviderTarget): string;
  /** The gateway host for a country, where the provider selects countries by host. */
  hostFor?(country: string | null | undefined): string;
}

/** Session keys as providers accept them: letters and digits only, 24 at most. */
function stickyKey(session: string | null | undefined): string | null {
  if (!session) return null;
  const key = session.replace(/[^A-Za-z0-9]/g, '').slice(0, 24);
  return key.length > 0 ? key : null;
}

/** ProxyMesh selects the country by server (`<location>.proxymesh.com`); these are its country servers. */
const PROXYMESH_HOSTS: Record<string, string> = {
  US: 'us-ca.proxymesh.com',
  GB: 'uk.proxymesh.com',
  DE: 'de.proxymesh.com',
  FR: 'fr.proxymesh.com',
  NL: 'nl.proxymesh.com',
  CH: 'ch.proxymesh.com',
  JP: 'jp.proxymesh.com',
  SG: 'sg.proxymesh.com',
  AU: 'au.proxymesh.com',
  IN: 'in.proxymesh.com',
};

export const proxyProviderPresets: Record<ProxyProviderKind, ProxyProviderPreset> = {
  // brd-customer-<id>-zone-<zone>[-country-<cc>][-session-<key>]; sticky while the key is reused.
  brightdata: {
    kind: 'brightdata',
    label: 'Bright Data',
    host: 'brd.superproxy.io',
    port: 33335,
    needsZone: true,
    sticky: true,
    countries: 'any',
    username(account, target) {
      const parts = [`brd-customer-${account.username}`, `zone-${account.zone ?? ''}`];
      if (target.country) parts.push(`country-${target.country.toLowerCase()}`);
      const key = stickyKey(target.session);
      if (key) parts.push(`session-${key}`);
      return parts.join('-');
    },
  },
  // user-<name>[-country-<cc>][-session-<key>[-sessionduration-<minutes>]] (Smartproxy's syntax, kept by Decodo).
  decodo: {
    kind: 'decodo',
    label: 'Decodo (Smartproxy)',
    host: 'gate.decodo.com',
    port: 7000,
    needsZone: false,
    sticky: true,
    countries: 'any',
    username(account, target) {
      const parts = [`user-${account.username}`];
      if (target.country) parts.push(`country-${target.country.toLowerCase()}`);
      const key = stickyKey(target.session);
      if (key) {
        parts.push(`session-${key}`);
        if (target.stickyMinutes) parts.push(`sessionduration-${target.stickyMinutes}`);
      }
      return parts.join('-');
    },
  },
  // customer-<name>[-cc-<CC>][-sessid-<key>[-sesstime-<minutes>]]: sessions last 10 minutes unless sesstime says.
  oxylabs: {
    kind: 'oxylabs',
    label: 'Oxylabs',
    host: 'pr.oxylabs.io',
    port: 7777,
    needsZone: false,
    sticky: true,
    countries: 'any',
    username(account, target) {
      const parts = [`customer-${account.username}`];
      if (target.country) parts.push(`cc-${target.country.toUpperCase()}`);
      const key = stickyKey(target.session);
      if (key) {
        parts.push(`sessid-${key}`);
        if (target.stickyMinutes) parts.push(`sesstime-${target.stickyMinutes}`);
      }
      return parts.join('-');
    },
  },
  // Plain credentials; the country is the server's, and an exit stays only through a request
  // header (X-ProxyMesh-IP), which a browser context cannot send to its proxy: rotating only.
  proxymesh: {
    kind: 'proxymesh',
    label: 'ProxyMesh',
    host: 'us-ca.proxymesh.com',
    port: 31280,
    needsZone: false,
    sticky: false,
    countries: Object.keys(PROXYMESH_HOSTS),
    username: (account) => account.username,
    hostFor: (country) =>
      country ? (PROXYMESH_HOSTS[country.toUpperCase()] ?? 'us-ca.proxymesh.com') : 'us-ca.proxymesh.com',
  },
};

/** Whether a provider entry can give an exit in `country`. */
export function providerServesCountry(kind: ProxyProviderKind, country: string): boolean {
  const { countries } = proxyProviderPresets[kind];
  return countries === 'any' || countries.includes(country.toUpperCase());
}

/**
 * Why an entry cannot give an exit in `country` (upper case), or null when it can: the provider has
 * no gateway there, or the entry's own country list (empty: any) leaves it out. The server refuses
 * such a session (PROXY_COUNTRY_NOT_SERVED) and the worker fails its start the same way when the
 * entry was changed since.
 */
export function providerCountryRefusal(
  entry: { kind: ProxyProviderKind; name: string; countries: readonly string[] },
  country: string,
): string | null {
  if (!providerServesCountry(entry.kind, country)) {
    return `${proxyProviderPresets[entry.kind].label} has no exit in ${country}.`;
  }
  if (entry.countries.length > 0 && !entry.countries.includes(country)) {
    return `The provider entry "${entry.name}" is limited to ${entry.countries.join(', ')}, not ${country}.`;
  }
  return null;
}

/** A provider entry as stored (the password decrypted), enough to build a session's proxy. */
export interface ProxyProviderEntry extends ProxyProviderAccount {
  kind: ProxyProviderKind;
  password: string;
  /** Overrides of the preset's gateway. */
  host?: string | null;
  port?: number | null;
}

/** The gateway a session of `country` goes through: the entry's own, a country's server, or the preset's. */
export function providerGateway(
  entry: Pick<ProxyProviderEntry, 'kind' | 'host' | 'port'>,
  country?: string | null,
): { host: string; port: number } {
  const preset = proxyProviderPresets[entry.kind];
  return { host: entry.host ?? preset.hostFor?.(country) ?? preset.host, port: entry.port ?? preset.port };
}

/**
 * The proxy URL one session uses through a provider entry, e.g.
 * `http://customer-joe-cc-DE-sessid-abc:pw@pr.oxylabs.io:7777`. The country must be one the
 * provider serves (providerServesCountry); an entry's own host replaces the preset's, but never a
 * country's server (ProxyMesh) unless the entry names one.
 */
export function providerProxyUrl(entry: ProxyProviderEntry, target: ProxyProviderTarget = {}): string {
  const preset = proxyProviderPresets[entry.kind];
  const { host, port } = providerGateway(entry, target.country);
  const url = new URL(`http://${host}:${port}`);
  url.username = encodeURIComponent(preset.username(entry, target));
  url.password = encodeURIComponent(entry.password);
  return url.toString().replace(/\/$/, '');
}

const hostSchema = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$/, { error: 'must be a host name or an IPv4 address' });

/** Body of `POST /api/v1/proxy-providers`. The password is write-only. */
export const createProxyProviderSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'must not be empty' }).max(100),
    kind: z.enum(proxyProviderKinds, {
      error: `must be one of ${proxyProviderKinds.join(', ')}`,
    }),
    username: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
    zone: z.string().trim().min(1).max(200).nullish(),
    password: z.string().min(1, { error: 'must not be empty' }).max(500),
    host: hostSchema.nullish(),
    port: z.number().int().min(1).max(65535).nullish(),
    /** Countries this entry is used for (empty: any the provider serves). */
    countries: z.array(countryCodeSchema).max(250).default([]),
    /** Minutes a sticky exit lasts where the provider lets the user say (Decodo, Oxylabs). */
    stickyMinutes: z.number().int().min(1).max(1440).nullish(),
  })
  .strict()
  .superRefine((body, context) => {
    const preset = proxyProviderPresets[body.kind] as ProxyProviderPreset | undefined;
    // An unknown kind has its own issue already.
    if (!preset) return;
    if (preset.needsZone && !body.zone)
      context.addIssue({ code: 'custom', path: ['zone'], message: `${preset.label} needs a zone` });
    for (const [index, country] of body.countries.entries()) {
      // A value that is no country code has its own issue already.
      if (/^[A-Z]{2}$/.test(country) && !providerServesCountry(body.kind, country))
        context.addIssue({
          code: 'custom',
          path: ['countries', index],
          message: `${preset.label} has no gateway for ${country}`,
        });
    }
  });
export type CreateProxyProvider = z.infer<typeof createProxyProviderSchema>;

/** Body of `PATCH /api/v1/proxy-providers/:id`: any field but the kind; a new password replaces the old one. */
export const updateProxyProviderSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'must not be empty' }).max(100),
    username: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
    zone: z.string().trim().min(1).max(200).nullable(),
    password: z.string().min(1, { error: 'must not be empty' }).max(500),
    host: hostSchema.nullable(),
    port: z.number().int().min(1).max(65535).nullable(),
    countries: z.array(countryCodeSchema).max(250),
    stickyMinutes: z.number().int().min(1).max(1440).nullable(),
  })
  .partial()
  // The kind stays: an entry for another provider is another entry.
  .strict();
export type UpdateProxyProvider = z.infer<typeof updateProxyProviderSchema>;

/** A provider entry in the API: never its password. */
export const proxyProviderSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(proxyProviderKinds),
  username: z.string(),
  zone: z.string().nullable(),
  hasPassword: z.boolean(),
  /** The gateway in use: the entry's own or the preset's. */
  host: z.string(),
  port: z.number().int(),
  countries: z.array(z.string()),
  stickyMinutes: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProxyProvider = z.infer<typeof proxyProviderSchema>;

export const proxyProviderPageSchema = pageSchema(proxyProviderSchema);
export type ProxyProviderPage = z.infer<typeof proxyProviderPageSchema>;

/** A preset as `GET /api/v1/proxy-providers/presets` answers it, for the dashboard's provider form. */
export const proxyProviderPresetSchema = z.object({
  kind: z.enum(proxyProviderKinds),
  label: z.string(),
  /** The default gateway. */
  host: z.string(),
  port: z.number().int(),
  needsZone: z.boolean(),
  sticky: z.boolean(),
  /** `any`, or the only countries it has gateways for. */
  countries: z.union([z.literal('any'), z.array(z.string())]),
});
export type ProxyProviderPresetInfo = z.infer<typeof proxyProviderPresetSchema>;

/** The presets without their username builders: what the dashboard's provider form needs. */
export function proxyProviderPresetInfos(): ProxyProviderPresetInfo[] {
  return proxyProviderKinds.map((kind) => {
    const { label, host, port, needsZone, sticky, countries } = proxyProviderPresets[kind];
    return {
      kind,
      label,
      host,
      port,
      needsZone,
      sticky,
      countries: countries === 'any' ? 'any' : [...countries],
    };
  });
}

export const proxyProviderPresetsSchema = z.object({ items: z.array(proxyProviderPresetSchema) });
