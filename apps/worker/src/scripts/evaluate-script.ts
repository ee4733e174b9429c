import type { Page } from 'playwright-core';
import { type EvaluateOptions, evaluateInPage } from '../sessions/page-commands.ts';

/**
 * A saved script (issue 11) is the body of an async function run inside the page: it receives
 * `input` (the job's inputs and the run's `target`, or a test run's input) and what it returns is
 * its value. It runs in the page's main world through CDP (evaluateInPage), never in a Node process.
 */
export function scriptExpression(source: string, input: unknown): string {
  // The source goes on lines of its own so that a trailing line comment cannot swallow the call.
  return `(async (input) => {\n${source}\n})(${JSON.stringify(input ?? {})})`;
}

/** Evaluates a saved script in `page` with `input`; errors and limits as evaluateInPage. */
export function evaluateScript(
  page: Page,
  source: string,
  input: unknown,
  options: EvaluateOptions,
): Promise<unknown> {
  return evaluateInPage(page, scriptExpression(source, input), options);
}
