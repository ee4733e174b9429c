import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  effectiveQuotas,
  type Me,
  type MemberRole,
  type Permission,
  type Quotas,
  rolePermissions,
} from '@fleetwright/contracts';
import {
  type Database,
  findApiKeyByHash,
  getFirstMembership,
  getMembership,
  touchApiKey,
} from '@fleetwright/db';
import { LRUCache } from 'lru-cache';
import { hashApiKey, looksLikeApiKey } from '../api-keys/api-key.ts';
import { AppError } from '../errors.ts';
import type { Auth } from './auth.ts';

/** Who a request acts as, and for which organization. */
export interface Principal {
  via: 'userSession' | 'apiKey';
  /** The signed-in user, or the API key's creator. */
  userId: string | null;
  /** For people and the audit log: the user's email, or the key's prefix. */
  label: string;
  /** The signed-in user as GET /me shows it (sessions only; null for an API key). */
  user: Me['user'];
  /** Null for a user who belongs to no organization yet. */
  organizationId: string | null;
  /** The member role (sessions only). */
  role: MemberRole | null;
  permissions: ReadonlySet<Permission>;
  apiKeyId: string | null;
  /** The login session (cookie): CSRF tokens are bound to it. */
  userSessionId: string | null;
  /** A platform administrator (plans, the mail outbox, workers): the user, or an admin-scoped key of theirs. */
  platformAdmin: boolean;
  /** The organization's quotas (plan and overrides); null without an organization. */
  quotas: Quotas | null;
}

/** `last_used_at` is written at most this often per key: a busy key must not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;
/**
 * A key's principal is reused this long without asking the database. A revoke in this replica
 * takes effect at once (forgetApiKey); in other replicas, and a role change of its creator, within
 * this time.
 */
const API_KEY_CACHE_MS = 5_000;

interface CachedKey {
  principal: Principal;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

/**
 * Turns request headers into a Principal: `Authorization: Bearer fw_live_…` (an API key) or the
 * session cookie (better-auth). Shared by HTTP requests and Socket.IO handshakes.
 */
export class PrincipalResolver {
  readonly #auth: Auth;
  readonly #db: Database;
  readonly #csrfKey: string;
  /** By key hash. */
  readonly #keys = new LRUCache<string, CachedKey>({ max: 10_000, ttl: API_KEY_CACHE_MS });

  constructor(options: { auth: Auth; db: Database; secret: string }) {
    this.#auth = options.auth;
    this.#db = options.db;
    this.#csrfKey = options.secret;
  }

  /** Null when the request carries no credentials at all; throws API_KEY_INVALID for a bad key. */
  async resolve(headers: IncomingHttpHeaders): Promise<Principal | null> {
    const authorization = headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match)
        throw new AppError('UNAUTHENTICATED', 'The Authorization header must be `Bearer <API key>`.');
      return this.#fromApiKey(match[1]!);
    }
    if (!headers.cookie) return null;
    const found = await this.#auth.api.getSession({ headers: new Headers({ cookie: headers.cookie }) });
    if (!found) return null;
    const { session, user } = found;
    const activeId = (session as { activeOrganizationId?: string | null }).activeOrganizationId ?? null;
    const membership =
      (activeId ? await getMembership(this.#db, { organizationId: activeId, userId: user.id }) : undefined) ??
      (await getFirstMembership(this.#db, user.id));
    return {
      via: 'userSession',
      userId: user.id,
      label: user.email,
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        emailVerified: user.emailVerified,
        twoFactorEnabled: (user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled === true,
        isAdmin: (user as { isAdmin?: boolean }).isAdmin === true,
      },
      organizationId: membership?.organizationId ?? null,
      role: membership?.role ?? null,
      permissions: new Set(membership ? rolePermissions[membership.role] : []),
      apiKeyId: null,
      userSessionId: session.id,
      platformAdmin: (user as { isAdmin?: boolean }).isAdmin === true,
      quotas: membership ? effectiveQuotas(membership.plan, membership.quotaOverrides) : null,
    };
  }

  async #fromApiKey(key: string): Promise<Principal> {
    if (!looksLikeApiKey(key)) throw new AppError('API_KEY_INVALID', 'This is not a Fleetwright API key.');
    const hash = hashApiKey(key);
    const now = new Date();
    const cached = this.#keys.get(hash);
    if (cached) {
      if (cached.expiresAt && cached.expiresAt <= now) {
        this.#keys.delete(hash);
        throw new AppError('API_KEY_INVALID', 'The API key has expired.');
      }
      this.#touch(cached, now);
      return cached.principal;
    }
    const found = await findApiKeyByHash(this.#db, hash);
    if (!found) throw new AppError('API_KEY_INVALID', 'The API key is unknown.');
    const { key: row, creatorRole, plan, quotaOverrides, creatorIsAdmin } = found;
    if (row.revokedAt) throw new AppError('API_KEY_INVALID', 'The API key was revoked.');
    if (row.expiresAt && row.expiresAt <= now)
      throw new AppError('API_KEY_INVALID', 'The API key has expired.');
    if (!creatorRole) {
      throw new AppError('API_KEY_INVALID', 'The member who created this API key left the organization.');
    }
    const allowed = new Set(rolePermissions[creatorRole]);
    const principal: Principal = {
      via: 'apiKey',
      userId: row.createdById,
      user: null,
      label: `${row.prefix}… (${row.name})`,
      organizationId: row.organizationId,
      role: null,
      permissions: new Set(row.scopes.filter((scope) => allowed.has(scope))),
      apiKeyId: row.id,
      userSessionId: null,
      // A platform administrator's key with the admin scope may automate platform settings too.
      platformAdmin: creatorIsAdmin === true && row.scopes.includes('admin'),
      quotas: effectiveQuotas(plan, quotaOverrides),
    };
    const entry: CachedKey = { principal, expiresAt: row.expiresAt, lastUsedAt: row.lastUsedAt };
    this.#keys.set(hash, entry);
    this.#touch(entry, now);
    return principal;
  }

  #touch(entry: CachedKey, now: Date): void {
    if (entry.lastUsedAt && now.getTime() - entry.lastUsedAt.getTime() <= TOUCH_INTERVAL_MS) return;
    entry.lastUsedAt = now;
    void touchApiKey(this.#db, entry.principal.apiKeyId!, now).catch(() => {});
  }

  /** A key was revoked: this replica stops accepting it at once. */
  forgetApiKey(id: string): void {
    for (const [hash, entry] of this.#keys.entries()) {
      if (entry.principal.apiKeyId === id) this.#keys.delete(hash);
    }
  }

  /** The CSRF token of a login session: an HMAC of its id, so it needs no storage. */
  csrfToken(userSessionId: string): string {
    return createHmac('sha256', this.#csrfKey).update(`csrf:${userSessionId}`).digest('base64url');
  }

  verifyCsrfToken(userSessionId: string, token: string | undefined): boolean {
    if (!token) return false;
    const expected = Buffer.from(this.csrfToken(userSessionId));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
