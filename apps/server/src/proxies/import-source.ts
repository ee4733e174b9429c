import type { ProxyImportFormat } from '@fleetwright/contracts';
import { createGuardedConnect, type ResolveHost, TargetRefusedError } from '@fleetwright/net-guard';
import { Agent, fetch } from 'undici';
import { AppError } from '../errors.ts';
import type { TargetGuard } from '../plugins/targets.ts';

export interface ListFetchOptions {
  /** The app's target guard: the URL is checked first, for a clear refusal naming `url`. */
  targets: TargetGuard;
  /** Same as the target guard's: every connection (redirects too) is checked again as it opens. */
  allowPrivate: boolean;
  resolve?: ResolveHost;
  /** Largest list, bytes (PROXY_IMPORT_MAX_BYTES, as for an uploaded one). */
  maxBytes: number;
  /** Whole download, headers and body. @default 30000 */
  timeoutMs?: number;
}

export interface FetchedList {
  /** The body as text, chunk by chunk, as it arrives. */
  chunks: AsyncIterable<string>;
  /** What the response's content type or the URL's extension says, if anything. */
  format: ProxyImportFormat | undefined;
  /** The URL's origin (no path, query or credentials): for messages and the audit log. */
  origin: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function formatOf(contentType: string | null, url: URL): ProxyImportFormat | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === 'application/json') return 'json';
  const extension = /\.(txt|csv|json)$/i.exec(url.pathname)?.[1]?.toLowerCase();
  return extension as ProxyImportFormat | undefined;
}

function refusedCause(error: unknown): TargetRefusedError | undefined {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof TargetRefusedError) return cause;
  }
  return undefined;
}

function unavailable(origin: string, reason: string): AppError {
  return new AppError('PROXY_LIST_UNAVAILABLE', `The list at ${origin} could not be fetched: ${reason}.`, {
    field: 'url',
  });
}

/**
 * Downloads a list a user names, as the SSRF guard allows: a loopback, private or metadata address
 * is refused (unless private targets are allowed), before connecting and again on every connection
 * (so neither DNS rebinding nor a redirect gets around it). The body streams; more than `maxBytes`
 * is BODY_TOO_LARGE.
 */
export async function fetchProxyList(url: string, options: ListFetchOptions): Promise<FetchedList> {
  await options.targets.check(url, 'url');
  const parsed = new URL(url);
  const origin = parsed.origin;
  const agent = new Agent({
    connect: createGuardedConnect({ allowPrivate: options.allowPrivate, resolve: options.resolve }),
  });
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let response: Awaited<ReturnType<typeof fetch>>;
  try {
    response = await fetch(url, { dispatcher: agent, signal, redirect: 'follow' });
  } catch (error) {
    await agent.close().catch(() => {});
    const refused = refusedCause(error);
    if (refused) throw new AppError(refused.code, refused.message, { field: 'url' });
    if (signal.aborted) throw unavailable(origin, 'no answer in time');
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw unavailable(origin, cause?.code ?? cause?.message ?? 'the connection failed');
  }
  if (!response.ok || !response.body) {
    await agent.close().catch(() => {});
    throw unavailable(origin, `it answered ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > options.maxBytes) {
    await agent.close().catch(() => {});
    throw tooLarge(options.maxBytes);
  }
  const body = response.body;
  async function* chunks(): AsyncGenerator<string> {
    const decoder = new TextDecoder();
    let received = 0;
    try {
      for await (const bytes of body) {
        received += bytes.byteLength;
        if (received > options.maxBytes) throw tooLarge(options.maxBytes);
        yield decoder.decode(bytes, { stream: true });
      }
      const rest = decoder.decode();
      if (rest) yield rest;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw unavailable(origin, signal.aborted ? 'no answer in time' : 'the download broke off');
    } finally {
      await agent.close().catch(() => {});
    }
  }
  return { chunks: chunks(), format: formatOf(response.headers.get('content-type'), parsed), origin };
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'BODY_TOO_LARGE',
    `The list is larger than ${maxBytes} bytes (PROXY_IMPORT_MAX_BYTES).`,
    {
      field: 'url',
    },
  );
}
