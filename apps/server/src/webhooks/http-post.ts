import { compilePrivateTargets, createGuardedConnect, TargetRefusedError } from '@fleetwright/net-guard';
import { Agent, request } from 'undici';

/** How much of a receiver's answer is kept with the attempt. */
export const RESPONSE_EXCERPT_BYTES = 2048;

/** What one POST came to; `error` says why there was no 2xx (or no answer at all). */
export interface PostOutcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

export interface HttpPosterOptions {
  /** ALLOW_PRIVATE_TARGETS: with it, no address is refused. */
  allowPrivate: boolean;
  /** WEBHOOK_TIMEOUT_MS: connect, headers and body together. */
  timeoutMs: number;
  /** Sockets kept per origin: deliveries to one receiver go out this many at once at most. @default 64 */
  connectionsPerOrigin?: number;
}

/**
 * POSTs JSON to URLs users gave (webhooks, notification channels) through keep-alive agents whose
 * connector checks the address it connects to (createGuardedConnect): a name that resolves to a
 * private address at delivery time is refused even if it was public when saved (DNS rebinding),
 * except the organization's private targets. One agent per list of private targets (nearly all
 * organizations have none and share one), so connections are reused across deliveries.
 */
export class HttpPoster {
  readonly #options: HttpPosterOptions;
  readonly #agents = new Map<string, Agent>();

  constructor(options: HttpPosterOptions) {
    this.#options = options;
  }

  #agentFor(privateTargets: readonly string[]): Agent {
    const key = this.#options.allowPrivate ? '*' : privateTargets.join('\n');
    let agent = this.#agents.get(key);
    if (!agent) {
      agent = new Agent({
        connections: this.#options.connectionsPerOrigin ?? 64,
        headersTimeout: this.#options.timeoutMs,
        bodyTimeout: this.#options.timeoutMs,
        connect: createGuardedConnect({
          allowPrivate: this.#options.allowPrivate,
          privateTargets: compilePrivateTargets(privateTargets),
          connect: { timeout: this.#options.timeoutMs },
        }),
      });
      // Lists change rarely; a handful of agents at most in practice.
      if (this.#agents.size > 100) this.#closeAll();
      this.#agents.set(key, agent);
    }
    return agent;
  }

  /** POSTs `body` (JSON text) to `url`; never throws: a failure is an outcome with `error`. */
  async post(
    url: string,
    body: string,
    options: { headers?: Record<string, string>; privateTargets?: readonly string[] } = {},
  ): Promise<PostOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const response = await request(url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Fleetwright-Webhooks/1',
          ...options.headers,
        },
        dispatcher: this.#agentFor(options.privateTargets ?? []),
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      const responseExcerpt = await readExcerpt(response.body);
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return {
        ok,
        statusCode: response.statusCode,
        durationMs: elapsed(),
        responseExcerpt,
        error: ok ? null : `The receiver answered ${response.statusCode}.`,
      };
    } catch (error) {
      return {
        ok: false,
        statusCode: null,
        durationMs: elapsed(),
        responseExcerpt: null,
        error: describe(error),
      };
    }
  }

  close(): Promise<void> {
    return this.#closeAll();
  }

  async #closeAll(): Promise<void> {
    const agents = [...this.#agents.values()];
    this.#agents.clear();
    await Promise.all(agents.map((agent) => agent.close().catch(() => {})));
  }
}

/** The first RESPONSE_EXCERPT_BYTES of a body; the rest is not read (the socket is then not reused). */
async function readExcerpt(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= RESPONSE_EXCERPT_BYTES) {
      body.destroy();
      break;
    }
  }
  if (size === 0) return null;
  return Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
}

/** A user-facing reason: the guard's refusal, a timeout, the socket error's code and message. */
function describe(error: unknown): string {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof TargetRefusedError) return cause.message;
  }
  const named = error as { name?: string; code?: string; message?: string };
  if (named.name === 'TimeoutError' || named.name === 'AbortError' || named.code?.includes('TIMEOUT'))
    return 'The receiver did not answer in time.';
  return [named.code, named.message].filter(Boolean).join(': ') || String(error);
}
