import type { LogLevel } from '@fleetwright/contracts';
import type { ConsoleMessage, Frame, Page, Request } from 'playwright-core';
import type { SessionLogLine } from './log-writer.ts';

type LineWithoutSession = Omit<SessionLogLine, 'sessionId' | 'organizationId'>;

export interface CaptureHooks {
  log(line: LineWithoutSession): void;
  /** The main frame committed a new URL (navigation or history API). */
  urlChanged(url: string): void;
  /** The renderer crashed, or the page closed without the worker asking. */
  crashed(reason: string): void;
}

const consoleLevels: Record<string, LogLevel> = {
  error: 'error',
  assert: 'error',
  warning: 'warn',
  debug: 'debug',
  trace: 'debug',
};

function consoleLine(message: ConsoleMessage): LineWithoutSession {
  const location = message.location();
  return {
    level: consoleLevels[message.type()] ?? 'info',
    source: 'console',
    message: message.text(),
    data: {
      type: message.type(),
      ...(location.url
        ? { location: `${location.url}:${location.lineNumber + 1}:${location.columnNumber + 1}` }
        : {}),
    },
  };
}

function failedRequestLine(request: Request): LineWithoutSession {
  const errorText = request.failure()?.errorText ?? 'failed';
  return {
    level: 'warn',
    source: 'request',
    message: `${request.method()} ${request.url()} failed: ${errorText}`,
    data: { url: request.url(), method: request.method(), resourceType: request.resourceType(), errorText },
  };
}

/**
 * Turns what happens in the page into log lines: console messages (level mapped), uncaught page
 * errors, failed requests, main-frame navigations; and reports crashes. Returns a detach function.
 */
export function attachCaptures(page: Page, hooks: CaptureHooks): () => void {
  let lastUrl: string | null = null;
  const onConsole = (message: ConsoleMessage) => hooks.log(consoleLine(message));
  const onPageError = (error: Error) =>
    hooks.log({
      level: 'error',
      source: 'pageerror',
      message: error.message || String(error),
      data: error.stack ? { stack: error.stack } : null,
    });
  const onRequestFailed = (request: Request) => hooks.log(failedRequestLine(request));
  const onNavigated = (frame: Frame) => {
    if (frame !== page.mainFrame()) return;
    const url = frame.url();
    if (url === lastUrl) return;
    lastUrl = url;
    hooks.log({ level: 'info', source: 'navigation', message: `navigated to ${url}`, data: { url } });
    hooks.urlChanged(url);
  };
  const onCrash = () => hooks.crashed('the page crashed (renderer process died)');
  const onClose = () => hooks.crashed('the page closed unexpectedly');
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('requestfailed', onRequestFailed);
  page.on('framenavigated', onNavigated);
  page.on('crash', onCrash);
  page.on('close', onClose);
  return () => {
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
    page.off('requestfailed', onRequestFailed);
    page.off('framenavigated', onNavigated);
    page.off('crash', onCrash);
    page.off('close', onClose);
  };
}
