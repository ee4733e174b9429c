import { ProxyCheckError } from './check-errors.ts';

interface Destroyable {
  destroy(error?: Error): unknown;
}

/**
 * The lifetime of one proxy check: a deadline, the caller's cancel signal, and every socket and
 * request the check opened. When either fires, everything is destroyed at once, so a proxy that
 * accepts and never answers (or answers a byte a minute) cannot hold the check past its deadline.
 */
export class CheckScope {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly opened = new Set<Destroyable>();
  private readonly stopListening: () => void;

  constructor(timeoutMs: number, parent?: AbortSignal) {
    this.timer = setTimeout(
      () => this.abort(new ProxyCheckError('TIMEOUT', `No complete answer within ${timeoutMs} ms.`)),
      timeoutMs,
    );
    const cancel = () => this.abort(new ProxyCheckError('ABORTED', 'The check was cancelled.'));
    if (parent?.aborted) cancel();
    parent?.addEventListener('abort', cancel, { once: true });
    this.stopListening = () => parent?.removeEventListener('abort', cancel);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the check was cut short (a TIMEOUT or ABORTED ProxyCheckError), if it was. */
  get reason(): ProxyCheckError | null {
    return this.controller.signal.aborted ? (this.controller.signal.reason as ProxyCheckError) : null;
  }

  /** Destroys `resource` when the scope ends; an error it emits later is the scope's business, not a crash. */
  adopt<T extends Destroyable & { on(event: 'error', listener: (error: Error) => void): unknown }>(
    resource: T,
  ): T {
    resource.on('error', () => {});
    if (this.controller.signal.aborted) resource.destroy(this.reason ?? undefined);
    else this.opened.add(resource);
    return resource;
  }

  /** Rejects with the scope's reason once it is aborted (to race a wait that has no socket of its own). */
  throwIfAborted(): void {
    if (this.reason) throw this.reason;
  }

  private abort(reason: ProxyCheckError): void {
    if (this.controller.signal.aborted) return;
    this.controller.abort(reason);
    this.destroyAll(reason);
  }

  private destroyAll(reason?: Error): void {
    for (const resource of this.opened) resource.destroy(reason);
    this.opened.clear();
  }

  /** Ends the check: clears the deadline and closes whatever is still open. */
  dispose(): void {
    clearTimeout(this.timer);
    this.stopListening();
    this.destroyAll();
  }
}
