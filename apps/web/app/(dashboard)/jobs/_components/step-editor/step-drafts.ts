import type { FlowStepType } from '@fleetwright/contracts';
import {
  ASSERT_FIELDS,
  type AssertKind,
  COMMON_STEP_FIELDS,
  EVALUATE_FIELDS,
  type ScriptSource,
  STEP_FIELDS,
  type StepFieldSpec,
  WAIT_FIELDS,
  WAIT_FOR_KINDS,
  type WaitForKind,
} from './step-fields';

/** One named field of an extract step, as its row of inputs holds it. */
export interface ExtractFieldDraft {
  name: string;
  selector: string;
  attribute: string;
}

export type StepDraftValue = string | boolean | ExtractFieldDraft[];

/**
 * A step as the step editor's inputs hold it: text and numbers as typed, booleans as ticked.
 * Besides the schema's fields, a wait step keeps `waitFor` (what it waits for) and an evaluate
 * step `scriptFrom` (a saved script or inline source): they pick which fields are written.
 */
export interface StepDraft {
  type: FlowStepType;
  [field: string]: StepDraftValue;
}

/** The flow as the step editor writes it; the schema decides whether it is valid. */
export interface DraftFlow {
  steps: Record<string, unknown>[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStepType(value: unknown): value is FlowStepType {
  return typeof value === 'string' && Object.hasOwn(STEP_FIELDS, value);
}

function specsOf(type: FlowStepType): Record<string, StepFieldSpec> {
  return { ...STEP_FIELDS[type], ...COMMON_STEP_FIELDS };
}

function emptyValue(spec: StepFieldSpec): StepDraftValue {
  switch (spec.kind) {
    case 'boolean':
      return spec.default === true;
    case 'extractFields':
      return [];
    case 'choice':
      return String(spec.default ?? spec.choices?.[0] ?? '');
    case 'number':
      return spec.default === undefined ? '' : String(spec.default);
    default:
      return '';
  }
}

/** A new step of `type`, every input empty or at the schema's default. */
export function emptyStepDraft(type: FlowStepType): StepDraft {
  const draft: StepDraft = { type };
  for (const [field, spec] of Object.entries(specsOf(type))) draft[field] = emptyValue(spec);
  if (type === 'wait') draft.waitFor = 'selector';
  if (type === 'evaluate') draft.scriptFrom = 'library';
  return draft;
}

/** The fields a step's card shows and writes, besides the common ones (name, time limit, …). */
export function activeStepFields(draft: StepDraft): readonly string[] {
  switch (draft.type) {
    case 'assert':
      return ASSERT_FIELDS[(draft.assert as AssertKind) ?? 'text'] ?? ASSERT_FIELDS.text;
    case 'wait':
      return WAIT_FIELDS[(draft.waitFor as WaitForKind) ?? 'selector'] ?? WAIT_FIELDS.selector;
    case 'evaluate':
      return EVALUATE_FIELDS[(draft.scriptFrom as ScriptSource) ?? 'library'] ?? EVALUATE_FIELDS.library;
    default:
      return Object.keys(STEP_FIELDS[draft.type]);
  }
}

function writeExtractFields(rows: ExtractFieldDraft[]): Record<string, unknown> | undefined {
  if (rows.length === 0) return undefined;
  return Object.fromEntries(
    rows.map((row) => [
      row.name.trim(),
      {
        ...(row.selector.trim() ? { selector: row.selector } : {}),
        ...(row.attribute.trim() ? { attribute: row.attribute } : {}),
      },
    ]),
  );
}

/** An input's value as the flow holds it; undefined leaves the field out. */
function writeValue(spec: StepFieldSpec, value: StepDraftValue | undefined): unknown {
  switch (spec.kind) {
    case 'text': {
      const text = typeof value === 'string' ? value : '';
      return text === '' && !spec.required ? undefined : text;
    }
    case 'number': {
      const typed = typeof value === 'string' ? value.trim() : '';
      if (typed === '') return undefined;
      const number = Number(typed);
      return number === spec.default ? undefined : number;
    }
    case 'boolean':
    case 'choice':
      return value === spec.default ? undefined : value;
    case 'lines': {
      const lines = typeof value === 'string' ? value.split('\n').map((line) => line.trim()) : [];
      return lines.filter(Boolean);
    }
    case 'extractFields':
      return writeExtractFields(Array.isArray(value) ? value : []);
  }
}

/** The step a draft stands for: its shown fields, those at their default left out. */
export function draftToStep(draft: StepDraft): Record<string, unknown> {
  const specs = specsOf(draft.type);
  const step: Record<string, unknown> = { type: draft.type };
  for (const field of [...activeStepFields(draft), ...Object.keys(COMMON_STEP_FIELDS)]) {
    const spec = specs[field];
    const value = spec ? writeValue(spec, draft[field]) : undefined;
    if (value !== undefined) step[field] = value;
  }
  return step;
}

export function draftsToFlow(drafts: readonly StepDraft[]): DraftFlow {
  return { steps: drafts.map(draftToStep) };
}

function readExtractFields(value: unknown): ExtractFieldDraft[] | undefined {
  if (!isRecord(value)) return undefined;
  const rows: ExtractFieldDraft[] = [];
  for (const [name, field] of Object.entries(value)) {
    if (!isRecord(field) || Object.keys(field).some((key) => key !== 'selector' && key !== 'attribute'))
      return undefined;
    const { selector = '', attribute = '' } = field;
    if (typeof selector !== 'string' || typeof attribute !== 'string') return undefined;
    rows.push({ name, selector, attribute });
  }
  return rows;
}

/**
 * A flow's value as its input shows it; undefined when the input cannot hold it exactly (a
 * number as a string, an empty optional text, a value with a line break in a one-per-line list),
 * so that switching to the steps never changes what was written.
 */
function readValue(spec: StepFieldSpec, value: unknown): StepDraftValue | undefined {
  switch (spec.kind) {
    case 'text':
      return typeof value === 'string' && (value !== '' || spec.required) ? value : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'choice':
      return typeof value === 'string' && spec.choices?.includes(value) ? value : undefined;
    case 'lines':
      return Array.isArray(value) &&
        value.every(
          (line) => typeof line === 'string' && line !== '' && line === line.trim() && !line.includes('\n'),
        )
        ? value.join('\n')
        : undefined;
    case 'extractFields':
      return readExtractFields(value);
  }
}

/** A step of a flow as a draft, or null when the step editor cannot show it as it is. */
export function stepToDraft(step: unknown): StepDraft | null {
  if (!isRecord(step) || !isStepType(step.type)) return null;
  const specs = specsOf(step.type);
  const draft = emptyStepDraft(step.type);
  for (const [field, value] of Object.entries(step)) {
    if (field === 'type') continue;
    const spec = specs[field];
    const read = spec ? readValue(spec, value) : undefined;
    if (read === undefined) return null;
    draft[field] = read;
  }
  if (step.type === 'wait') {
    const given = WAIT_FOR_KINDS.filter((kind) => step[kind] !== undefined);
    if (given.length > 1) return null;
    draft.waitFor = given[0] ?? 'selector';
  }
  if (step.type === 'evaluate') draft.scriptFrom = step.source !== undefined ? 'inline' : 'library';
  // A field the card would not show (an assert's of another kind, a wait's state with a URL) would
  // be lost on the way back: such a step stays in the text.
  const shown = new Set([...activeStepFields(draft), ...Object.keys(COMMON_STEP_FIELDS), 'type']);
  return Object.keys(step).every((field) => shown.has(field)) ? draft : null;
}

/** A flow's value (`{ steps: [...] }`) as drafts, or null when any part cannot be shown as steps. */
export function flowToDrafts(value: unknown): StepDraft[] | null {
  if (!isRecord(value) || !Array.isArray(value.steps) || Object.keys(value).some((key) => key !== 'steps'))
    return null;
  const drafts = value.steps.map(stepToDraft);
  return drafts.every((draft) => draft !== null) ? drafts : null;
}
