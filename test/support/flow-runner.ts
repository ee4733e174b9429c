import type { FlowStepResult } from '@fleetwright/contracts';
import type { FlowRunResult, RunFlow } from '@fleetwright/worker';

/**
 * A small flow runner for the execution tests: goto, extract, assert (text), screenshot and wait
 * (ms), straight through Playwright on the session's page, honouring the abort signal. The real
 * runner (apps/worker/src/flows) is another part of issue 11; this one proves the execution side.
 */
export const testRunFlow: RunFlow = async (flow, context): Promise<FlowRunResult> => {
  const { page, signal } = context;
  const steps: FlowStepResult[] = [];
  const data: Record<string, unknown> = {};
  let failure: FlowRunResult['error'] = null;
  for (const [index, step] of flow.steps.entries()) {
    const startedAt = new Date();
    const base = { index, type: step.type, name: step.name ?? step.type, startedAt: startedAt.toISOString() };
    if (failure || signal.aborted) {
      steps.push({ ...base, status: 'skipped', durationMs: 0, error: null, artifactId: null });
      continue;
    }
    let artifactId: string | null = null;
    let value: unknown;
    try {
      if (step.type === 'goto') {
        await page.goto(step.url.replace('{{target}}', context.target));
      } else if (step.type === 'extract') {
        const texts = await page.locator(step.selector).allTextContents();
        value = step.list ? texts.map((text) => text.trim()) : texts[0]?.trim();
        data[step.as] = value;
      } else if (step.type === 'assert' && step.assert === 'text') {
        const text = (await page.locator(step.selector).first().textContent({ timeout: 15_000 })) ?? '';
        if (!text.includes(step.expected)) {
          throw Object.assign(new Error(`expected "${step.expected}" in "${text}"`), {
            code: 'ASSERTION_FAILED',
          });
        }
      } else if (step.type === 'screenshot') {
        artifactId = await context.saveArtifact({
          kind: 'screenshot',
          name: step.as ?? `screenshot-${index}`,
          contentType: 'image/png',
          body: await page.screenshot(),
          stepIndex: index,
        });
      } else if (step.type === 'wait' && step.ms !== undefined) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, step.ms);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        if (signal.aborted) throw Object.assign(new Error('aborted'), { code: 'ABORTED' });
      } else {
        throw Object.assign(new Error(`the test runner does not do ${step.type}`), { code: 'STEP_FAILED' });
      }
      steps.push({
        ...base,
        status: 'passed',
        durationMs: Date.now() - startedAt.getTime(),
        value,
        error: null,
        artifactId,
      });
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'STEP_FAILED';
      failure = { code, message: (error as Error).message };
      steps.push({
        ...base,
        status: 'failed',
        durationMs: Date.now() - startedAt.getTime(),
        error: failure,
        artifactId,
      });
    }
  }
  return { status: failure ? 'failed' : 'passed', steps, data, error: failure };
};
