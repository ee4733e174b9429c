import type { SessionScript } from '@fleetwright/contracts';
import type { Page } from 'playwright-core';
import { isWorkerError, shortMessage } from '../errors.ts';
import type { SessionLogLine } from './log-writer.ts';
import { type EvaluateOptions, evaluateInPage } from './page-commands.ts';

export interface PageScriptOptions extends EvaluateOptions {
  log(line: Omit<SessionLogLine, 'sessionId' | 'organizationId'>): void;
}

/** Result previews in log lines are cut to this many characters. */
const MAX_RESULT_CHARS = 2000;

/** Seconds → a random delay in [min, max] ms. */
function nextDelayMs(script: SessionScript): number {
  const seconds = script.intervalMin + Math.random() * (script.intervalMax - script.intervalMin);
  return Math.round(seconds * 1000);
}

/**
 * Evaluates the session's page script every random [intervalMin, intervalMax] seconds, one run at
 * a time; each result or exception becomes a log line (source `script`). Returns a stop function.
 */
export function startPageScript(page: Page, script: SessionScript, options: PageScriptOptions): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let run = 0;

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(execute, nextDelayMs(script));
  };

  const execute = async () => {
    run += 1;
    try {
      const value = await evaluateInPage(page, script.source, options);
      if (stopped) return;
      const preview = value === undefined ? 'undefined' : JSON.stringify(value);
      options.log({
        level: 'info',
        source: 'script',
        message: `script run ${run}: ${preview.length > MAX_RESULT_CHARS ? `${preview.slice(0, MAX_RESULT_CHARS)}…` : preview}`,
        data: { run },
      });
    } catch (error) {
      if (stopped) return;
      options.log({
        level: 'error',
        source: 'script',
        message: `script run ${run} ${isWorkerError(error) && error.code === 'COMMAND_TIMEOUT' ? 'timed out' : 'failed'}: ${shortMessage(error)}`,
        data: { run },
      });
    }
    schedule();
  };

  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
