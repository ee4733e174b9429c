import { SocksClientError } from 'socks';
import { describe, expect, it } from 'vitest';
import { classifyCheckError, ProxyCheckError } from './check-errors.ts';

// Issue 10: every way a proxy check fails maps to one stable code.
const systemError = (code: string) => Object.assign(new Error(`connect ${code} 192.0.2.1:8080`), { code });
const socksError = (message: string) =>
  new SocksClientError(message, {
    command: 'connect',
    destination: { host: 'h', port: 1 },
    proxy: { port: 1, type: 5 },
  });

describe('classifyCheckError', () => {
  it.each([
    ['ECONNREFUSED', 'REFUSED'],
    ['ENOTFOUND', 'DNS'],
    ['EAI_AGAIN', 'DNS'],
    ['ETIMEDOUT', 'TIMEOUT'],
    ['EHOSTUNREACH', 'UNREACHABLE'],
    ['ECONNRESET', 'RESET'],
    ['HPE_INVALID_CONSTANT', 'BAD_RESPONSE'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'TLS'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TLS'],
  ])('maps the system error %s to %s', (code, expected) => {
    expect(classifyCheckError(systemError(code)).code).toBe(expected);
  });

  it.each([
    ['Socks5 Authentication failed', 'AUTH_FAILED'],
    ['Received invalid Socks5 initial handshake (no accepted authentication type)', 'AUTH_FAILED'],
    ['Socks4 Proxy rejected connection - (RejectedIdent)', 'AUTH_FAILED'],
    ['Socks5 proxy rejected connection - ConnectionRefused', 'PROXY_ERROR'],
    ['Socket closed', 'RESET'],
    ['Proxy connection timed out', 'TIMEOUT'],
    ['Received invalid Socks5 initial handshake (invalid socks version)', 'BAD_RESPONSE'],
  ])('maps the SOCKS failure "%s" to %s', (message, expected) => {
    expect(classifyCheckError(socksError(message)).code).toBe(expected);
  });

  it('keeps the code of its own errors', () => {
    expect(classifyCheckError(new ProxyCheckError('ABORTED', 'The check was cancelled.'))).toEqual({
      code: 'ABORTED',
      message: 'The check was cancelled.',
    });
  });
});
