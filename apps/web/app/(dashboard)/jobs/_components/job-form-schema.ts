import {
  type CreateJobBody,
  createJobBodySchema,
  flowSchema,
  isolationSchema,
  type Job,
  type JobKind,
  type JobNotificationOutcome,
  jobKinds,
  jobNotificationOutcomeSchema,
  type ProxyStrategy,
  proxyStrategySchema,
  type UpdateJobBody,
} from '@fleetwright/contracts';
import { z } from 'zod';
import { formErrorMap } from '@/lib/form-error-map';
import { validationMessage } from '@/lib/validation-messages';
import { checkFlowText, EXAMPLE_FLOW, type FlowFormat, flowIssueAt, stringifyFlow } from './flow-text';
import { draftsToFlow, flowToDrafts, type StepDraft } from './step-editor/step-drafts';
import { flowPathOfField, stepIssueTarget } from './step-editor/step-issues';

export const SCHEDULE_TYPES = ['manual', 'now', 'at', 'cron'] as const;
export type ScheduleType = (typeof SCHEDULE_TYPES)[number];
export const TEMPLATE_PROXY_MODES = ['none', 'url', 'strategy'] as const;
export type TemplateProxyMode = (typeof TEMPLATE_PROXY_MODES)[number];
/** How a flow is edited: as step cards (the default), or as JSON or YAML text. */
export const FLOW_VIEWS = ['steps', 'json', 'yaml'] as const;
export type FlowView = (typeof FLOW_VIEWS)[number];

/**
 * What the job form's inputs hold: strings as typed. `jobFormSchema` turns them into a request
 * body and validates that with the API's own `createJobBodySchema`, so the browser and the server
 * agree on every rule; errors land on the input a body path belongs to (`formFieldForPath`).
 */
export interface JobFormValues {
  name: string;
  description: string;
  /** Comma- or space-separated. */
  tags: string;
  kind: JobKind;
  /** Which of `flowSteps` and `flowText` holds the flow; switching converts one into the other. */
  flowFormat: FlowView;
  flowSteps: StepDraft[];
  flowText: string;
  scriptId: string;
  /** '' = the latest version at each run. */
  scriptVersion: string;
  /** One URL per line. */
  targets: string;
  sessionsPerTarget: string;
  template: {
    device: string;
    locale: string;
    timezone: string;
    isolation: 'context' | 'browser';
    proxyMode: TemplateProxyMode;
    proxyUrl: string;
    strategy: ProxyStrategy;
    country: string;
    /** Comma- or space-separated. */
    proxyTags: string;
  };
  inputs: { name: string; value: string }[];
  schedule: {
    type: ScheduleType;
    /** A `datetime-local` value, in the browser's time zone. */
    at: string;
    cron: string;
    timezone: string;
  };
  priority: string;
  retries: { limit: string; delaySeconds: string; backoff: boolean };
  timeoutSeconds: string;
  concurrency: string;
  trace: boolean;
  /** Rules as chosen; a rule without a channel is refused by the API's schema, on its row. */
  notifications: { channelId: string; on: JobNotificationOutcome[] }[];
}

export function defaultJobFormValues(timezone = 'UTC'): JobFormValues {
  return {
    name: '',
    description: '',
    tags: '',
    kind: 'flow',
    flowFormat: 'steps',
    flowSteps: flowToDrafts(EXAMPLE_FLOW) ?? [],
    flowText: stringifyFlow(EXAMPLE_FLOW, 'json'),
    scriptId: '',
    scriptVersion: '',
    targets: '',
    sessionsPerTarget: '1',
    template: {
      device: '',
      locale: '',
      timezone: '',
      isolation: 'context',
      proxyMode: 'none',
      proxyUrl: '',
      strategy: 'round-robin',
      country: '',
      proxyTags: '',
    },
    inputs: [],
    schedule: { type: 'manual', at: '', cron: '0 9 * * *', timezone },
    priority: '0',
    retries: { limit: '0', delaySeconds: '30', backoff: true },
    timeoutSeconds: '300',
    concurrency: '5',
    trace: false,
    notifications: [],
  };
}

