import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { classifyAddress } from '@fleetwright/net-guard';
import ipaddr from 'ipaddr.js';
import { type CountryResponse, Reader } from 'mmdb-lib';

/**
 * Where an IP address is, from offline data shipped as npm packages (nothing is downloaded at
 * install or run time):
 * - country: `@ip-location-db/geo-whois-asn-country-mmdb` — the country the address block is
 *   registered to (RIR whois and ASN data, geofeeds), CC BY 4.0 by the NRO; 7.8 MB MMDB.
 * - ASN and its organization: `@ip-location-db/asn` — RouteViews, the five RIRs and DB-IP's
 *   IP-to-ASN Lite, CC BY 4.0 (attribution: DB-IP.com); CSV, kept as typed arrays.
 * Region and city stay null: the only city data in reach (MaxMind GeoLite2) comes with an EULA that
 * forbids passing it on, which a self-hosted product would do.
 */
export interface IpGeolocation {
  /** ISO 3166-1 alpha-2, e.g. "US". */
  country: string | null;
  region: string | null;
  city: string | null;
  /** Autonomous system number, e.g. 15169. */
  asn: number | null;
  /** The AS's organization, e.g. "Google LLC". */
  asOrganization: string | null;
}

const NOWHERE: IpGeolocation = { country: null, region: null, city: null, asn: null, asOrganization: null };

const require = createRequire(import.meta.url);

interface AsnTable {
  v4: { starts: Uint32Array; ends: Uint32Array; asns: Uint32Array; orgs: Uint32Array };
  v6: {
    startsHigh: BigUint64Array;
    startsLow: BigUint64Array;
    endsHigh: BigUint64Array;
    endsLow: BigUint64Array;
    asns: Uint32Array;
    orgs: Uint32Array;
  };
  organizations: string[];
}

/** The package's MMDB holds `{ country_code }` records, not MaxMind's country shape. */
type CountryCodeRecord = CountryResponse & { readonly country_code?: string };

let countries: Reader<CountryCodeRecord> | null = null;
let asnTable: AsnTable | null = null;

/**
 * Country, ASN and AS organization of a public IP address (IPv4 or IPv6); every field null for
 * loopback, private, link-local and other non-public addresses, or where the data has no entry.
 * The data loads on the first call (about 1 s and 25 MB live, 45 MB RSS on the test machine; see
 * loadGeolocation to do it earlier); a lookup then takes microseconds.
 *
 * @throws TypeError when `ip` is not an IP address.
 */
export function geolocate(ip: string): IpGeolocation {
  if (classifyAddress(ip) !== 'public') return { ...NOWHERE };
  const { countryReader, asns } = loadedData();
  const parsed = ipaddr.process(ip.replace(/%.*$/, ''));
  const country = countryReader.get(parsed.toString())?.country_code ?? null;
  const as =
    parsed.kind() === 'ipv4' ? findV4(asns, parsed as ipaddr.IPv4) : findV6(asns, parsed as ipaddr.IPv6);
  return {
    country,
    region: null,
    city: null,
    asn: as?.asn ?? null,
    asOrganization: as?.organization ?? null,
  };
}

/** Loads both data sets now (once) instead of on the first geolocate(), e.g. when a worker starts. */
export function loadGeolocation(): void {
  loadedData();
}

