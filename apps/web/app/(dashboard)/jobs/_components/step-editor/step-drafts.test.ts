import { type FlowInput, flowSchema, flowStepTypes } from '@fleetwright/contracts';
import { describe, expect, it } from 'vitest';
import { draftsToFlow, emptyStepDraft, flowToDrafts } from './step-drafts';
import { stepIssueTarget } from './step-issues';
import { draftsToText, textToDrafts } from './step-text';

/** A flow with every step type and the fields the cards edit. */
const EVERY_STEP: FlowInput = {
  steps: [
    { type: 'goto', url: '{{target}}', waitUntil: 'networkidle', name: 'open', timeoutMs: 5000 },
    { type: 'click', selector: 'button#go', button: 'right', clickCount: 2, continueOnFailure: true },
    { type: 'fill', selector: '#q', value: '' },
    { type: 'press', key: 'Enter' },
    { type: 'select', selector: '#size', values: ['s', 'm'] },
    { type: 'check', selector: '#terms', checked: false },
    { type: 'hover', selector: 'nav' },
    { type: 'upload', selector: 'input[type=file]', input: 'photo' },
    { type: 'wait', url: 'regex:/done$', name: 'done' },
    { type: 'wait', selector: '#out', state: 'hidden' },
    { type: 'wait', ms: 250 },
    {
      type: 'extract',
      as: 'rows',
      selector: 'tr',
      list: true,
      fields: { title: { selector: 'td.title' }, link: { selector: 'a', attribute: 'href' } },
    },
    { type: 'screenshot', as: 'shot', fullPage: true },
    { type: 'assert', assert: 'text', selector: 'h1', expected: 'Hello', match: 'equals' },
    { type: 'assert', assert: 'visible', selector: '.spinner', visible: false },
    { type: 'assert', assert: 'count', selector: 'tr', min: 1, max: 10 },
    { type: 'assert', assert: 'title', expected: 'Shop' },
    { type: 'evaluate', scriptId: '00000000-0000-4000-8000-000000000001', version: 3, as: 'result' },
    { type: 'evaluate', source: 'return document.title' },
    { type: 'setViewport', width: 375, height: 812 },
    { type: 'pause', ms: 100 },
  ],
};

