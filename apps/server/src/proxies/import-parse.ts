import { Readable } from 'node:stream';
import {
  MAX_PROXY_TAGS,
  normalizeProxyHost,
  type ProxyImportFormat,
  type ProxyProtocol,
  proxyProtocols,
  proxyTagSchema,
} from '@fleetwright/contracts';
import { parse as parseCsv } from 'csv-parse';
import { AppError } from '../errors.ts';

/** One proxy as a list gives it, checked and normalized; the password still in clear. */
export interface ProxyEntry {
  protocol: ProxyProtocol;
  host: string;
  port: number;
  username: string | null;
  password: string | null;
  tags: string[];
}

export interface EntryProblem {
  reason: string;
  field?: string;
}

/** What a list yields for each line (or JSON entry) that is not blank or a comment. */
export type ReadLine = { line: number; entry: ProxyEntry } | { line: number; problem: EntryProblem };

const MAX_USERNAME = 255;
const MAX_PASSWORD = 1024;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds.
const CONTROL = /[\x00-\x1f\x7f]/;
/** How much of a value a reason quotes: enough to find the line, never a password (those are not quoted). */
const QUOTE_MAX = 60;

function quote(value: string): string {
  return JSON.stringify(value.length > QUOTE_MAX ? `${value.slice(0, QUOTE_MAX)}…` : value);
}

function problem(field: string | undefined, reason: string): { problem: EntryProblem } {
  return { problem: field ? { field, reason } : { reason } };
}

function isProtocol(value: string): value is ProxyProtocol {
  return (proxyProtocols as readonly string[]).includes(value);
}

function checkProtocol(value: string): ProxyProtocol | { problem: EntryProblem } {
  const protocol = value.trim().toLowerCase();
  if (isProtocol(protocol)) return protocol;
  return problem('protocol', `unknown protocol ${quote(value)}: use http, https, socks4 or socks5`);
}

function checkHost(value: string | undefined): string | { problem: EntryProblem } {
  if (value === undefined || value.trim() === '') return problem('host', 'the host is missing');
  return (
    normalizeProxyHost(value) ??
    problem('host', `${quote(value)} is not a host name or an IP address (IPv6 goes in brackets)`)
  );
}

function checkPort(value: string | number | undefined): number | { problem: EntryProblem } {
  if (value === undefined || value === '') return problem('port', 'the port is missing');
  const text = String(value).trim();
  // Not quoted: in a line with its fields out of order, the port's place may hold a password.
  if (!/^\d{1,10}$/.test(text)) return problem('port', 'the port is not a number');
  const port = Number(text);
  if (port < 1 || port > 65535) return problem('port', `port ${port} is out of range (1–65535)`);
  return port;
}

/** A credential as stored: '' is none; never quoted in a reason. */
function checkCredential(
  field: 'username' | 'password',
  value: string | null,
): string | null | { problem: EntryProblem } {
  if (value === null || value === '') return null;
  const max = field === 'username' ? MAX_USERNAME : MAX_PASSWORD;
  if (value.length > max) return problem(field, `the ${field} is longer than ${max} characters`);
  if (CONTROL.test(value)) return problem(field, `the ${field} contains control characters`);
  return value;
}

function checkTags(values: string[]): string[] | { problem: EntryProblem } {
  const tags = [...new Set(values.map((tag) => tag.trim()).filter(Boolean))];
  for (const tag of tags) {
    if (!proxyTagSchema.safeParse(tag).success)
      return problem('tags', `tag ${quote(tag)}: tags are letters, digits, _ . : - and start alnum`);
  }
  if (tags.length > MAX_PROXY_TAGS) return problem('tags', `at most ${MAX_PROXY_TAGS} tags`);
  return tags;
}

function failed<T>(value: T | { problem: EntryProblem }): value is { problem: EntryProblem } {
  return typeof value === 'object' && value !== null && 'problem' in value;
}

interface RawFields {
  protocol?: string;
  host?: string;
  port?: string | number;
  username?: string | null;
  password?: string | null;
  tags?: string[];
}

/** Checks the fields of one entry, first problem first (protocol, host, port, credentials, tags). */
function toEntry(fields: RawFields, extraTags: string[]): ProxyEntry | { problem: EntryProblem } {
  const protocol = checkProtocol(fields.protocol ?? 'http');
  if (failed(protocol)) return protocol;
  const host = checkHost(fields.host);
  if (failed(host)) return host;
  const port = checkPort(fields.port);
  if (failed(port)) return port;
  const username = checkCredential('username', fields.username ?? null);
  if (failed(username)) return username;
  const password = checkCredential('password', fields.password ?? null);
  if (failed(password)) return password;
  const tags = checkTags([...(fields.tags ?? []), ...extraTags]);
  if (failed(tags)) return tags;
  return { protocol, host, port, username, password, tags };
}

function percentDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/**
 * The txt forms: `host:port`, `host:port:user:pass`, `user:pass@host:port` and
 * `scheme://user:pass@host:port` (scheme http when none is given; IPv6 hosts in brackets). In the
 * URL form the credentials are percent-decoded, as in any URL; elsewhere they are taken as written
 * (the password is everything after the user's first colon).
 */
export function parseProxyLine(
  text: string,
  extraTags: string[] = [],
): ProxyEntry | { problem: EntryProblem } {
  let rest = text.trim();
  const fields: RawFields = {};
  const scheme = SCHEME.exec(rest);
  if (scheme) {
    fields.protocol = scheme[1]!;
    rest = rest.slice(scheme[0].length).replace(/\/$/, '');
    if (rest.includes('/'))
      return problem(undefined, 'a proxy URL has no path: scheme://user:pass@host:port');
  }
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    rest = rest.slice(at + 1);
    const colon = userinfo.indexOf(':');
    const username = colon < 0 ? userinfo : userinfo.slice(0, colon);
    const password = colon < 0 ? null : userinfo.slice(colon + 1);
    fields.username = scheme ? percentDecoded(username) : username;
    fields.password = password !== null && scheme ? percentDecoded(password) : password;
  }
  let parts: string[];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return problem('host', 'the IPv6 address has no closing bracket');
    fields.host = rest.slice(0, close + 1);
    const after = rest.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return problem('port', 'expected :port after the host');
    parts = after === '' ? [] : after.slice(1).split(':');
  } else {
    parts = rest.split(':');
    fields.host = parts.shift();
    // A bare IPv6 address splits into many parts; say what to do instead of "bad port".
    if (parts.length > 3 && /^[0-9a-f]*$/i.test(fields.host ?? ''))
      return problem('host', 'an IPv6 address goes in brackets: [2001:db8::1]:8080');
  }
  fields.port = parts[0];
  const extra = parts.slice(1);
  if (extra.length > 0) {
    if (scheme || at >= 0) return problem('port', 'unexpected text after the port');
    // host:port:user:pass — a password may contain colons.
    fields.username = extra[0] ?? null;
    fields.password = extra.length > 1 ? extra.slice(1).join(':') : null;
  }
  return toEntry(fields, extraTags);
}

/** Column and JSON key names, as people write them, to our fields. */
const FIELD_ALIASES: Record<string, keyof RawFields | 'url'> = {
  protocol: 'protocol',
  scheme: 'protocol',
  type: 'protocol',
  host: 'host',
  hostname: 'host',
  ip: 'host',
  address: 'host',
  port: 'port',
  username: 'username',
  user: 'username',
  login: 'username',
  password: 'password',
  pass: 'password',
  tags: 'tags',
  tag: 'tags',
  url: 'url',
  proxy: 'url',
};

function fieldOf(name: string): keyof RawFields | 'url' | undefined {
  const key = name.trim().toLowerCase();
  // Own keys only: a column named `constructor` is not Object.prototype's.
  return Object.hasOwn(FIELD_ALIASES, key) ? FIELD_ALIASES[key] : undefined;
}

function splitTags(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value.split(/[;|,\s]+/);
}

/** A CSV row or JSON object by field: a `url`/`proxy` column holds a txt form, other columns add to it. */
function recordToEntry(
  record: Record<string, unknown>,
  extraTags: string[],
): ProxyEntry | { problem: EntryProblem } {
  const fields: RawFields = {};
  let url: string | undefined;
  for (const [name, value] of Object.entries(record)) {
    const field = fieldOf(name);
    if (field === undefined || value === undefined || value === null || value === '') continue;
    if (field === 'tags') fields.tags = splitTags(value);
    else if (field === 'port') {
      if (typeof value !== 'string' && typeof value !== 'number')
        return problem('port', 'the port is not a number');
      fields.port = value;
    } else if (typeof value !== 'string') return problem(field, `the ${field} must be text`);
    else if (field === 'url') url = value;
    else fields[field] = value;
  }
  const tags = [...(fields.tags ?? []), ...extraTags];
  if (url !== undefined) return parseProxyLine(url, tags);
  return toEntry({ ...fields, tags: [] }, tags);
}

/** Splits text arriving in chunks into lines (LF or CRLF), without holding more than one chunk and a line. */
async function* linesOf(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of chunks) {
    pending += chunk;
    let start = 0;
    for (let end = pending.indexOf('\n', start); end >= 0; end = pending.indexOf('\n', start)) {
      yield pending.slice(start, end).replace(/\r$/, '');
      start = end + 1;
    }
    pending = pending.slice(start);
  }
  if (pending !== '') yield pending.replace(/\r$/, '');
}

