import { SocksClientError } from 'socks';

/**
 * Why a proxy check failed, as stable codes (stored with the check and shown to users):
 * - REFUSED: nothing accepts connections at the proxy's address.
 * - TIMEOUT: no complete answer within the check's timeout (the proxy or the path behind it hangs).
 * - AUTH_FAILED: the proxy wants other credentials (HTTP 407, SOCKS authentication refused).
 * - DNS: the proxy's host name does not resolve.
 * - UNREACHABLE: no route to the proxy's address.
 * - RESET: the proxy closed the connection without an answer.
 * - TLS: a TLS handshake failed (certificate, protocol): with an https proxy, or with an https
 *   check URL inside the tunnel.
 * - PROXY_ERROR: the proxy answered but could not reach the check URL (HTTP 502/503/504, a SOCKS
 *   "connection failed" reply).
 * - BAD_RESPONSE: the answer is not the check URL's echo (not HTTP, not SOCKS, not the expected JSON).
 * - ABORTED: the check was cancelled before it finished.
 * - NOT_ALLOWED: the proxy's host is (or resolves to) a loopback, private or metadata address the
 *   organization may not reach: the check never connects to it.
 */
export type ProxyCheckErrorCode =
  | 'REFUSED'
  | 'TIMEOUT'
  | 'AUTH_FAILED'
  | 'DNS'
  | 'UNREACHABLE'
  | 'RESET'
  | 'TLS'
  | 'PROXY_ERROR'
  | 'BAD_RESPONSE'
  | 'ABORTED'
  | 'NOT_ALLOWED';

export class ProxyCheckError extends Error {
  override name = 'ProxyCheckError';
  constructor(
    readonly code: ProxyCheckErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const SYSTEM_ERRORS: Record<string, [ProxyCheckErrorCode, string]> = {
  ECONNREFUSED: ['REFUSED', 'The proxy refused the connection.'],
  ENOTFOUND: ['DNS', 'The proxy host name does not resolve.'],
  EAI_AGAIN: ['DNS', 'The proxy host name could not be resolved now.'],
  EAI_NONAME: ['DNS', 'The proxy host name does not resolve.'],
  ETIMEDOUT: ['TIMEOUT', 'The connection to the proxy timed out.'],
  EHOSTUNREACH: ['UNREACHABLE', 'No route to the proxy.'],
  ENETUNREACH: ['UNREACHABLE', 'No route to the proxy.'],
  EADDRNOTAVAIL: ['UNREACHABLE', 'The proxy address cannot be used.'],
  ECONNRESET: ['RESET', 'The proxy closed the connection without an answer.'],
  EPIPE: ['RESET', 'The proxy closed the connection without an answer.'],
  ECONNABORTED: ['RESET', 'The proxy closed the connection without an answer.'],
};

/** Maps whatever a check threw (a Node system error, a socks error, our own) to a code and a message. */
export function classifyCheckError(error: unknown): { code: ProxyCheckErrorCode; message: string } {
  if (error instanceof ProxyCheckError) return { code: error.code, message: error.message };
  if (error instanceof SocksClientError) return classifySocksError(error.message);
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const known = SYSTEM_ERRORS[code];
  if (known) return { code: known[0], message: known[1] };
  const message = error instanceof Error ? error.message : String(error);
  if (code.startsWith('HPE_'))
    return { code: 'BAD_RESPONSE', message: `The proxy did not answer in HTTP: ${message}` };
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /CERT|SELF_SIGNED|SSL/.test(code)) {
    return { code: 'TLS', message: `A TLS handshake failed: ${message}` };
  }
  return { code: 'BAD_RESPONSE', message };
}

/** The socks package reports by message (constants.ERRORS); the socket's own errors carry theirs. */
function classifySocksError(message: string): { code: ProxyCheckErrorCode; message: string } {
  if (/Authentication failed|no accepted authentication type|RejectedIdent/i.test(message)) {
    return { code: 'AUTH_FAILED', message: 'The SOCKS proxy refused the credentials.' };
  }
  if (/rejected connection/i.test(message)) {
    return { code: 'PROXY_ERROR', message: `The SOCKS proxy could not reach the check URL (${message}).` };
  }
  if (/Socket closed/i.test(message)) {
    return { code: 'RESET', message: 'The proxy closed the connection during the SOCKS handshake.' };
  }
  if (/timed out/i.test(message)) return { code: 'TIMEOUT', message: 'The SOCKS handshake timed out.' };
  return { code: 'BAD_RESPONSE', message: `Not a SOCKS answer: ${message}` };
}
