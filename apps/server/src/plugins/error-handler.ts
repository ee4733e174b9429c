import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorResponse } from '@fleetwright/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, errorCatalogue, isAppError } from '../errors.ts';

interface MappedError {
  status: number;
  body: ErrorResponse;
}

type ValidationIssue = {
  instancePath: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
};

/** `/script/intervalMin` → `script.intervalMin`; an unknown key names itself. */
function fieldOf(issue: ValidationIssue): string | undefined {
  const path = issue.instancePath.split('/').filter(Boolean);
  const unknownKeys = issue.params?.keys;
  if (
    issue.keyword === 'unrecognized_keys' &&
    Array.isArray(unknownKeys) &&
    typeof unknownKeys[0] === 'string'
  ) {
    path.push(unknownKeys[0]);
  }
  return path.length > 0 ? path.join('.') : undefined;
}

function validationMessage(
  issue: ValidationIssue,
  field: string | undefined,
  context: string | undefined,
): string {
  const message = issue.message ?? 'is invalid';
  if (issue.keyword === 'unrecognized_keys') return `unknown field "${field}"`;
  if (/received undefined$/.test(message))
    return field ? `${field} is required` : `the ${context ?? 'body'} is required`;
  return field ? `${field}: ${message}` : `${context ?? 'request'}: ${message}`;
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_BAD_URL: 'INVALID_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
};

export function mapError(error: unknown): MappedError {
  if (isAppError(error)) {
    const body: ErrorResponse = { code: error.code, message: error.message };
    if (error.field !== undefined) body.field = error.field;
    if (error.details !== undefined) body.details = error.details;
    return { status: error.status, body };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0]!;
    const field = fieldOf(issue);
    const body: ErrorResponse = {
      code: 'VALIDATION_ERROR',
      message: validationMessage(issue, field, fastifyError.validationContext),
    };
    if (field !== undefined) body.field = field;
    return { status: 400, body };
  }
  if (Array.isArray(fastifyError.validation)) {
    return {
      status: 400,
      body: { code: 'VALIDATION_ERROR', message: fastifyError.message ?? 'invalid request' },
    };
  }
  const known = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
  if (known) return mapError(new AppError(known));
  // Other client errors Fastify raises while reading the request (bad content-length, …).
  if (
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    return {
      status: fastifyError.statusCode,
      body: { code: 'VALIDATION_ERROR', message: fastifyError.message ?? 'invalid request' },
    };
  }
  return { status: 500, body: { code: 'INTERNAL', message: errorCatalogue.INTERNAL.message } };
}

function logServerError(request: FastifyRequest, status: number, error: unknown): void {
  if (status < 500) return;
  // 503/504 are expected operating conditions (a worker went away); 500 is a bug.
  if (status === 500) request.log.error({ err: error }, 'request failed');
  else request.log.warn({ err: error }, 'request failed');
}

/** One handler for every error: `{ code, message, field? }` with the catalogue's status. 5xx are logged once, here. */
export const errorHandlerPlugin = fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const { status, body } = mapError(error);
      logServerError(request, status, error);
      return reply.status(status).send(body);
    });
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0];
      return reply.status(404).send({
        code: 'ROUTE_NOT_FOUND',
        message: `No route ${request.method} ${path}.`,
      } satisfies ErrorResponse);
    });
  },
  { name: 'error-handler' },
);

/**
 * Fastify's `frameworkErrors`: what the router answers before any route or hook runs (a path that
 * is not valid percent-encoding, a parameter longer than maxParamLength), in the API's shape.
 */
export function answerFrameworkError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = mapError(error);
  logServerError(request, status, error);
  reply.status(status).send(body);
}

/** Node's parser error codes that are not a plain 400. */
const clientErrorCodes: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'BODY_TOO_LARGE',
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
};

/**
 * The HTTP server's `clientError`: Node's parser refused the bytes (headers too large, broken
 * request line or chunked encoding) and no request object exists. Answered like Node does — one
 * HTTP/1.1 response, then the connection closes, since nothing after the error can be trusted —
 * but with the API's `{ code, message }` body.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // Node's own check: a response already started on this connection must not be corrupted.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const code = clientErrorCodes[error.code ?? ''] ?? 'MALFORMED_REQUEST';
  const { status, message } = errorCatalogue[code];
  const body = JSON.stringify({ code, message } satisfies ErrorResponse);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