function loadedData(): { countryReader: Reader<CountryCodeRecord>; asns: AsnTable } {
  countries ??= new Reader(
    readFileSync(require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb')),
  );
  asnTable ??= loadAsnTable();
  return { countryReader: countries, asns: asnTable };
}

function loadAsnTable(): AsnTable {
  const organizations: string[] = [];
  const organizationIds = new Map<string, number>();
  const organizationId = (name: string) => {
    let id = organizationIds.get(name);
    if (id === undefined) {
      id = organizations.push(name) - 1;
      organizationIds.set(name, id);
    }
    return id;
  };

  const v4Csv = readFileSync(require.resolve('@ip-location-db/asn/asn-ipv4-num.csv'));
  const v4Count = countLines(v4Csv);
  const v4 = {
    starts: new Uint32Array(v4Count),
    ends: new Uint32Array(v4Count),
    asns: new Uint32Array(v4Count),
    orgs: new Uint32Array(v4Count),
  };
  const v4Rows = forEachRange(v4Csv, (i, start, end, asn, organization) => {
    v4.starts[i] = Number(start);
    v4.ends[i] = Number(end);
    v4.asns[i] = asn;
    v4.orgs[i] = organizationId(organization);
  });

  const v6Csv = readFileSync(require.resolve('@ip-location-db/asn/asn-ipv6-num.csv'));
  const v6Count = countLines(v6Csv);
  const v6 = {
    startsHigh: new BigUint64Array(v6Count),
    startsLow: new BigUint64Array(v6Count),
    endsHigh: new BigUint64Array(v6Count),
    endsLow: new BigUint64Array(v6Count),
    asns: new Uint32Array(v6Count),
    orgs: new Uint32Array(v6Count),
  };
  const v6Rows = forEachRange(v6Csv, (i, start, end, asn, organization) => {
    const first = BigInt(start);
    const last = BigInt(end);
    v6.startsHigh[i] = first >> 64n;
    v6.startsLow[i] = BigInt.asUintN(64, first);
    v6.endsHigh[i] = last >> 64n;
    v6.endsLow[i] = BigInt.asUintN(64, last);
    v6.asns[i] = asn;
    v6.orgs[i] = organizationId(organization);
  });
  // Lines that are not rows (a header, a blank last line) were counted but not filled.
  const trim = <T extends Record<string, Uint32Array | BigUint64Array>>(arrays: T, rows: number): T =>
    Object.fromEntries(Object.entries(arrays).map(([name, array]) => [name, array.subarray(0, rows)])) as T;
  return { v4: trim(v4, v4Rows), v6: trim(v6, v6Rows), organizations };
}

const NEWLINE = 0x0a;
const COMMA = 0x2c;

function countLines(csv: Buffer): number {
  let count = 0;
  for (let at = csv.indexOf(NEWLINE); at !== -1; at = csv.indexOf(NEWLINE, at + 1)) count += 1;
  return csv.at(-1) === NEWLINE ? count : count + 1;
}

/**
 * Calls `row` for each line `start,end,asn,organization` of the package's numeric CSV (sorted by
 * start), parsed from the file's bytes straight into typed arrays: neither the whole text as a
 * string nor an array of row objects for half a million lines, which would stay in the process's
 * memory (RSS) long after they are collected. The organization may be quoted with "" escapes
 * (`"LLC ""SPUTNIK"""`) and contain commas, so it is the rest of the line. Returns the row count.
 */
function forEachRange(
  csv: Buffer,
  row: (index: number, start: string, end: string, asn: number, organization: string) => void,
): number {
  let index = 0;
  let at = 0;
  while (at < csv.length) {
    let lineEnd = csv.indexOf(NEWLINE, at);
    if (lineEnd === -1) lineEnd = csv.length;
    const first = csv.indexOf(COMMA, at);
    const second = csv.indexOf(COMMA, first + 1);
    const third = csv.indexOf(COMMA, second + 1);
    if (first !== -1 && third !== -1 && third < lineEnd) {
      const contentEnd = csv[lineEnd - 1] === 0x0d ? lineEnd - 1 : lineEnd;
      let organization = csv.toString('utf8', third + 1, contentEnd);
      if (organization.startsWith('"')) organization = organization.slice(1, -1).replaceAll('""', '"');
      row(
        index,
        csv.toString('latin1', at, first),
        csv.toString('latin1', first + 1, second),
        Number(csv.toString('latin1', second + 1, third)),
        organization,
      );
      index += 1;
    }
    at = lineEnd + 1;
  }
  return index;
}

/** Index of the last range starting at or before the address, by binary search; -1 if none. */
function lastStartAtOrBefore(count: number, startsAfter: (index: number) => boolean): number {
  let low = 0;
  let high = count - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (startsAfter(middle)) high = middle - 1;
    else {
      found = middle;
      low = middle + 1;
    }
  }
  return found;
}

function findV4(table: AsnTable, address: ipaddr.IPv4): { asn: number; organization: string } | null {
  const [a = 0, b = 0, c = 0, d = 0] = address.octets;
  const value = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
  const { starts, ends, asns, orgs } = table.v4;
  const index = lastStartAtOrBefore(starts.length, (i) => starts[i]! > value);
  if (index === -1 || ends[index]! < value) return null;
  return { asn: asns[index]!, organization: table.organizations[orgs[index]!]! };
}

function findV6(table: AsnTable, address: ipaddr.IPv6): { asn: number; organization: string } | null {
  const bytes = address.toByteArray();
  let high = 0n;
  let low = 0n;
  for (let i = 0; i < 8; i++) high = (high << 8n) | BigInt(bytes[i]!);
  for (let i = 8; i < 16; i++) low = (low << 8n) | BigInt(bytes[i]!);
  const { startsHigh, startsLow, endsHigh, endsLow, asns, orgs } = table.v6;
  const index = lastStartAtOrBefore(
    startsHigh.length,
    (i) => startsHigh[i]! > high || (startsHigh[i] === high && startsLow[i]! > low),
  );
  if (index === -1) return null;
  const beyondEnd = endsHigh[index]! < high || (endsHigh[index] === high && endsLow[index]! < low);
  if (beyondEnd) return null;
  return { asn: asns[index]!, organization: table.organizations[orgs[index]!]! };
}