const formValuesSchema = z.object({
  name: z.string(),
  description: z.string(),
  tags: z.string(),
  kind: z.enum(jobKinds),
  flowFormat: z.enum(FLOW_VIEWS),
  flowSteps: z.array(z.custom<StepDraft>((value) => typeof value === 'object' && value !== null)),
  flowText: z.string(),
  scriptId: z.string(),
  scriptVersion: z.string(),
  targets: z.string(),
  sessionsPerTarget: z.string(),
  template: z.object({
    device: z.string(),
    locale: z.string(),
    timezone: z.string(),
    isolation: isolationSchema,
    proxyMode: z.enum(TEMPLATE_PROXY_MODES),
    proxyUrl: z.string(),
    strategy: proxyStrategySchema,
    country: z.string(),
    proxyTags: z.string(),
  }),
  inputs: z.array(z.object({ name: z.string(), value: z.string() })),
  schedule: z.object({
    type: z.enum(SCHEDULE_TYPES),
    at: z.string(),
    cron: z.string(),
    timezone: z.string(),
  }),
  priority: z.string(),
  retries: z.object({ limit: z.string(), delaySeconds: z.string(), backoff: z.boolean() }),
  timeoutSeconds: z.string(),
  concurrency: z.string(),
  trace: z.boolean(),
  notifications: z.array(z.object({ channelId: z.string(), on: z.array(jobNotificationOutcomeSchema) })),
});

function optionalText(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** '' → undefined (the API's default); anything else → a number (NaN fails validation with a message). */
function optionalNumber(value: string): number | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

function splitList(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).filter(Boolean))];
}

