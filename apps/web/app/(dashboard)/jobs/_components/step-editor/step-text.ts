import { parseFlow, parseFlowYaml } from '@fleetwright/contracts';
import { type FlowFormat, parseFlowText, stringifyFlow } from '../flow-text';
import { draftsToFlow, flowToDrafts, type StepDraft } from './step-drafts';

/** The steps as JSON or YAML text, as the text editor shows them. */
export function draftsToText(drafts: readonly StepDraft[], format: FlowFormat): string {
  return stringifyFlow(draftsToFlow(drafts), format);
}

export type TextToDraftsResult =
  | { ok: true; drafts: StepDraft[] }
  /** Why the text cannot become steps: the parser's or the schema's words, and the YAML line. */
  | { ok: false; message: string; line?: number };

/**
 * The flow text as steps, to switch the editor to its step view. A text that does not parse, or
 * holds what the step cards cannot show exactly (an unknown field or step type), is refused with
 * the reason, so the text is never rewritten into something else. A step that parses but is not
 * yet valid (an empty selector) becomes a card, where the form's check marks it.
 */
export function textToDrafts(text: string, format: FlowFormat): TextToDraftsResult {
  const parsed = parseFlowText(text, format);
  if (!parsed.ok) return { ok: false, message: parsed.message, line: parsed.line };
  const drafts = flowToDrafts(parsed.value);
  if (drafts) return { ok: true, drafts };
  // The schema names the field (and, for YAML, its line) the cards could not hold.
  const checked = format === 'yaml' ? parseFlowYaml(text) : parseFlow(parsed.value);
  if (checked.success) return { ok: false, message: 'the flow cannot be shown as steps' };
  return { ok: false, message: checked.issue.message, line: checked.issue.line };
}
