import type { Job } from '@fleetwright/contracts';
import { describe, expect, it } from 'vitest';
import { checkFlowText } from './flow-text';
import {
  changedJobBody,
  defaultJobFormValues,
  formFieldForPath,
  type JobFormValues,
  jobFormSchema,
  jobToFormValues,
  serverErrorOnForm,
} from './job-form-schema';
import { parseJobListParams, patchJobListQuery } from './list-params';
import { flowToDrafts } from './step-editor/step-drafts';

function values(patch: Partial<JobFormValues> = {}): JobFormValues {
  return {
    ...defaultJobFormValues('Europe/Berlin'),
    name: 'prices',
    targets: 'https://example.com/',
    ...patch,
  };
}

/** A saved job as the API returns it, for the edit form. */
function baseJob(): Job {
  return {
    id: '0b5c3a51-3f0e-4f3c-9b8e-2a1d6c7e9f11',
    name: 'prices',
    description: '',
    tags: [],
    kind: 'flow',
    flow: null,
    scriptId: null,
    scriptVersion: null,
    targets: ['https://example.com/'],
    sessionTemplate: {},
    sessionsPerTarget: 1,
    inputs: {},
    schedule: { type: 'manual' },
    priority: 0,
    retries: { limit: 0, delaySeconds: 30, backoff: true },
    timeoutSeconds: 300,
    concurrency: 5,
    trace: false,
    notifications: [],
  } as unknown as Job;
}

