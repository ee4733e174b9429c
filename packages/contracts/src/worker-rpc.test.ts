import { describe, expect, it } from 'vitest';
import { isWorkerRpcErrorCode, workerRpcPath, workerRpcRoutes } from './worker-rpc.ts';

describe('worker RPC contract', () => {
  it("puts the session's id, encoded, into a command's path", () => {
    expect(workerRpcPath(workerRpcRoutes.evaluate, 'a/b c')).toBe('/rpc/sessions/a%2Fb%20c/evaluate');
  });

  it('adds the query string a screenshot asks for', () => {
    expect(
      workerRpcPath(workerRpcRoutes.screenshot, '6f1c2b1e-7a47-4d2b-9a4b-3c1b6f0e2d11', {
        quality: 70,
        fullPage: false,
      }),
    ).toBe('/rpc/sessions/6f1c2b1e-7a47-4d2b-9a4b-3c1b6f0e2d11/screenshot?quality=70&fullPage=false');
  });

  it('refuses to build a session route without a session id', () => {
    expect(workerRpcPath(workerRpcRoutes.health)).toBe('/rpc/health');
    expect(() => workerRpcPath(workerRpcRoutes.stop)).toThrow(/needs a session id/);
  });

  it('knows the codes of its one error list and nothing else', () => {
    expect(isWorkerRpcErrorCode('SESSION_NOT_ON_WORKER')).toBe(true);
    expect(isWorkerRpcErrorCode('INTERNAL')).toBe(false);
    expect(isWorkerRpcErrorCode('toString')).toBe(false);
  });
});
