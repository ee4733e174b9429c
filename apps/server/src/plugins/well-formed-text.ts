import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

/** Where a string PostgreSQL cannot store was found, as the error handler names fields. */
export interface MalformedText {
  /** Dotted path inside the body, query or params, e.g. `headers.x-foo`; empty for the whole value. */
  field: string;
  reason: string;
}

/** Walked at most this deep: request bodies are small (bodyLimit) and never nest far in our schemas. */
const MAX_DEPTH = 64;

/** With the `u` flag a surrogate pair is one code point, so only a lone half matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Why `text` cannot be stored, if it cannot: PostgreSQL refuses U+0000 in text and in JSONB, and
 * refuses a lone UTF-16 surrogate in JSONB (`\ud800`), while pg turns one in a text column into
 * U+FFFD silently. Either way the request would end in a 500 or a changed value.
 */
function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain lone UTF-16 surrogates';
  return undefined;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** The first string (value or object key) in `value` that PostgreSQL cannot store, depth first. */
export function findMalformedText(value: unknown, path = '', depth = 0): MalformedText | undefined {
  if (typeof value === 'string') {
    const reason = textProblem(value);
    return reason ? { field: path, reason } : undefined;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findMalformedText(item, join(path, String(index)), depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const keyReason = textProblem(key);
    // The key itself cannot be echoed as it is; its parent names where it is.
    if (keyReason) return { field: path, reason: `keys ${keyReason}` };
    const found = findMalformedText(item, join(path, key), depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** better-auth's routes keep the raw body; JSON and form posts are read here only to check them. */
function parsedRawBody(body: Buffer, contentType: string | undefined): unknown {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  const text = body.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  if (type !== 'application/json') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // better-auth answers unparsable JSON itself
  }
}

/**
 * Every route, before its schema runs: a string with NUL or a lone surrogate anywhere in the body,
 * the query or the path parameters is a 400 VALIDATION_ERROR naming the first such field — instead
 * of a 500 from PostgreSQL (or a silently altered value) wherever the string would have been stored
 * or compared. One check here rather than a refinement on every string schema, so routes that do
 * not use the contracts (better-auth's) are covered too.
 */
export const wellFormedTextPlugin = fp(
  async (app) => {
    app.addHook('preValidation', async (request) => {
      const body = Buffer.isBuffer(request.body)
        ? parsedRawBody(request.body, request.headers['content-type'])
        : request.body;
      for (const [context, value] of [
        ['params', request.params],
        ['querystring', request.query],
        ['body', body],
      ] as const) {
        const found = findMalformedText(value);
        if (!found) continue;
        const subject = found.field === '' ? `the ${context}` : found.field;
        throw new AppError('VALIDATION_ERROR', `${subject}: ${found.reason}`, {
          field: found.field === '' ? undefined : found.field,
        });
      }
    });
  },
  { name: 'well-formed-text' },
);