/** The issues zodResolver would put on the form: path → message. */
function issuesOf(form: JobFormValues): Record<string, string> {
  const result = jobFormSchema().safeParse(form);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('the flow editor', () => {
  it('names the step index and field of a step that misses its selector, as the API would', () => {
    const text = JSON.stringify({ steps: [{ type: 'goto', url: '{{target}}' }, { type: 'click' }] });
    const { issues } = checkFlowText(text, 'json');
    expect(issues).toEqual([{ step: 1, field: 'selector', message: expect.any(String) }]);
  });

  it('names an unknown step type by its index', () => {
    const { issues } = checkFlowText('{"steps":[{"type":"goto","url":"x"},{"type":"teleport"}]}', 'json');
    expect(issues[0]).toMatchObject({ step: 1, message: expect.stringContaining('type must be one of') });
  });

  it('reads YAML and reports a syntax error with its line', () => {
    const good = checkFlowText('steps:\n  - type: goto\n    url: "{{target}}"\n', 'yaml');
    expect(good.issues).toEqual([]);
    expect(good.flow).toEqual({ steps: [{ type: 'goto', url: '{{target}}' }] });
    const bad = checkFlowText('steps:\n  - type: goto\n   url: [unclosed\n', 'yaml');
    expect(bad.issues[0]?.step).toBeNull();
    expect(bad.issues[0]?.line).toBeGreaterThan(1);
  });

  it('keeps the form from sending a flow with a bad step, with the step on the editor', () => {
    const text = JSON.stringify({
      steps: [
        { type: 'goto', url: '{{target}}' },
        { type: 'fill', value: 'x' },
      ],
    });
    const issues = issuesOf(values({ flowFormat: 'json', flowText: text }));
    expect(issues.flowText).toBe('§flowStep{"step":2,"field":"selector","message":"must be a selector"}');
  });
});

describe('the step editor in the job form', () => {
  const drafts = (flow: unknown) => flowToDrafts(flow) ?? [];

  it('edits a new flow as steps, and sends them as the flow', () => {
    expect(defaultJobFormValues().flowFormat).toBe('steps');
    const flowSteps = drafts({
      steps: [
        { type: 'goto', url: '{{target}}' },
        { type: 'fill', selector: '#q', value: '{{query}}' },
        { type: 'click', selector: '#go' },
      ],
    });
    const result = jobFormSchema().safeParse(values({ flowSteps }));
    expect(result.success && result.data.flow?.steps).toEqual([
      { type: 'goto', url: '{{target}}', waitUntil: 'load' },
      { type: 'fill', selector: '#q', value: '{{query}}' },
      { type: 'click', selector: '#go', button: 'left', clickCount: 1 },
    ]);
  });

  it("keeps the form from sending a bad step, with the issue on that step's field", () => {
    const flowSteps = drafts({
      steps: [
        { type: 'goto', url: '{{target}}' },
        { type: 'click', selector: '' },
        { type: 'assert', assert: 'count', selector: 'tr' },
      ],
    });
    const issues = issuesOf(values({ flowSteps }));
    expect(issues['flowSteps.1.selector']).toBe('must not be empty');
    expect(issues['flowSteps.2.equals']).toBe('give equals, min or max');
    expect(issues.flowText).toBeUndefined();
    expect(issuesOf(values({ flowSteps: [] })).flowSteps).toBe('a flow needs at least one step');
  });

  it("places a server's flow error on its step's field when the flow is edited as steps", () => {
    const flowSteps = drafts({
      steps: [
        { type: 'goto', url: '{{target}}' },
        { type: 'click', selector: 'a' },
        { type: 'assert', assert: 'title', expected: 'Shop' },
        { type: 'extract', as: 'rows', selector: 'tr', fields: { title: {}, link: { selector: 'a' } } },
      ],
    });
    expect(serverErrorOnForm('flow.steps.1.selector', 'no such element', flowSteps)).toEqual({
      name: 'flowSteps.1.selector',
      message: 'no such element',
    });
    // An assert of kind title has no selector input: its card's header names the field.
    expect(serverErrorOnForm('flow.steps.2.selector', 'is required', flowSteps)).toEqual({
      name: 'flowSteps.2.type',
      message: '§stepField{"field":"selector","message":"is required"}',
    });
    expect(serverErrorOnForm('flow.steps.3.fields.link.selector', 'bad', flowSteps)?.name).toBe(
      'flowSteps.3.fields.1.selector',
    );
    expect(serverErrorOnForm('targets.0', 'bad', flowSteps)?.name).toBe('targets');
  });

  it('opens a saved flow as steps, or as JSON when the cards cannot hold it', () => {
    const job = { flow: { steps: [{ type: 'goto', url: '{{target}}', waitUntil: 'load' }] } };
    const asSteps = jobToFormValues({ ...baseJob(), ...job } as Job);
    expect(asSteps.flowFormat).toBe('steps');
    expect(asSteps.flowSteps).toEqual(drafts({ steps: [{ type: 'goto', url: '{{target}}' }] }));
  });
});

describe('the job form', () => {
  it('turns valid inputs into the API body, with the cron schedule in its time zone', () => {
    const result = jobFormSchema().safeParse(
      values({
        targets: 'https://example.com/a\n\n  https://example.com/b  \n',
        inputs: [{ name: 'query', value: 'shoes' }],
        schedule: { type: 'cron', at: '', cron: '0 9 * * 1', timezone: 'America/Sao_Paulo' },
      }),
    );
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({
      name: 'prices',
      kind: 'flow',
      targets: ['https://example.com/a', 'https://example.com/b'],
      inputs: { query: 'shoes' },
      schedule: { type: 'cron', cron: '0 9 * * 1', timezone: 'America/Sao_Paulo' },
      retries: { limit: 0, delaySeconds: 30, backoff: true },
      timeoutSeconds: 300,
    });
    expect(result.data?.flow?.steps[1]).toMatchObject({ type: 'extract', as: 'heading' });
  });

  it('puts a bad cron, an unknown time zone and a bad target line on their inputs', () => {
    const issues = issuesOf(
      values({
        targets: 'https://example.com/\nftp://example.com/',
        schedule: { type: 'cron', at: '', cron: '61 * * * *', timezone: 'Mars/Olympus' },
      }),
    );
    expect(issues['schedule.cron']).toContain('cron expression');
    expect(issues['schedule.timezone']).toContain('IANA time zone');
    expect(issues.targets).toBe('§targetLine{"line":2}');
  });

  it('places server errors on the input they name, flow errors by step', () => {
    expect(serverErrorOnForm('flow.steps.3.selector', 'must be a selector')).toEqual({
      name: 'flowText',
      message: '§flowStep{"step":4,"field":"selector","message":"must be a selector"}',
    });
    expect(formFieldForPath('sessionTemplate.locale')).toBe('template.locale');
    expect(formFieldForPath('sessionTemplate.proxy.country')).toBe('template.country');
    expect(formFieldForPath('schedule.timezone')).toBe('schedule.timezone');
    expect(formFieldForPath('targets.7')).toBe('targets');
    // The form shows notification rules now (issue 11): a rule's problem lands on its row.
    expect(formFieldForPath('notifications.0.channelId')).toBe('notifications.0');
  });

  it('sends only what an edit changed, and what a new kind runs with it', () => {
    const result = jobFormSchema({ headers: { 'x-team': 'qa' } }).safeParse(values());
    if (!result.success) throw result.error;
    expect(changedJobBody(result.data, { name: true })).toEqual({ name: 'prices' });
    const template = changedJobBody(result.data, { template: { locale: true } });
    // The template's inputs the form does not show are kept.
    expect(template.sessionTemplate).toMatchObject({ headers: { 'x-team': 'qa' }, isolation: 'context' });
    expect(Object.keys(changedJobBody(result.data, { kind: true })).sort()).toEqual(['flow', 'kind']);
  });
});

describe('the job form, notification rules', () => {
  const channelId = '0b5c3a51-3f0e-4f3c-9b8e-2a1d6c7e9f10';

  it('sends the rules as the API takes them, and an edit sends them when they changed', () => {
    const form = values({ notifications: [{ channelId, on: ['failure', 'recovery'] }] });
    const result = jobFormSchema().safeParse(form);
    expect(result.success && result.data.notifications).toEqual([{ channelId, on: ['failure', 'recovery'] }]);
    expect(result.success && changedJobBody(result.data, { notifications: true })).toEqual({
      notifications: [{ channelId, on: ['failure', 'recovery'] }],
    });
  });

  it('puts a rule without a channel or an outcome on its row', () => {
    const issues = issuesOf(values({ notifications: [{ channelId: '', on: [] }] }));
    expect(Object.keys(issues)).toEqual(expect.arrayContaining(['notifications.0']));
  });
});

describe('the jobs list URL', () => {
  it('reads its filters from the query string and drops what it does not know', () => {
    const params = parseJobListParams(new URLSearchParams('kind=flow&paused=true&q=price&page=3&pageSize=7'));
    expect(params).toEqual({ page: 3, pageSize: 50, q: 'price', kind: 'flow', paused: true, tag: undefined });
    expect(parseJobListParams(new URLSearchParams('kind=robot&paused=maybe')).kind).toBeUndefined();
  });

  it('goes back to page 1 when a filter changes', () => {
    expect(patchJobListQuery('page=4&kind=flow', { paused: 'false' })).toBe('kind=flow&paused=false');
  });
});