describe('the step editor and the flow text', () => {
  it('has a card for every step type of the contracts, each valid once filled', () => {
    const covered = new Set(EVERY_STEP.steps.map((step) => step.type));
    expect([...flowStepTypes].filter((type) => !covered.has(type))).toEqual([]);
    expect(flowSchema.safeParse(EVERY_STEP).success).toBe(true);
  });

  it('turns a flow into steps and back into the same flow', () => {
    const drafts = flowToDrafts(EVERY_STEP);
    expect(drafts).not.toBeNull();
    expect(draftsToFlow(drafts ?? [])).toEqual(EVERY_STEP);
  });

  it('writes steps as JSON and YAML that read back as the same steps', () => {
    const drafts = flowToDrafts(EVERY_STEP) ?? [];
    for (const format of ['json', 'yaml'] as const) {
      const text = draftsToText(drafts, format);
      expect(textToDrafts(text, format)).toEqual({ ok: true, drafts });
    }
    expect(draftsToText(drafts, 'yaml')).toContain('- type: goto\n    url: "{{target}}"');
  });

  it('leaves out values at their default, as the schema fills them in', () => {
    const drafts = flowToDrafts(flowSchema.parse({ steps: [{ type: 'click', selector: 'a' }] }));
    expect(draftsToFlow(drafts ?? [])).toEqual({ steps: [{ type: 'click', selector: 'a' }] });
  });

  it('keeps a step that is not yet valid as a card, with its empty field', () => {
    const result = textToDrafts('{"steps":[{"type":"goto","url":"{{target}}"},{"type":"click"}]}', 'json');
    expect(result.ok).toBe(true);
    const drafts = result.ok ? result.drafts : [];
    expect(drafts[1]).toMatchObject({ type: 'click', selector: '' });
    expect(draftsToFlow(drafts).steps[1]).toEqual({ type: 'click', selector: '' });
  });

  it('refuses to turn text into steps when it does not parse, naming the YAML line', () => {
    const result = textToDrafts('steps:\n  - type: goto\n   url: [unclosed\n', 'yaml');
    expect(result).toMatchObject({ ok: false, line: expect.any(Number) });
    expect(result.ok ? 0 : (result.line ?? 0)).toBeGreaterThan(1);
    expect(textToDrafts('{"steps": [', 'json')).toMatchObject({ ok: false, message: expect.any(String) });
  });

  it('refuses text the cards cannot hold exactly: an unknown field, an unknown type, two waits in one', () => {
    const unknownField = textToDrafts('steps:\n  - type: goto\n    url: x\n    colour: red\n', 'yaml');
    expect(unknownField).toEqual({ ok: false, message: 'unknown field "steps.0.colour"', line: 4 });
    expect(textToDrafts('{"steps":[{"type":"teleport"}]}', 'json')).toMatchObject({
      ok: false,
      message: expect.stringContaining('type must be one of'),
    });
    expect(textToDrafts('{"steps":[{"type":"wait","selector":"a","ms":5}]}', 'json').ok).toBe(false);
    // A wait for a URL has no state input: its state would be lost on the way back.
    expect(textToDrafts('{"steps":[{"type":"wait","url":"**/done","state":"hidden"}]}', 'json').ok).toBe(
      false,
    );
    expect(textToDrafts('{"steps":[{"type":"fill","selector":"a","value":1}]}', 'json').ok).toBe(false);
  });

  it('starts a new step of each type empty or at its defaults', () => {
    expect(draftsToFlow([emptyStepDraft('click')])).toEqual({ steps: [{ type: 'click', selector: '' }] });
    expect(draftsToFlow([emptyStepDraft('assert')])).toEqual({
      steps: [{ type: 'assert', assert: 'text', selector: '', expected: '' }],
    });
    expect(draftsToFlow([emptyStepDraft('wait')])).toEqual({ steps: [{ type: 'wait' }] });
  });
});

describe('flow issues on the step cards', () => {
  const drafts = flowToDrafts(EVERY_STEP) ?? [];

  it("puts an issue at steps.N.field on that step's card and field", () => {
    expect(stepIssueTarget(drafts, ['steps', 1, 'selector'])).toEqual({
      name: 'flowSteps.1.selector',
      step: 1,
    });
    expect(stepIssueTarget(drafts, ['steps', 4, 'values', 1])).toEqual({
      name: 'flowSteps.4.values',
      step: 4,
    });
    expect(stepIssueTarget(drafts, ['steps', 0, 'timeoutMs'])).toEqual({
      name: 'flowSteps.0.timeoutMs',
      step: 0,
    });
  });

  it("puts an extract field's issue on its row", () => {
    expect(stepIssueTarget(drafts, ['steps', 11, 'fields', 'link', 'attribute'])).toEqual({
      name: 'flowSteps.11.fields.1.attribute',
      step: 11,
    });
  });

  it("puts an issue on a field the card does not show in the card's header, naming the field", () => {
    // An assert of kind title has no selector input; a wait for a URL has no state input.
    expect(stepIssueTarget(drafts, ['steps', 16, 'selector'])).toEqual({
      name: 'flowSteps.16.type',
      step: 16,
      field: 'selector',
    });
    expect(stepIssueTarget(drafts, ['steps', 3])).toEqual({ name: 'flowSteps.3.type', step: 3 });
  });

  it('puts an issue of the whole flow, or of a step that does not exist, on the list', () => {
    expect(stepIssueTarget(drafts, ['steps'])).toEqual({ name: 'flowSteps', step: null });
    expect(stepIssueTarget(drafts, ['steps', 99, 'selector'])).toEqual({ name: 'flowSteps', step: null });
  });
});
