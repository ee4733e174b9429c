import type { FlowStepType } from '@fleetwright/contracts';

/**
 * What the step editor knows of each step type's fields, taken from the step schemas in
 * `packages/contracts/src/flows.ts`: which input edits a field, whether it is sent when empty, and
 * the schema's default (a field equal to its default is left out of the flow, as a hand-written
 * flow would). The schemas stay the judge of what is valid; this only says how to show and write.
 */
export type StepFieldKind =
  /** A string; `required` ones are sent even when empty, so the schema names them. */
  | 'text'
  /** A number typed as text; empty is left out (the schema says when it is required). */
  | 'number'
  | 'boolean'
  /** One of `choices`. */
  | 'choice'
  /** A list of strings, one per line (a select step's values). */
  | 'lines'
  /** An extract's named fields: rows of name, selector, attribute. */
  | 'extractFields';

export interface StepFieldSpec {
  kind: StepFieldKind;
  required?: boolean;
  default?: string | number | boolean;
  choices?: readonly string[];
}

const text = (required = false): StepFieldSpec => ({ kind: 'text', required });
const number = (defaultValue?: number): StepFieldSpec => ({ kind: 'number', default: defaultValue });
const flag = (defaultValue: boolean): StepFieldSpec => ({ kind: 'boolean', default: defaultValue });
const choice = (choices: readonly string[], defaultValue?: string): StepFieldSpec => ({
  kind: 'choice',
  choices,
  default: defaultValue,
});

/** Fields every step may carry (the schemas' `stepBase`). */
export const COMMON_STEP_FIELDS: Record<string, StepFieldSpec> = {
  name: text(),
  timeoutMs: number(),
  continueOnFailure: flag(false),
};

export const ASSERT_KINDS = ['text', 'visible', 'url', 'title', 'count'] as const;
export type AssertKind = (typeof ASSERT_KINDS)[number];
export const MATCH_KINDS = ['contains', 'equals', 'regex'] as const;
export const WAIT_FOR_KINDS = ['selector', 'url', 'ms'] as const;
export type WaitForKind = (typeof WAIT_FOR_KINDS)[number];
export const SCRIPT_SOURCES = ['library', 'inline'] as const;
export type ScriptSource = (typeof SCRIPT_SOURCES)[number];

/** Every field a step type may have (an assert's: those of all its kinds). */
export const STEP_FIELDS: Record<FlowStepType, Record<string, StepFieldSpec>> = {
  goto: { url: text(true), waitUntil: choice(['load', 'domcontentloaded', 'networkidle', 'commit'], 'load') },
  click: {
    selector: text(true),
    button: choice(['left', 'right', 'middle'], 'left'),
    clickCount: number(1),
  },
  fill: { selector: text(true), value: text(true) },
  press: { selector: text(), key: text(true) },
  select: { selector: text(true), values: { kind: 'lines', required: true } },
  check: { selector: text(true), checked: flag(true) },
  hover: { selector: text(true) },
  upload: { selector: text(true), input: text(true) },
  wait: {
    selector: text(),
    state: choice(['attached', 'detached', 'visible', 'hidden'], 'visible'),
    url: text(),
    ms: number(),
  },
  extract: {
    as: text(true),
    selector: text(true),
    list: flag(false),
    fields: { kind: 'extractFields' },
    attribute: text(),
  },
  screenshot: { as: text(), selector: text(), fullPage: flag(false) },
  assert: {
    assert: choice(ASSERT_KINDS),
    selector: text(true),
    expected: text(true),
    match: choice(MATCH_KINDS, 'contains'),
    visible: flag(true),
    equals: number(),
    min: number(),
    max: number(),
  },
  evaluate: { scriptId: text(), version: number(), source: text(), as: text() },
  setViewport: { width: number(), height: number() },
  pause: { ms: number() },
};

/** The fields each assert kind has (the schema's discriminated union on `assert`). */
export const ASSERT_FIELDS: Record<AssertKind, readonly string[]> = {
  text: ['assert', 'selector', 'expected', 'match'],
  visible: ['assert', 'selector', 'visible'],
  url: ['assert', 'expected', 'match'],
  title: ['assert', 'expected', 'match'],
  count: ['assert', 'selector', 'equals', 'min', 'max'],
};

/** A wait step waits for one thing: the fields of each. */
export const WAIT_FIELDS: Record<WaitForKind, readonly string[]> = {
  selector: ['selector', 'state'],
  url: ['url'],
  ms: ['ms'],
};

/** An evaluate step runs a saved script's version, or inline source. */
export const EVALUATE_FIELDS: Record<ScriptSource, readonly string[]> = {
  library: ['scriptId', 'version', 'as'],
  inline: ['source', 'as'],
};

/** The step types as the add menu lists them, grouped by what they do. */
export const STEP_TYPE_GROUPS: readonly (readonly FlowStepType[])[] = [
  ['goto', 'click', 'fill', 'press', 'select', 'check', 'hover', 'upload'],
  ['wait', 'pause', 'setViewport'],
  ['extract', 'screenshot', 'assert', 'evaluate'],
];
