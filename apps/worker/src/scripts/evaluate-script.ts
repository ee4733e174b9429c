import type { ScriptLibrary } from '@fleetwright/contracts';
import type { Page } from 'playwright-core';
import { type EvaluateOptions, evaluateInPage } from '../sessions/page-commands.ts';
import { injectLibraries } from './libraries.ts';

/**
 * A saved script (issue 11) is the body of an async function run inside the page: it receives
 * `input` (the job's inputs and the run's `target`, or a test run's input) and what it returns is
 * its value. It runs in the page's main world through CDP (evaluateInPage), never in a Node process.
 */
export function scriptExpression(source: string, input: unknown): string {
  // The source goes on lines of its own so that a trailing line comment cannot swallow the call.
  return `(async (input) => {\n${source}\n})(${JSON.stringify(input ?? {})})`;
}

export interface EvaluateScriptOptions extends EvaluateOptions {
  /** Injected into the page first (from their npm packages), unless already there. @default [] */
  libraries?: readonly ScriptLibrary[];
}

/** Evaluates a saved script in `page` with `input`; errors and limits as evaluateInPage. */
export async function evaluateScript(
  page: Page,
  source: string,
  input: unknown,
  options: EvaluateScriptOptions,
): Promise<unknown> {
  if (options.libraries?.length) await injectLibraries(page, options.libraries);
  return evaluateInPage(page, scriptExpression(source, input), options);
}
