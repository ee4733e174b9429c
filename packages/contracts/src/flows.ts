import { z } from 'zod';
import { idSchema } from './common.ts';

/**
 * Step flows (issue 11): a declarative list of browser steps that the worker runs through
 * Playwright, so that no user code ever runs in a server or worker Node process. The only code a
 * flow carries is the page script of an `evaluate` step, which runs inside the page.
 *
 * Any string of a step may hold variables, replaced when the step runs:
 * - `{{name}}`: an earlier `extract` (or `evaluate` with `as`) of this run, else the job's input `name`;
 * - `{{secrets.NAME}}`: the organization's secret NAME (stored sealed, never shown in results or logs);
 * - `{{target}}`: the target URL this run was given.
 * An unknown variable fails the step that uses it (code `VARIABLE_NOT_FOUND`), it is never left as text.
 */

export const MAX_FLOW_STEPS = 200;
/** A step's own time limit, at most two minutes; the job's timeout bounds the whole run. */
export const MAX_STEP_TIMEOUT_MS = 120_000;
export const DEFAULT_STEP_TIMEOUT_MS = 15_000;

/** A Playwright selector (CSS, `text=…`, `role=…`, XPath with `xpath=`). */
const selectorSchema = z
  .string({ error: 'must be a selector' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(1000, { error: 'must be at most 1000 characters' });
/** A string that may hold `{{variables}}`. */
const textSchema = z.string().max(10_000, { error: 'must be at most 10000 characters' });
/** A name a value is kept under (extracts, evaluate results, screenshots): a JS-like identifier. */
export const flowVariableNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { error: 'must be a name of letters, digits and _ (64 at most)' });
const durationMsSchema = z.number().int().min(0).max(MAX_STEP_TIMEOUT_MS);
const matchSchema = z.enum(['equals', 'contains', 'regex']).default('contains');

/**
 * A pattern that will be compiled as a regular expression: refused now when it cannot be, unless
 * it holds variables (then only the run knows it).
 */
function compilesAsRegex(source: string): boolean {
  if (source.includes('{{')) return true;
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
const regexError = { error: 'must be a valid regular expression', path: ['expected'] };
const REGEX_PREFIX = 'regex:';

/** Fields every step may carry. */
const stepBase = {
  /** A label shown in results; the step's type when absent. */
  name: z.string().trim().min(1).max(200).optional(),
  timeoutMs: z.number().int().min(1).max(MAX_STEP_TIMEOUT_MS).optional(),
  /** A failure of this step is recorded but the flow goes on (and still ends failed). */
  continueOnFailure: z.boolean().optional(),
};

const gotoStep = z
  .object({
    ...stepBase,
    type: z.literal('goto'),
    /** An absolute http(s) URL once its variables are replaced; `{{target}}` is the run's target. */
    url: textSchema.min(1),
    waitUntil: z.enum(['load', 'domcontentloaded', 'networkidle', 'commit']).default('load'),
  })
  .strict();
const clickStep = z
  .object({
    ...stepBase,
    type: z.literal('click'),
    selector: selectorSchema,
    button: z.enum(['left', 'right', 'middle']).default('left'),
    clickCount: z.number().int().min(1).max(3).default(1),
  })
  .strict();
const fillStep = z
  .object({ ...stepBase, type: z.literal('fill'), selector: selectorSchema, value: textSchema })
  .strict();
const pressStep = z
  .object({
    ...stepBase,
    type: z.literal('press'),
    /** The focused element when absent. */
    selector: selectorSchema.optional(),
    /** A Playwright key name: `Enter`, `Control+A`, `ArrowDown`. */
    key: z.string().trim().min(1).max(100),
  })
  .strict();
const selectStep = z
  .object({
    ...stepBase,
    type: z.literal('select'),
    selector: selectorSchema,
    /** Option values (or labels) to select; several for a multiple select. */
    values: z.array(textSchema).min(1).max(100),
  })
  .strict();
const checkStep = z
  .object({
    ...stepBase,
    type: z.literal('check'),
    selector: selectorSchema,
    checked: z.boolean().default(true),
  })
  .strict();
const hoverStep = z.object({ ...stepBase, type: z.literal('hover'), selector: selectorSchema }).strict();
const uploadStep = z
  .object({
    ...stepBase,
    type: z.literal('upload'),
    selector: selectorSchema,
    /** The job input holding the file (a `{ file }` input). */
    input: flowVariableNameSchema,
  })
  .strict();
/** Wait for exactly one of: a selector in a state, a URL (glob or `regex:` pattern), or a time. */
const waitStep = z
  .object({
    ...stepBase,
    type: z.literal('wait'),
    selector: selectorSchema.optional(),
    state: z.enum(['attached', 'detached', 'visible', 'hidden']).default('visible'),
    url: textSchema.min(1).optional(),
    ms: durationMsSchema.optional(),
  })
  .strict()
  .refine((step) => [step.selector, step.url, step.ms].filter((value) => value !== undefined).length === 1, {
    error: 'give exactly one of selector, url or ms',
    path: ['selector'],
  })
  .refine(
    (step) => !step.url?.startsWith(REGEX_PREFIX) || compilesAsRegex(step.url.slice(REGEX_PREFIX.length)),
    {
      error: 'must be a valid regular expression after regex:',
      path: ['url'],
    },
  );
/**
 * One field of an extracted item: the text of `selector` inside the item (or the item itself), or an
 * attribute. The field's selector is CSS (read in the page in one pass over all items); the item's
 * own selector may be any Playwright selector. A field that matches nothing is null.
 */
const extractFieldSchema = z
  .object({
    selector: selectorSchema.optional(),
    attribute: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
const extractStep = z
  .object({
    ...stepBase,
    type: z.literal('extract'),
    /** Kept under this name in the run's data and as a variable for later steps. */
    as: flowVariableNameSchema,
    selector: selectorSchema,
    /** Every match (an array) rather than the first (one value). */
    list: z.boolean().default(false),
    /** Named fields of each match (an object per match); absent: the match's text (or `attribute`). */
    fields: z
      .record(flowVariableNameSchema, extractFieldSchema)
      .refine((fields) => Object.keys(fields).length <= 100, { error: 'at most 100 fields' })
      .optional(),
    attribute: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
const screenshotStep = z
  .object({
    ...stepBase,
    type: z.literal('screenshot'),
    /** The artifact's name; `screenshot-<index>` when absent. */
    as: flowVariableNameSchema.optional(),
    /** One element rather than the page. */
    selector: selectorSchema.optional(),
    fullPage: z.boolean().default(false),
  })
  .strict();
const assertStep = z.discriminatedUnion(
  'assert',
  [
    z
      .object({
        ...stepBase,
        type: z.literal('assert'),
        assert: z.literal('text'),
        selector: selectorSchema,
        expected: textSchema,
        match: matchSchema,
      })
      .strict()
      .refine((step) => step.match !== 'regex' || compilesAsRegex(step.expected), regexError),
    z
      .object({
        ...stepBase,
        type: z.literal('assert'),
        assert: z.literal('visible'),
        selector: selectorSchema,
        /** false: the element must be hidden or absent. */
        visible: z.boolean().default(true),
      })
      .strict(),
    z
      .object({
        ...stepBase,
        type: z.literal('assert'),
        assert: z.literal('url'),
        expected: textSchema,
        match: matchSchema,
      })
      .strict()
      .refine((step) => step.match !== 'regex' || compilesAsRegex(step.expected), regexError),
    z
      .object({
        ...stepBase,
        type: z.literal('assert'),
        assert: z.literal('title'),
        expected: textSchema,
        match: matchSchema,
      })
      .strict()
      .refine((step) => step.match !== 'regex' || compilesAsRegex(step.expected), regexError),
    z
      .object({
        ...stepBase,
        type: z.literal('assert'),
        assert: z.literal('count'),
        selector: selectorSchema,
        /** Exactly this many, or within min..max. */
        equals: z.number().int().min(0).optional(),
        min: z.number().int().min(0).optional(),
        max: z.number().int().min(0).optional(),
      })
      .strict()
      .refine((step) => step.equals !== undefined || step.min !== undefined || step.max !== undefined, {
        error: 'give equals, min or max',
        path: ['equals'],
      }),
  ],
  { error: 'assert must be one of text, visible, url, title, count' },
);
/**
 * Evaluates a page script inside the page: a version of a saved script (`scriptId`, `version`
 * absent = the latest) or inline `source`. The script is the body of an async function; what it
 * returns is the step's value, kept under `as` when given. Its source is code, not a template: the
 * script reads the job's inputs and the target from `input` (secrets never reach the page this way).
 */
const evaluateStep = z
  .object({
    ...stepBase,
    type: z.literal('evaluate'),
    scriptId: idSchema.optional(),
    version: z.number().int().min(1).optional(),
    source: z.string().min(1).max(100_000, { error: 'must be at most 100000 characters' }).optional(),
    as: flowVariableNameSchema.optional(),
  })
  .strict()
  .refine((step) => (step.scriptId === undefined) !== (step.source === undefined), {
    error: 'give either scriptId (and version) or source',
    path: ['scriptId'],
  })
  .refine((step) => step.version === undefined || step.scriptId !== undefined, {
    error: 'version needs scriptId',
    path: ['version'],
  });
const setViewportStep = z
  .object({
    ...stepBase,
    type: z.literal('setViewport'),
    width: z.number().int().min(100).max(7680),
    height: z.number().int().min(100).max(4320),
  })
  .strict();
/** A fixed pause. */
const pauseStep = z.object({ ...stepBase, type: z.literal('pause'), ms: durationMsSchema }).strict();

export const flowStepTypes = [
  'goto',
  'click',
  'fill',
  'press',
  'select',
  'check',
  'hover',
  'upload',
  'wait',
  'extract',
  'screenshot',
  'assert',
  'evaluate',
  'setViewport',
  'pause',
] as const;
export type FlowStepType = (typeof flowStepTypes)[number];

export const flowStepSchema = z.discriminatedUnion(
  'type',
  [
    gotoStep,
    clickStep,
    fillStep,
    pressStep,
    selectStep,
    checkStep,
    hoverStep,
    uploadStep,
    waitStep,
    extractStep,
    screenshotStep,
    assertStep,
    evaluateStep,
    setViewportStep,
    pauseStep,
  ],
  { error: `type must be one of ${flowStepTypes.join(', ')}` },
);
export type FlowStep = z.output<typeof flowStepSchema>;
export type FlowStepInput = z.input<typeof flowStepSchema>;

/** A flow: errors name the step by index (`steps.3.selector`). */
export const flowSchema = z
  .object({
    steps: z
      .array(flowStepSchema)
      .min(1, { error: 'a flow needs at least one step' })
      .max(MAX_FLOW_STEPS, { error: `at most ${MAX_FLOW_STEPS} steps` }),
  })
  .strict();
export type Flow = z.output<typeof flowSchema>;
export type FlowInput = z.input<typeof flowSchema>;

// ---- results ----------------------------------------------------------------------------------

export const flowStepStatusSchema = z.enum(['passed', 'failed', 'skipped']);
export type FlowStepStatus = z.infer<typeof flowStepStatusSchema>;

/** Why a step failed; `code` is one of flowStepErrorCodes. */
export const flowStepErrorSchema = z.object({ code: z.string(), message: z.string() });
export type FlowStepError = z.infer<typeof flowStepErrorSchema>;

export const flowStepErrorCodes = [
  /** The selector matched nothing in time, or the page did not reach the state. */
  'TIMEOUT',
  'ASSERTION_FAILED',
  'NAVIGATION_FAILED',
  'VARIABLE_NOT_FOUND',
  'INPUT_NOT_FOUND',
  'SCRIPT_NOT_FOUND',
  /** The page script threw, or its value could not be returned. */
  'EVALUATE_FAILED',
  /** The target (after variables) is not an allowed http(s) URL. */
  'TARGET_NOT_ALLOWED',
  'STEP_FAILED',
  /** The run was cancelled or timed out before this step finished. */
  'ABORTED',
] as const;
export type FlowStepErrorCode = (typeof flowStepErrorCodes)[number];

/** An artifact a run produced, stored in the blob store (rows hold keys, not bytes). */
export const artifactSchema = z.object({
  id: idSchema,
  /** `screenshot`: a PNG; `trace`: a Playwright trace zip (`npx playwright show-trace`). */
  kind: z.enum(['screenshot', 'trace', 'download']),
  name: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  /** The step that produced it, if any. */
  stepIndex: z.number().int().nullable(),
});
export type Artifact = z.infer<typeof artifactSchema>;

export const flowStepResultSchema = z.object({
  index: z.number().int(),
  type: z.enum(flowStepTypes),
  /** The step's `name`, or its type. */
  name: z.string(),
  status: flowStepStatusSchema,
  startedAt: z.string(),
  durationMs: z.number().int(),
  /** An extract's or evaluate's value (JSON). */
  value: z.unknown().optional(),
  error: flowStepErrorSchema.nullable(),
  /** A screenshot step's image, or the page when the step failed. */
  artifactId: idSchema.nullable(),
  /**
   * A first `goto` to the URL the session's start had just loaded: that load was kept, the page
   * was not loaded a second time (issue 11).
   */
  reusedStartLoad: z.literal(true).optional(),
});
export type FlowStepResult = z.infer<typeof flowStepResultSchema>;