function isSkipped(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

async function* readTxt(
  chunks: AsyncIterable<string> | Iterable<string>,
  extraTags: string[],
): AsyncGenerator<ReadLine> {
  let number = 0;
  for await (const text of linesOf(chunks)) {
    number += 1;
    // A byte-order mark would become part of the first host.
    const line = number === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (isSkipped(line)) continue;
    const parsed = parseProxyLine(line, extraTags);
    yield failed(parsed) ? { line: number, problem: parsed.problem } : { line: number, entry: parsed };
  }
}

/**
 * CSV with a header row naming the columns (protocol/scheme, host, port, username, password, tags;
 * or one url/proxy column in a txt form). Rows whose quoting is broken are reported, not fatal.
 */
async function* readCsv(
  chunks: AsyncIterable<string> | Iterable<string>,
  extraTags: string[],
): AsyncGenerator<ReadLine> {
  const skipped: ReadLine[] = [];
  const parser = Readable.from(chunks).pipe(
    parseCsv({
      bom: true,
      // Only lines that start with #: a password may contain one.
      comment: '#',
      comment_no_infix: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      info: true,
    }),
  );
  // By code, not message: csv-parse's messages quote the field, which may be a password.
  parser.on('skip', (error: Error & { lines?: number; code?: string }) => {
    skipped.push({ line: error.lines ?? 0, problem: { reason: `unreadable CSV row (${error.code})` } });
  });
  const rows = parser as AsyncIterable<{ record: string[]; info: { lines: number } }>;
  const iterator = rows[Symbol.asyncIterator]();
  try {
    yield* csvRows(iterator, skipped, extraTags);
  } finally {
    // Stops the parser (and a download feeding it) when the reader stops early, e.g. at the quota.
    await iterator.return?.();
  }
}

async function* csvRows(
  iterator: AsyncIterator<{ record: string[]; info: { lines: number } }>,
  skipped: ReadLine[],
  extraTags: string[],
): AsyncGenerator<ReadLine> {
  let header: string[] | undefined;
  for (;;) {
    let next: IteratorResult<{ record: string[]; info: { lines: number } }>;
    try {
      next = await iterator.next();
    } catch (error) {
      // What skip_records_with_error cannot skip (a quote still open at the end): the rest is unreadable.
      const csvError = error as Error & { code?: string; lines?: number };
      if (!csvError.code?.startsWith('CSV_')) throw error;
      yield* skipped.splice(0);
      yield {
        line: csvError.lines ?? 0,
        problem: { reason: `unreadable CSV from here on (${csvError.code})` },
      };
      return;
    }
    if (next.done) break;
    const { record, info } = next.value;
    // The parser reads ahead of us, so a skipped row may be known before the rows above it.
    while (skipped.length > 0 && skipped[0]!.line < info.lines) yield skipped.shift()!;
    if (record.every((cell) => cell.trim() === '')) continue;
    if (!header) {
      header = record;
      const fields = new Set(header.map(fieldOf));
      if (!fields.has('url') && !(fields.has('host') && fields.has('port'))) {
        throw new AppError(
          'PROXY_LIST_INVALID',
          'The CSV header must name the columns: host and port (and protocol, username, password, tags), or url.',
          { field: 'header' },
        );
      }
      continue;
    }
    const row = Object.fromEntries(header.map((name, index) => [name, record[index]]));
    const parsed = recordToEntry(row, extraTags);
    yield failed(parsed)
      ? { line: info.lines, problem: parsed.problem }
      : { line: info.lines, entry: parsed };
  }
  yield* skipped.splice(0);
}

async function textOf(chunks: AsyncIterable<string> | Iterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

/** A JSON array of objects (the CSV columns as keys) or strings (txt forms); `line` is the position. */
export function* readJsonEntries(items: unknown[], extraTags: string[]): Generator<ReadLine> {
  for (const [index, item] of items.entries()) {
    const line = index + 1;
    let parsed: ProxyEntry | { problem: EntryProblem };
    if (typeof item === 'string') {
      if (isSkipped(item)) continue;
      parsed = parseProxyLine(item, extraTags);
    } else if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
      parsed = recordToEntry(item as Record<string, unknown>, extraTags);
    } else {
      parsed = problem(undefined, 'an entry is an object with host and port, or a string such as host:port');
    }
    yield failed(parsed) ? { line, problem: parsed.problem } : { line, entry: parsed };
  }
}

async function* readJson(
  chunks: AsyncIterable<string> | Iterable<string>,
  extraTags: string[],
): AsyncGenerator<ReadLine> {
  let items: unknown;
  try {
    items = JSON.parse(await textOf(chunks));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `: ${error.message}` : '';
    throw new AppError('INVALID_JSON', `The proxy list is not valid JSON${reason}.`);
  }
  if (!Array.isArray(items))
    throw new AppError('PROXY_LIST_INVALID', 'A JSON proxy list is an array of objects or strings.');
  yield* readJsonEntries(items, extraTags);
}

/** Every line of a list in `format`, as it arrives: entries and problems, in order. */
export function readProxyList(
  chunks: AsyncIterable<string> | Iterable<string>,
  format: ProxyImportFormat,
  extraTags: string[] = [],
): AsyncIterable<ReadLine> {
  if (format === 'csv') return readCsv(chunks, extraTags);
  if (format === 'json') return readJson(chunks, extraTags);
  return readTxt(chunks, extraTags);
}
