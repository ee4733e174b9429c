export interface WaitForOptions {
  /** How long to keep asking, in ms. @default 20000 */
  timeoutMs?: number;
  /** Pause between two questions, in ms. @default 50 */
  intervalMs?: number;
  /**
   * Ask again when `probe` throws (a server still starting, a process being replaced), and attach
   * the last error to the timeout. Without it, a throw ends the wait at once. @default false
   */
  retryErrors?: boolean;
}

/**
 * Asks `probe` until it answers something truthy and returns that; fails naming `what` after the
 * timeout. Tests poll the real thing (a row, a process, a log line) instead of sleeping.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  /** A number is the timeout in ms. */
  options: WaitForOptions | number = {},
): Promise<T> {
  const {
    timeoutMs = 20_000,
    intervalMs = 50,
    retryErrors = false,
  } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      if (!retryErrors) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
