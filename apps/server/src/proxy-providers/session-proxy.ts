import { providerCountryRefusal, providerProxyUrl } from '@fleetwright/contracts';
import type { Database, ProxyProviderRow } from '@fleetwright/db';
import { type Keyring, openProviderPassword } from '@fleetwright/secrets';
import { AppError } from '../errors.ts';
import { findProxyProvider } from './service.ts';

/** What one session asks of a provider entry. */
export interface ProviderSessionTarget {
  /** Exit country, ISO 3166-1 alpha-2 (any case); none: the provider's choice. */
  country?: string | null;
  /** Keeps the exit for this key where the provider has sticky exits (the session's id, say); none: rotating. */
  sessionKey?: string | null;
}

/**
 * The proxy URL (credentials included) one session uses through the organization's provider entry
 * `providerId`, for the sessions that take their proxy from a provider. The password is opened
 * here and nowhere else; the URL must go to the worker only, never into a response or a log.
 *
 * @throws AppError PROXY_PROVIDER_NOT_FOUND (404) for an entry the organization does not have;
 * VALIDATION_ERROR (field `country`) for a country that is no two-letter code;
 * PROXY_COUNTRY_NOT_SERVED (409, field `country`) for a country the provider has no gateway for,
 * or that the entry's own country list leaves out.
 */
export async function providerSessionProxyUrl(
  deps: { db: Database; keyring: Keyring },
  organizationId: string,
  providerId: string,
  target: ProviderSessionTarget = {},
): Promise<string> {
  const row = await findProxyProvider(deps, { organizationId, id: providerId });
  const country = target.country ? target.country.toUpperCase() : null;
  // It goes into the proxy's username: nothing but a country code may get there.
  if (country !== null && !/^[A-Z]{2}$/.test(country)) {
    throw new AppError(
      'VALIDATION_ERROR',
      'country: must be a two-letter country code (ISO 3166-1 alpha-2)',
      {
        field: 'country',
      },
    );
  }
  if (country) assertCountryServed(row, country, 'country');
  return providerProxyUrl(
    {
      kind: row.kind,
      username: row.username,
      zone: row.zone,
      password: openProviderPassword(deps.keyring, row.id, row.password),
      host: row.host,
      port: row.port,
    },
    { country, session: target.sessionKey ?? null, stickyMinutes: row.stickyMinutes },
  );
}

/**
 * PROXY_COUNTRY_NOT_SERVED (409, naming `field`) unless the entry gives exits in `country`. 409
 * like the pool's NO_PROXY_IN_COUNTRY: the request is well formed, and what refuses it is the
 * organization's own setup (which entry, its country list), which can change.
 */
export function assertCountryServed(
  row: Pick<ProxyProviderRow, 'id' | 'kind' | 'name' | 'countries'>,
  country: string,
  field: string,
): void {
  const refusal = providerCountryRefusal(row, country);
  if (refusal) {
    throw new AppError('PROXY_COUNTRY_NOT_SERVED', refusal, {
      field,
      details: { providerId: row.id, country },
    });
  }
}
