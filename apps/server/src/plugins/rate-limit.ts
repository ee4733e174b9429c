import rateLimit, { type FastifyRateLimitStore, type RateLimitPluginOptions } from '@fastify/rate-limit';
import { type Database, incrementRateLimit } from '@fleetwright/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Fixed-window counters in Postgres (rate_limits), shared by every server replica: one atomic
 * upsert per counted request. Used where a limit must hold across replicas (brute force on sign-in).
 */
export function postgresRateLimitStore(db: Database) {
  return class PostgresRateLimitStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ) {
      incrementRateLimit(db, { key, windowMs: timeWindow }).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  };
}

/** 429 RATE_LIMITED; when the plan's API quota is what ran out, the answer names it. */
function tooMany(request: FastifyRequest, context: { after: string; max: number }): AppError {
  const quota = request.principal?.quotas?.apiRequestsPerMinute;
  if (quota !== undefined && quota === context.max) {
    return new AppError(
      'RATE_LIMITED',
      `The plan allows ${quota} API requests a minute (apiRequestsPerMinute); retry in ${context.after}.`,
      { details: { quota: 'apiRequestsPerMinute', limit: quota } },
    );
  }
  return new AppError('RATE_LIMITED', `Too many requests; retry in ${context.after}.`);
}

/**
 * Paths under /api/auth that take a secret (worth guessing) or send mail (worth abusing to flood an
 * inbox): counted per client address.
 */
const GUARDED_AUTH_PATHS = [
  '/api/auth/sign-in/',
  '/api/auth/sign-up/',
  '/api/auth/request-password-reset',
  '/api/auth/send-verification-email',
  '/api/auth/organization/invite-member',
  '/api/auth/reset-password',
  '/api/auth/two-factor/verify-',
  '/api/auth/two-factor/enable',
  '/api/auth/two-factor/disable',
  '/api/auth/change-password',
];

/** Per client address on the sign-in, sign-up, reset and 2FA endpoints (brute force), in Postgres. */
export async function registerAuthRateLimit(
  app: FastifyInstance,
  options: { db: Database; perMinute: number },
): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: options.perMinute,
    timeWindow: 60_000,
    store: postgresRateLimitStore(options.db),
    keyGenerator: (request) => `auth-ip:${request.ip}`,
    allowList: (request) =>
      request.method !== 'POST' || !GUARDED_AUTH_PATHS.some((path) => request.url.startsWith(path)),
    errorResponseBuilder: tooMany,
  } satisfies RateLimitPluginOptions);
}

/**
 * Per API key, or per user for the session cookie, on /api/v1: the organization plan's
 * apiRequestsPerMinute, capped by RATE_LIMIT_API_PER_MINUTE. Counted in this replica's memory
 * (an API call must not pay a database write): with N replicas behind a balancer a caller gets up to
 * N times the limit. Runs after authentication (preHandler), when the caller is known.
 */
export async function registerApiRateLimit(
  app: FastifyInstance,
  options: { perMinute: number },
): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    // Platform administration stays reachable when an organization's own quota is used up.
    allowList: (request) => request.routeOptions.config.platformAdmin === true,
    max: (request) =>
      Math.min(options.perMinute, request.principal?.quotas?.apiRequestsPerMinute ?? options.perMinute),
    timeWindow: 60_000,
    keyGenerator: (request) => {
      const principal = request.principal;
      if (principal?.apiKeyId) return `key:${principal.apiKeyId}`;
      if (principal?.userId) return `user:${principal.userId}`;
      return `ip:${request.ip}`;
    },
    errorResponseBuilder: tooMany,
  } satisfies RateLimitPluginOptions);
}
