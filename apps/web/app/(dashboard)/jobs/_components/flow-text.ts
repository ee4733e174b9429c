import { flowSchema } from '@fleetwright/contracts';
import YAML from 'yaml';
import { formErrorMap } from '@/lib/form-error-map';

/** How the flow is written in the editor; the API takes JSON either way. */
export type FlowFormat = 'json' | 'yaml';

/** One problem of a flow: where (`steps.3.selector`, the step's index) and what. */
export interface FlowIssue {
  /** The step's index (0-based, as the API's `field` names it), or null for the flow as a whole. */
  step: number | null;
  /** The path below the step (`selector`), or the whole path for the flow. */
  field: string;
  message: string;
  /** Set for a text that does not parse at all: the line of the syntax error, when known. */
  line?: number;
}

export const EXAMPLE_FLOW = {
  steps: [
    { type: 'goto', url: '{{target}}' },
    { type: 'extract', as: 'heading', selector: 'h1' },
    { type: 'screenshot', as: 'page' },
  ],
};

export function stringifyFlow(flow: unknown, format: FlowFormat): string {
  return format === 'yaml' ? YAML.stringify(flow) : `${JSON.stringify(flow, null, 2)}\n`;
}

/** The flow as a value, or the syntax error's message and line. */
export function parseFlowText(
  text: string,
  format: FlowFormat,
): { ok: true; value: unknown } | { ok: false; message: string; line?: number } {
  try {
    if (format === 'json') return { ok: true, value: JSON.parse(text) };
    // One document only; `prettyErrors` puts the line and column into the error.
    const document = YAML.parseDocument(text, { prettyErrors: true });
    const error = document.errors[0];
    if (error)
      return {
        ok: false,
        message: error.message.split('\n')[0] ?? error.message,
        line: error.linePos?.[0]?.line,
      };
    return { ok: true, value: document.toJS() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** `steps.3.selector` → step 3, field `selector`; anything else → the flow as a whole. */
export function flowIssueAt(path: readonly PropertyKey[], message: string): FlowIssue {
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    return { step: path[1], field: path.slice(2).map(String).join('.'), message };
  }
  return { step: null, field: path.map(String).join('.'), message };
}

/**
 * Checks the editor's text with the API's own `flowSchema`, so the browser names the same step and
 * field a 400 would (`flow.steps.3.selector`), before anything is sent.
 */
export function checkFlowText(text: string, format: FlowFormat): { flow: unknown; issues: FlowIssue[] } {
  const parsed = parseFlowText(text, format);
  if (!parsed.ok)
    return {
      flow: undefined,
      issues: [{ step: null, field: '', message: parsed.message, line: parsed.line }],
    };
  const result = flowSchema.safeParse(parsed.value, { error: formErrorMap });
  if (result.success) return { flow: parsed.value, issues: [] };
  return {
    flow: parsed.value,
    issues: result.error.issues.map((issue) => flowIssueAt(issue.path, issue.message)),
  };
}
