import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WorkerError } from '../errors.ts';
import { screenshotPage } from './page-commands.ts';

const REFUSED = 'page.screenshot: Protocol error (Page.captureScreenshot): Unable to capture screenshot';
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

/** A page whose captures answer, in turn, what `answers` lists (the last one repeats). */
function pageAnswering(answers: Array<Buffer | Error>): { page: Page; calls: () => number } {
  let calls = 0;
  const page = {
    isClosed: () => false,
    screenshot: async () => {
      const answer = answers[Math.min(calls, answers.length - 1)];
      calls += 1;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as Page;
  return { page, calls: () => calls };
}

const options = { quality: 80, fullPage: false };

describe('screenshotPage', () => {
  it("retries Chromium's transient refusal and answers the picture", async () => {
    const { page, calls } = pageAnswering([new Error(REFUSED), new Error(REFUSED), JPEG]);
    expect(await screenshotPage(page, options, 3000)).toBe(JPEG);
    expect(calls()).toBe(3);
  });

  it('gives up within the command budget and names the refusal', async () => {
    const { page } = pageAnswering([new Error(REFUSED)]);
    const started = Date.now();
    const error = await screenshotPage(page, options, 500).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkerError);
    expect(error).toMatchObject({
      code: 'SCREENSHOT_FAILED',
      message: expect.stringContaining('Unable to capture screenshot'),
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not retry other failures', async () => {
    const { page, calls } = pageAnswering([new Error('page.screenshot: Clipped area is empty'), JPEG]);
    await expect(screenshotPage(page, options, 3000)).rejects.toMatchObject({ code: 'SCREENSHOT_FAILED' });
    expect(calls()).toBe(1);
  });
});