export function splitTargets(value: string): string[] {
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** `datetime-local` (the browser's zone) → ISO UTC; '' or nonsense is sent as is to fail validation. */
function toIsoInstant(local: string): string {
  const time = new Date(local).getTime();
  return Number.isNaN(time) ? local : new Date(time).toISOString();
}

/** ISO → `datetime-local` in the browser's zone ("2026-12-07T09:30"). */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The session template keys this form edits; others a job may have (headers, viewport) are kept. */
const FORM_TEMPLATE_KEYS = ['device', 'locale', 'timezone', 'isolation', 'proxy', 'proxyUrl'] as const;

function sessionTemplateOf(
  template: JobFormValues['template'],
  base: Record<string, unknown>,
): Record<string, unknown> {
  const kept = Object.fromEntries(
    Object.entries(base).filter(([key]) => !(FORM_TEMPLATE_KEYS as readonly string[]).includes(key)),
  );
  const country = optionalText(template.country)?.toUpperCase();
  const proxyTags = splitList(template.proxyTags);
  const proxy =
    template.proxyMode === 'strategy'
      ? {
          proxy: {
            strategy: template.strategy,
            ...(country ? { country } : {}),
            ...(proxyTags.length > 0 ? { tags: proxyTags } : {}),
          },
        }
      : template.proxyMode === 'url'
        ? { proxyUrl: template.proxyUrl.trim() }
        : {};
  const fields = {
    device: optionalText(template.device),
    locale: optionalText(template.locale),
    timezone: optionalText(template.timezone),
    isolation: template.isolation,
    ...proxy,
  };
  return {
    ...kept,
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
  };
}

function scheduleOf(schedule: JobFormValues['schedule']): CreateJobBody['schedule'] {
  if (schedule.type === 'at') return { type: 'at', at: toIsoInstant(schedule.at) };
  if (schedule.type === 'cron')
    return { type: 'cron', cron: schedule.cron, timezone: schedule.timezone.trim() };
  return { type: schedule.type };
}

/**
 * The request body the form stands for. `flow` is whatever the editor's text parses to (checked
 * apart, by step); `baseTemplate` is the session template of the job being edited.
 */
export function toJobBody(
  values: JobFormValues,
  flow: unknown,
  baseTemplate: Record<string, unknown> = {},
): CreateJobBody {
  const inputs = Object.fromEntries(
    values.inputs
      .filter((input) => input.name.trim() !== '')
      .map((input) => [input.name.trim(), input.value]),
  );
  const scriptVersion = optionalNumber(values.scriptVersion);
  return {
    name: values.name,
    description: values.description,
    tags: splitList(values.tags),
    kind: values.kind,
    ...(values.kind === 'flow'
      ? { flow: flow as CreateJobBody['flow'] }
      : { scriptId: values.scriptId.trim(), scriptVersion: scriptVersion ?? null }),
    targets: splitTargets(values.targets),
    sessionTemplate: sessionTemplateOf(values.template, baseTemplate),
    sessionsPerTarget: optionalNumber(values.sessionsPerTarget),
    inputs,
    schedule: scheduleOf(values.schedule),
    priority: optionalNumber(values.priority),
    retries: {
      limit: optionalNumber(values.retries.limit),
      delaySeconds: optionalNumber(values.retries.delaySeconds),
      backoff: values.retries.backoff,
    },
    timeoutSeconds: optionalNumber(values.timeoutSeconds),
    concurrency: optionalNumber(values.concurrency),
    trace: values.trace,
    notifications: values.notifications.map((rule) => ({ channelId: rule.channelId, on: rule.on })),
  };
}

/** A flow problem as one message on the editor: `§flowStep{…}` ("Step 4 · selector: must be …"). */
export function flowStepMessage(step: number | null, field: string, message: string): string {
  return step === null
    ? validationMessage('flowInvalid', { field: field || 'steps', message })
    : validationMessage('flowStep', { step: step + 1, field: field || 'type', message });
}

/**
 * Where a body path (the API's `field`, or a zod issue's path) is shown in the form:
 * `flow.steps.3.selector` → the flow editor, `sessionTemplate.locale` → `template.locale`,
 * `targets.2` → `targets`. Null when the form has no such input.
 */
export function formFieldForPath(path: string | undefined): string | null {
  if (!path) return null;
  const [head, ...rest] = path.split('.');
  switch (head) {
    case 'flow':
      return 'flowText';
    case 'tags':
    case 'targets':
    case 'inputs':
      return head;
    case 'notifications':
      return rest[0] !== undefined && /^\d+$/.test(rest[0]) ? `notifications.${rest[0]}` : head;
    case 'sessionTemplate': {
      const key = rest[0];
      if (key === 'proxy')
        return rest[1] === 'country'
          ? 'template.country'
          : rest[1] === 'tags'
            ? 'template.proxyTags'
            : 'template.strategy';
      if (key === 'proxyUrl') return 'template.proxyUrl';
      if (key === 'device' || key === 'locale' || key === 'timezone' || key === 'isolation')
        return `template.${key}`;
      return 'template';
    }
    case 'schedule':
      return rest[0] === 'at' || rest[0] === 'cron' || rest[0] === 'timezone'
        ? `schedule.${rest[0]}`
        : 'schedule.type';
    case 'retries':
      return rest[0] === 'limit' || rest[0] === 'delaySeconds' || rest[0] === 'backoff'
        ? `retries.${rest[0]}`
        : 'retries.limit';
    case 'name':
    case 'description':
    case 'kind':
    case 'scriptId':
    case 'scriptVersion':
    case 'sessionsPerTarget':
    case 'priority':
    case 'timeoutSeconds':
    case 'concurrency':
    case 'trace':
      return head;
    default:
      return null;
  }
}

/** The message a body issue shows on its input: a target names its line, a flow issue its step. */
function messageForIssue(path: readonly PropertyKey[], message: string): string {
  if (path[0] === 'targets' && typeof path[1] === 'number') {
    return validationMessage('targetLine', { line: path[1] + 1 });
  }
  if (path[0] === 'flow') {
    const issue = flowIssueAt(path.slice(1), message);
    return flowStepMessage(issue.step, issue.field, issue.message);
  }
  return message;
}

/** A flow issue on the step editor: on its step's field, or its card's header naming the field. */
function stepIssueOnForm(
  drafts: readonly StepDraft[],
  path: readonly (string | number)[],
  message: string,
): { name: string; message: string } {
  const target = stepIssueTarget(drafts, path);
  return {
    name: target.name,
    message: target.field ? validationMessage('stepField', { field: target.field, message }) : message,
  };
}

/**
 * A server error (`field` and message) as the form shows it: on which input, with which words.
 * With `flowSteps` (the flow is edited as steps), a flow error goes to its step's card and field.
 */
export function serverErrorOnForm(
  field: string | undefined,
  message: string,
  flowSteps?: readonly StepDraft[],
): { name: string; message: string } | null {
  const flowPath = field && flowSteps ? flowPathOfField(field) : null;
  if (flowSteps && flowPath) return stepIssueOnForm(flowSteps, flowPath, message);
  const name = formFieldForPath(field);
  if (!name || !field) return null;
  const path = field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return { name, message: messageForIssue(path, message) };
}

export type JobFormOutput = z.output<typeof createJobBodySchema>;

/**
 * The form's schema for `zodResolver`: input rows checked one by one, the flow's text parsed and
 * checked by step, then the body validated with `createJobBodySchema`; every issue comes back in
 * one pass, on the input it belongs to.
 */
export function jobFormSchema(baseTemplate: Record<string, unknown> = {}) {
  return formValuesSchema.transform((values, ctx): JobFormOutput => {
    const seen = new Set<string>();
    values.inputs.forEach((input, index) => {
      const name = input.name.trim();
      if (name !== '' && seen.has(name)) {
        ctx.addIssue({
          code: 'custom',
          message: validationMessage('inputDuplicate'),
          path: ['inputs', index, 'name'],
        });
      }
      seen.add(name);
    });
    let flow: unknown;
    if (values.kind === 'flow' && values.flowFormat === 'steps') {
      // Checked with the API's flowSchema, each issue on its step's card (`steps.3.selector`).
      const drafted = draftsToFlow(values.flowSteps);
      const result = flowSchema.safeParse(drafted, { error: formErrorMap });
      if (result.success) flow = drafted;
      for (const issue of result.error?.issues ?? []) {
        const placed = stepIssueOnForm(values.flowSteps, issue.path as (string | number)[], issue.message);
        ctx.addIssue({ code: 'custom', message: placed.message, path: placed.name.split('.') });
      }
    } else if (values.kind === 'flow') {
      const checked = checkFlowText(values.flowText, values.flowFormat as FlowFormat);
      flow = checked.flow;
      const first = checked.issues[0];
      if (first) {
        const message =
          first.line === undefined && checked.flow !== undefined
            ? flowStepMessage(first.step, first.field, first.message)
            : validationMessage('flowSyntax', { message: first.message });
        ctx.addIssue({ code: 'custom', message, path: ['flowText'] });
        flow = undefined;
      }
    }
    const body = toJobBody(values, flow ?? { steps: [] }, baseTemplate);
    const result = createJobBodySchema.safeParse(body, { error: formErrorMap });
    if (result.success && ctx.issues.length === 0) return result.data;
    for (const issue of result.error?.issues ?? []) {
      // The flow's own issues were reported above, by step.
      if (issue.path[0] === 'flow' && values.kind === 'flow') continue;
      const name = formFieldForPath(issue.path.map(String).join('.'));
      ctx.addIssue({
        code: 'custom',
        message: messageForIssue(issue.path, issue.message),
        path: name ? name.split('.') : ['root', 'server'],
      });
    }
    return z.NEVER;
  });
}

/** A form field name → the body key it writes, to send only what an edit changed (PATCH). */
const BODY_KEY_OF_FIELD: Record<keyof JobFormValues, keyof UpdateJobBody> = {
  name: 'name',
  description: 'description',
  tags: 'tags',
  kind: 'kind',
  flowFormat: 'flow',
  flowSteps: 'flow',
  flowText: 'flow',
  scriptId: 'scriptId',
  scriptVersion: 'scriptVersion',
  targets: 'targets',
  sessionsPerTarget: 'sessionsPerTarget',
  template: 'sessionTemplate',
  inputs: 'inputs',
  schedule: 'schedule',
  priority: 'priority',
  retries: 'retries',
  timeoutSeconds: 'timeoutSeconds',
  concurrency: 'concurrency',
  trace: 'trace',
  notifications: 'notifications',
};

/**
 * The PATCH of an edit: only the body keys whose inputs changed, so what the form does not show
 * (file inputs, template headers) is left as it is. Changing `kind` sends
 * what the new kind runs with it.
 */
export function changedJobBody(
  body: JobFormOutput,
  dirty: Partial<Record<keyof JobFormValues, unknown>>,
): UpdateJobBody {
  const keys = new Set<keyof UpdateJobBody>();
  for (const [field, isDirty] of Object.entries(dirty)) {
    if (isDirty) keys.add(BODY_KEY_OF_FIELD[field as keyof JobFormValues]);
  }
  if (keys.has('kind')) {
    if (body.kind === 'flow') keys.add('flow');
    else keys.add('scriptId').add('scriptVersion');
  }
  if (body.kind === 'flow') {
    keys.delete('scriptId');
    keys.delete('scriptVersion');
  } else keys.delete('flow');
  const patch: Record<string, unknown> = {};
  for (const key of keys) patch[key] = body[key as keyof JobFormOutput];
  return patch as UpdateJobBody;
}

function stringInputs(inputs: Record<string, unknown>): { name: string; value: string }[] {
  return Object.entries(inputs)
    .filter(([, value]) => typeof value !== 'object' || value === null)
    .map(([name, value]) => ({ name, value: String(value) }));
}

/** Whether a job has file inputs, which the form cannot show (their bytes never come back). */
export function hasFileInputs(job: Pick<Job, 'inputs'>): boolean {
  return Object.values(job.inputs).some((value) => typeof value === 'object' && value !== null);
}

/** A job's flow in the step editor, or as JSON when the cards cannot show it exactly. */
function flowFormValues(
  flow: Job['flow'],
  defaults: JobFormValues,
): Pick<JobFormValues, 'flowFormat' | 'flowSteps' | 'flowText'> {
  if (!flow)
    return { flowFormat: defaults.flowFormat, flowSteps: defaults.flowSteps, flowText: defaults.flowText };
  const drafts = flowToDrafts(flow);
  return {
    flowFormat: drafts ? 'steps' : 'json',
    flowSteps: drafts ?? [],
    flowText: stringifyFlow(flow, 'json'),
  };
}

/** The form's values for editing `job`. */
export function jobToFormValues(job: Job, timezone = 'UTC'): JobFormValues {
  const defaults = defaultJobFormValues(timezone);
  const template = job.sessionTemplate as {
    device?: string;
    locale?: string;
    timezone?: string;
    isolation?: 'context' | 'browser';
    proxyUrl?: string;
    proxy?: { strategy?: ProxyStrategy; country?: string; tags?: string[] };
  };
  const { schedule } = job;
  return {
    ...defaults,
    name: job.name,
    description: job.description,
    tags: job.tags.join(', '),
    kind: job.kind,
    ...flowFormValues(job.flow, defaults),
    scriptId: job.scriptId ?? '',
    scriptVersion: job.scriptVersion === null ? '' : String(job.scriptVersion),
    targets: job.targets.join('\n'),
    sessionsPerTarget: String(job.sessionsPerTarget),
    template: {
      ...defaults.template,
      device: template.device ?? '',
      locale: template.locale ?? '',
      timezone: template.timezone ?? '',
      isolation: template.isolation ?? 'context',
      proxyMode: template.proxy?.strategy ? 'strategy' : template.proxyUrl ? 'url' : 'none',
      proxyUrl: template.proxyUrl ?? '',
      strategy: template.proxy?.strategy ?? 'round-robin',
      country: template.proxy?.country ?? '',
      proxyTags: (template.proxy?.tags ?? []).join(', '),
    },
    inputs: stringInputs(job.inputs),
    schedule: {
      type: schedule.type,
      at: schedule.type === 'at' ? toLocalInput(schedule.at) : '',
      cron: schedule.type === 'cron' ? schedule.cron : defaults.schedule.cron,
      timezone: schedule.type === 'cron' ? schedule.timezone : timezone,
    },
    priority: String(job.priority),
    retries: {
      limit: String(job.retries.limit),
      delaySeconds: String(job.retries.delaySeconds),
      backoff: job.retries.backoff,
    },
    timeoutSeconds: String(job.timeoutSeconds),
    concurrency: String(job.concurrency),
    trace: job.trace,
    notifications: job.notifications.map((rule) => ({ channelId: rule.channelId, on: [...rule.on] })),
  };
}
