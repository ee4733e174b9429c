import { activeStepFields, type StepDraft } from './step-drafts';
import { COMMON_STEP_FIELDS } from './step-fields';

/** Where a flow issue is shown in the step editor: a form path and whether it is the card's header. */
export interface StepIssueTarget {
  /** `flowSteps.3.selector`, `flowSteps.2.fields.1.name`, `flowSteps.4.type` (the card), or `flowSteps`. */
  name: string;
  /** The step's index, or null for the flow as a whole. */
  step: number | null;
  /** The field the issue is about when the card cannot show it in place (shown in its header). */
  field?: string;
}

function extractFieldTarget(draft: StepDraft, rest: readonly string[]): string {
  const rows = Array.isArray(draft.fields) ? draft.fields : [];
  const row = rows.findIndex((candidate) => candidate.name.trim() === rest[1]);
  if (row < 0) return 'fields';
  const column = rest[2] === 'selector' || rest[2] === 'attribute' ? rest[2] : 'name';
  return `fields.${row}.${column}`;
}

/**
 * The input a flow issue belongs to, from its path below the flow (`steps.3.selector`, as zod
 * and the API's 400 `field` name it): the field of that step's card when the card shows it, else
 * the card's header, so no issue is ever hidden.
 */
export function stepIssueTarget(
  drafts: readonly StepDraft[],
  path: readonly (string | number)[],
): StepIssueTarget {
  const [head, index, ...rest] = path.map(String);
  const step = Number(index);
  const draft = head === 'steps' && index !== undefined && /^\d+$/.test(index) ? drafts[step] : undefined;
  if (!draft) return { name: 'flowSteps', step: null };
  const field = rest[0];
  const base = `flowSteps.${step}`;
  if (field === 'fields' && draft.type === 'extract')
    return { name: `${base}.${extractFieldTarget(draft, rest)}`, step };
  const shown = new Set([...activeStepFields(draft), ...Object.keys(COMMON_STEP_FIELDS)]);
  if (field !== undefined && shown.has(field)) return { name: `${base}.${field}`, step };
  return { name: `${base}.type`, step, field: rest.join('.') || undefined };
}

/** The API's `field` of a 400 (`flow.steps.3.selector`) as a path below the flow. */
export function flowPathOfField(field: string): (string | number)[] | null {
  const [head, ...rest] = field.split('.');
  if (head !== 'flow') return null;
  return rest.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
