import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { type Flow, flowSchema } from './flows.ts';

/**
 * Reading a flow written by hand (issue 11), as JSON or YAML, into a valid `Flow`. Shared by the
 * server's POST /flows/validate and the dashboard's editor (the `yaml` package runs in browsers),
 * so both report the same field and line.
 */

/** A flow's YAML is at most this many characters (a flow of 200 steps fits many times over). */
export const MAX_FLOW_YAML_LENGTH = 500_000;

/** Why a flow is not valid: the first problem found. */
export interface FlowIssue {
  /** Dotted path of the offending value, with the step index: `steps.3.selector`; absent for a YAML syntax error. */
  field?: string;
  /** `steps.3.selector: must not be empty`, or the YAML parser's own words. */
  message: string;
  /** 1-based line (and column) in the YAML text, when the flow came from YAML. */
  line?: number;
  column?: number;
}

export type FlowParseResult = { success: true; flow: Flow } | { success: false; issue: FlowIssue };

/** `value` (parsed JSON) checked against the flow schema; defaults filled in. */
export function parseFlow(value: unknown): FlowParseResult {
  const result = flowSchema.safeParse(value);
  if (result.success) return { success: true, flow: result.data };
  return { success: false, issue: issueOf(result.error.issues[0]) };
}

/**
 * A flow written in YAML: a syntax error names its line; a value the schema refuses names its
 * field (`steps.3.selector`) and the line it is on.
 */
export function parseFlowYaml(text: string): FlowParseResult {
  if (text.length > MAX_FLOW_YAML_LENGTH) {
    return {
      success: false,
      issue: { message: `the YAML must be at most ${MAX_FLOW_YAML_LENGTH} characters` },
    };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const { line, col } = lineCounter.linePos(syntaxError.pos[0]);
    return {
      success: false,
      issue: {
        message: `line ${line}, column ${col}: ${syntaxError.message.split('\n')[0]}`,
        line,
        column: col,
      },
    };
  }
  let value: unknown;
  try {
    // Aliases are expanded: a "billion laughs" document stops at yaml's alias limit instead.
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { success: false, issue: { message: error instanceof Error ? error.message : String(error) } };
  }
  const result = parseFlow(value);
  if (result.success || result.issue.field === undefined) return result;
  const line = lineOf(document, lineCounter, result.issue.field);
  return line === undefined ? result : { success: false, issue: { ...result.issue, ...line } };
}

/** The line of the deepest node on `field`'s path that exists (a missing key: its step's line). */
function lineOf(
  document: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
  field: string,
): { line: number; column: number } | undefined {
  const path = field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  for (let length = path.length; length >= 0; length -= 1) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return undefined;
}

function issueOf(issue: z.core.$ZodIssue | undefined): FlowIssue {
  if (!issue) return { message: 'the flow is invalid' };
  const path = issue.path.map(String);
  // An unknown key is named itself, as the API's other validation errors do.
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
    const field = [...path, issue.keys[0]].join('.');
    return { field, message: `unknown field "${field}"` };
  }
  const field = path.join('.');
  if (!field) return { message: issue.message };
  const message = /received undefined$/.test(issue.message) ? 'is required' : issue.message;
  return { field, message: `${field}: ${message}` };
}

/** POST /api/v1/flows/validate: a flow as JSON (`flow`) or as YAML text (`yaml`), one of the two. */
export const validateFlowBodySchema = z
  .object({
    /** A flow as JSON (flowSchema); checked by the route so that errors name `steps.N.field`. */
    flow: z.unknown().optional().describe('A flow as JSON: { steps: [...] } (see the response)'),
    yaml: z
      .string()
      .max(MAX_FLOW_YAML_LENGTH, { error: `must be at most ${MAX_FLOW_YAML_LENGTH} characters` })
      .optional()
      .describe('A flow written in YAML'),
  })
  .strict()
  .refine((body) => (body.flow === undefined) !== (body.yaml === undefined), {
    error: 'give either flow or yaml',
    path: ['flow'],
  });
export type ValidateFlowBody = z.infer<typeof validateFlowBodySchema>;

/** The flow, normalized: defaults filled in, as a job would store and run it. */
export const validateFlowResponseSchema = z.object({ flow: flowSchema });
