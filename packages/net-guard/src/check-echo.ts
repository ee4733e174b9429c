import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * The proxy check's echo, shared by the worker (which judges what it saw) and the server (which
 * serves it at /api/v1/proxies/check-echo for PROXY_CHECK_URL).
 */

/**
 * What a check URL answers: the caller's address as the echo saw it and the request's headers, in
 * the shape of httpbin's `/anything` (which names the address `origin`; some echoes say `ip`).
 */
export interface CheckEcho {
  /** The address the request came from; httpbin may list several, comma-separated. */
  origin: string;
  /** Request headers by lower-case name; repeated headers joined with ", ". */
  headers: Record<string, string>;
}

/** IPv4 peers of a dual-stack socket show up as ::ffff:a.b.c.d. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

/**
 * The echo of one request, for a check URL the platform serves itself. The origin is the TCP peer
 * (the proxy's exit): an echo behind a reverse proxy would report the reverse proxy instead, so it
 * must be reached directly by the proxies.
 */
export function readCheckEcho(request: IncomingMessage): CheckEcho {
  const headers: Record<string, string> = {};
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { origin: plainAddress(request.socket.remoteAddress ?? ''), headers };
}

/** Answers a request with its echo as JSON (a `http.createServer` handler). */
export function answerCheckEcho(request: IncomingMessage, response: ServerResponse): void {
  const body = JSON.stringify(readCheckEcho(request));
  response.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}
