import type { Page } from 'playwright-core';
import { isWorkerError, shortMessage } from '../errors.ts';
import { evaluateScript } from '../scripts/evaluate-script.ts';
import type { RunnableScript } from '../scripts/session-script.ts';
import type { SessionLogLine } from './log-writer.ts';
import { type EvaluateOptions, evaluateInPage } from './page-commands.ts';

export interface PageScriptOptions extends EvaluateOptions {
  log(line: Omit<SessionLogLine, 'sessionId' | 'organizationId'>): void;
}

/** Result previews in log lines are cut to this many characters. */
const MAX_RESULT_CHARS = 2000;

/** Seconds → a random delay in [min, max] ms. */
function nextDelayMs(script: RunnableScript): number {
  const seconds = script.intervalMin + Math.random() * (script.intervalMax - script.intervalMin);
  return Math.round(seconds * 1000);
}

/**
 * One run: inline source as evaluate runs it; a saved script as the body of an async function of
 * `input` (`{ target }`: the page's URL), after its libraries.
 */
function runOnce(page: Page, script: RunnableScript, options: EvaluateOptions): Promise<unknown> {
  if (script.kind === 'expression') return evaluateInPage(page, script.source, options);
  return evaluateScript(
    page,
    script.source,
    { target: page.url() },
    { ...options, libraries: script.libraries },
  );
}

/**
 * Evaluates the session's page script every random [intervalMin, intervalMax] seconds, one run at
 * a time; each result or exception becomes a log line (source `script`). Returns a stop function.
 */
export function startPageScript(page: Page, script: RunnableScript, options: PageScriptOptions): () => void {
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
      const value = await runOnce(page, script, options);
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
