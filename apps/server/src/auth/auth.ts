import type { Config } from '@fleetwright/config';
import type { AuditAction } from '@fleetwright/contracts';
import {
  accounts,
  addMember,
  type Database,
  ensureDefaultOrganization,
  getFirstMembership,
  getUserByEmail,
  hasAccounts,
  hasPendingInvitation,
  insertOrganization,
  invitations,
  listOrganizations,
  members,
  organizations,
  twoFactors,
  updateOrganization,
  userSessions,
  users,
  verifications,
} from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, getSessionFromCtx } from 'better-auth/api';
import { type GenericOAuthConfig, genericOAuth, organization, twoFactor } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import type { AuditLog } from '../audit-logs/service.ts';
import type { Mailer } from './mailer.ts';

/**
 * What better-auth's organization endpoints allow per role. Our own API checks permissions
 * (read/write/admin, contracts/accounts.ts); this covers the member and invitation endpoints
 * better-auth serves under /api/auth/organization/*: only ADMIN manages members.
 */
const statements = {
  organization: ['update', 'delete'],
  member: ['create', 'update', 'delete'],
  invitation: ['create', 'cancel'],
  team: [],
  ac: ['create', 'read', 'update', 'delete'],
} as const;
const accessControl = createAccessControl(statements);
const roles = {
  ADMIN: accessControl.newRole({
    organization: ['update'],
    member: ['create', 'update', 'delete'],
    invitation: ['create', 'cancel'],
    ac: ['read'],
  }),
  USER: accessControl.newRole({ ac: ['read'] }),
  VIEWER: accessControl.newRole({ ac: ['read'] }),
};

export interface CreateAuthOptions {
  config: Config;
  db: Database;
  logger: Logger;
  mailer: Mailer;
  /** The public address (PUBLIC_URL or derived): mailed links and the trusted origin. */
  baseUrl: string;
  /** Signs cookies, encrypts OAuth tokens and TOTP secrets. */
  secret: string;
  /** Proves the first sign-up comes from whoever started the server (printed at start). */
  setupToken: string;
  /** Origins besides baseUrl allowed to call the auth endpoints from a browser. */
  trustedOrigins?: string[];
  /** Records sign-ins, failures, 2FA and membership changes. */
  audit: AuditLog;
}

/** Header the Fastify bridge sets to the client address it trusts (request.ip). */
export const CLIENT_IP_HEADER = 'x-fleetwright-client-ip';

/** The better-auth instance: email + password, email verification, OAuth/OIDC, TOTP, organizations. */
export function createAuth(options: CreateAuthOptions) {
  const { config, db, mailer, baseUrl } = options;
  /**
   * Who may create an account: the first one only with the setup token (the person who started the
   * server); later ones, in invite mode, only invited addresses. Answers whether it is the first.
   */
  const admitAccount = async (email: unknown, setupToken: unknown): Promise<boolean> => {
    if (!(await hasAccounts(db))) {
      if (setupToken !== options.setupToken) {
        throw new APIError('FORBIDDEN', {
          code: 'SETUP_TOKEN_REQUIRED',
          message: 'The first account is created through the setup link printed by `npm start`.',
        });
      }
      return true;
    }
    if (
      config.SIGNUP_MODE === 'invite' &&
      !(typeof email === 'string' && (await hasPendingInvitation(db, email)))
    ) {
      throw new APIError('FORBIDDEN', {
        code: 'SIGNUP_CLOSED',
        message: 'Sign-up is by invitation: ask an administrator of your organization to invite you.',
      });
    }
    return false;
  };
  const authLogger = options.logger.child({ component: 'auth' });

  return betterAuth({
    appName: 'Fleetwright',
    baseURL: baseUrl,
    basePath: '/api/auth',
    secret: options.secret,
    trustedOrigins: [baseUrl, ...(options.trustedOrigins ?? [])],
    telemetry: { enabled: false },
    logger: {
      log: (level, message, ...args) => {
        if (level === 'error') authLogger.error({ args }, message);
        else if (level === 'warn') authLogger.warn({ args }, message);
        else authLogger.debug({ args }, message);
      },
    },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: users,
        session: userSessions,
        account: accounts,
        verification: verifications,
        twoFactor: twoFactors,
        organization: organizations,
        member: members,
        invitation: invitations,
      },
    }),
    advanced: {
      database: { generateId: 'uuid' },
      cookiePrefix: 'fw',
      useSecureCookies: baseUrl.startsWith('https:'),
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      defaultCookieAttributes: { sameSite: 'lax', httpOnly: true },
    },
    // Rate limits are ours (plugins/rate-limit.ts), shared by every replica through Postgres.
    rateLimit: { enabled: false },
    user: {
      additionalFields: {
        isAdmin: { type: 'boolean', input: false, defaultValue: false },
        acceptedTermsAt: { type: 'date', input: false, required: false },
      },
    },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength: 10,
      maxPasswordLength: 256,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url }) => {
        await mailer.send({
          to: user.email,
          subject: 'Reset your Fleetwright password',
          text: `Someone asked to reset the password of ${user.email} on Fleetwright.\n\nSet a new password: ${url}\n\nThe link works for one hour. If it was not you, ignore this mail.`,
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      sendVerificationEmail: async ({ user, url }) => {
        // The first account is verified by its setup token; nothing to confirm.
        if (user.emailVerified) return;
        await mailer.send({
          to: user.email,
          subject: 'Confirm your email for Fleetwright',
          text: `Confirm ${user.email} to sign in to Fleetwright: ${url}\n\nThe link works for one hour.`,
        });
      },
    },
    account: {
      encryptOAuthTokens: true,
      // A provider that vouches for an email (email_verified) may sign in to the verified account with
      // it. No `trustedProviders`: better-auth links a trusted provider's identity even when it does NOT
      // vouch for the address, so anyone who can put the address on an identity there gets the account.
      accountLinking: { enabled: true },
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    socialProviders: {
      ...(config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET
        ? { google: { clientId: config.GOOGLE_CLIENT_ID, clientSecret: config.GOOGLE_CLIENT_SECRET } }
        : {}),
      ...(config.GITHUB_CLIENT_ID && config.GITHUB_CLIENT_SECRET
        ? { github: { clientId: config.GITHUB_CLIENT_ID, clientSecret: config.GITHUB_CLIENT_SECRET } }
        : {}),
    },
    hooks: {
      after: createAuthMiddleware(async (ctx) => {
        const event = auditEventOf(ctx);
        if (!event) return;
        if (!event.userId && !event.email && event.action !== 'auth.password_reset') {
          // Organization endpoints read the session themselves; ask for it when the hook lacks it.
          const found = await getSessionFromCtx(ctx).catch(() => null);
          event.userId = found?.user.id ?? null;
          event.email = found?.user.email ?? null;
          event.organizationId ??=
            (found?.session as { activeOrganizationId?: string | null } | undefined)?.activeOrganizationId ??
            null;
        }
        if (!event.userId && event.email) {
          // A failed sign-in names the account it tried: its organizations' ADMINs see it.
          event.userId = (await getUserByEmail(db, event.email))?.id ?? null;
        }
        const header = (name: string) => ctx.request?.headers.get(name) ?? ctx.headers?.get(name) ?? null;
        await options.audit.record(
          {
            actor: event.email,
            actorUserId: event.userId,
            actorApiKeyId: null,
            ip: header(CLIENT_IP_HEADER),
            userAgent: header('user-agent')?.slice(0, 500) ?? null,
          },
          {
            action: event.action,
            organizationId: event.organizationId,
            details: event.details,
            targetType: event.targetType,
            targetId: event.targetId,
          },
        );
      }),
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-up/email') return;
        const body = (ctx.body ?? {}) as { email?: unknown; acceptTerms?: unknown; setupToken?: unknown };
        if (body.acceptTerms !== true) {
          throw new APIError('BAD_REQUEST', {
            code: 'TERMS_NOT_ACCEPTED',
            message: 'Accept the acceptable-use notice to create an account.',
          });
        }
        // Also checked when the user row is created (below), which covers OAuth sign-ups; checking
        // here too refuses before the password is hashed, and with its own answer: better-auth turns
        // a 403 from the database hook of an email sign-up into its generic "check your mail" reply.
        await admitAccount(body.email, body.setupToken);
      }),
    },
    databaseHooks: {
      account: {
        // better-auth encrypts access and refresh tokens but not the ID token, which could be
        // replayed to sign in until it expires; nothing here needs it after sign-in.
        create: { before: async (account) => ({ data: { ...account, idToken: null } }) },
        update: { before: async (account) => ({ data: { ...account, idToken: null } }) },
      },
      user: {
        create: {
          before: async (user, ctx) => {
            // The setup token counts only on the email sign-up, never on an OAuth callback.
            const setupToken =
              ctx?.path === '/sign-up/email'
                ? (ctx.body as { setupToken?: unknown } | undefined)?.setupToken
                : undefined;
            if (await admitAccount(user.email, setupToken)) {
              return { data: { ...user, isAdmin: true, emailVerified: true, acceptedTermsAt: new Date() } };
            }
            // Email sign-up checked acceptTerms; OAuth sign-up shows the notice next to its button.
            return { data: { ...user, acceptedTermsAt: new Date() } };
          },
          after: async (user) => {
            if ((user as { isAdmin?: boolean }).isAdmin) {
              // The first account administers the first organization (the one that existed before
              // accounts), the operator's own: the largest plan (others start on FREE).
              const target = (await listOrganizations(db))[0] ?? (await ensureDefaultOrganization(db));
              await updateOrganization(db, target.id, { plan: 'ENTERPRISE' });
              await addMember(db, { organizationId: target.id, userId: user.id, role: 'ADMIN' });
              return;
            }
            if (config.SIGNUP_MODE === 'open' && !(await hasPendingInvitation(db, user.email))) {
              const created = await insertOrganization(db, {
                name: `${user.name || user.email}'s organization`,
                slug: `org-${user.id.slice(0, 8)}`,
              });
              await addMember(db, { organizationId: created.id, userId: user.id, role: 'ADMIN' });
            }
          },
        },
      },
      session: {
        create: {
          before: async (session) => {
            // Start in the user's first organization; the switcher changes it (organization/set-active).
            const membership = await getFirstMembership(db, session.userId);
            return { data: { ...session, activeOrganizationId: membership?.organizationId ?? null } };
          },
        },
      },
    },
    plugins: [
      twoFactor({ issuer: 'Fleetwright' }),
      organization({
        ac: accessControl,
        roles,
        creatorRole: 'ADMIN',
        // In invite mode only platform administrators create organizations: otherwise any invitee
        // could create one and invite anyone, and invite mode would be as closed as its least careful member.
        allowUserToCreateOrganization: async (user) =>
          config.SIGNUP_MODE === 'open' || (user as { isAdmin?: boolean }).isAdmin === true,
        invitationExpiresIn: 60 * 60 * 24 * 7,
        sendInvitationEmail: async ({ email, organization: org, inviter, id, role }) => {
          await mailer.send({
            to: email,
            subject: `Join ${org.name} on Fleetwright`,
            text: `${inviter.user.name} invites you to ${org.name} on Fleetwright as ${role}.\n\nAccept: ${baseUrl}/accept-invitation/${id}\n\nThe invitation expires in 7 days.`,
          });
        },
      }),
      ...(config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET
        ? [
            genericOAuth({
              config: [
                {
                  providerId: 'oidc',
                  discoveryUrl: `${config.OIDC_ISSUER.replace(/\/+$/, '')}/.well-known/openid-configuration`,
                  clientId: config.OIDC_CLIENT_ID,
                  clientSecret: config.OIDC_CLIENT_SECRET,
                  scopes: ['openid', 'email', 'profile'],
                  pkce: true,
                  requireIdTokenVerification: true,
                  // Link or create only for addresses the issuer has verified.
                  requireEmailVerification: true,
                } satisfies GenericOAuthConfig,
              ],
            }),
          ]
        : []),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

interface AuthEvent {
  action: AuditAction;
  email: string | null;
  userId: string | null;
  organizationId: string | null;
  details?: Record<string, unknown>;
  targetType?: string;
  targetId?: string;
}

/** The audit event of a better-auth endpoint call, if it is one the audit log records. */
function auditEventOf(ctx: {
  path: string;
  body?: unknown;
  context: {
    returned?: unknown;
    newSession?: { user: { id: string; email: string } } | null;
    session?: {
      user: { id: string; email: string };
      session: { activeOrganizationId?: string | null };
    } | null;
  };
}): AuthEvent | null {
  const { path } = ctx;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const returned = ctx.context.returned;
  const failed = returned instanceof APIError;
  const signedIn = ctx.context.newSession?.user ?? null;
  const current = ctx.context.session?.user ?? null;
  const activeOrganization = ctx.context.session?.session.activeOrganizationId ?? null;
  const person = (user: { id: string; email: string } | null, organizationId: string | null = null) => ({
    email: user?.email ?? null,
    userId: user?.id ?? null,
    organizationId,
  });
  const reason = failed
    ? { reason: (returned as APIError).body?.code ?? (returned as APIError).message }
    : {};

  if (path === '/sign-in/email') {
    if (signedIn) return { action: 'auth.sign_in', ...person(signedIn), details: { method: 'password' } };
    if (failed) {
      return {
        action: 'auth.sign_in_failed',
        email: typeof body.email === 'string' ? body.email.toLowerCase() : null,
        userId: null,
        organizationId: null,
        details: { method: 'password', ...reason },
      };
    }
    return null;
  }
  if (path === '/two-factor/verify-totp' || path === '/two-factor/verify-backup-code') {
    if (failed)
      return {
        action: 'auth.sign_in_failed',
        ...person(current),
        details: { method: 'two-factor', ...reason },
      };
    // With a signed-in session this confirms enrolment; without, it completes a sign-in.
    if (current) return { action: 'auth.two_factor_enabled', ...person(current) };
    if (signedIn)
      return { action: 'auth.sign_in', ...person(signedIn), details: { method: 'password+two-factor' } };
    return null;
  }
  if (failed) return null;
  if (path.startsWith('/callback/') || path.startsWith('/oauth2/callback/')) {
    return signedIn
      ? { action: 'auth.sign_in', ...person(signedIn), details: { method: path.split('/').pop() } }
      : null;
  }
  if (path === '/verify-email' && signedIn) {
    return { action: 'auth.sign_in', ...person(signedIn), details: { method: 'email verification' } };
  }
  if (path === '/two-factor/disable') return { action: 'auth.two_factor_disabled', ...person(current) };
  if (path === '/sign-out') return current ? { action: 'auth.sign_out', ...person(current) } : null;
  if (path === '/revoke-sessions') return { action: 'auth.sessions_revoked', ...person(current) };
  if (path === '/reset-password')
    return { action: 'auth.password_reset', email: null, userId: null, organizationId: null };
  const organizationId = typeof body.organizationId === 'string' ? body.organizationId : activeOrganization;
  if (path === '/organization/invite-member') {
    return {
      action: 'member.invited',
      ...person(current, organizationId),
      details: { email: body.email, role: body.role },
      targetType: 'invitation',
      targetId: (returned as { id?: string } | undefined)?.id,
    };
  }
  if (path === '/organization/accept-invitation') {
    const member = (returned as { member?: { organizationId?: string; role?: string } } | undefined)?.member;
    return {
      action: 'member.joined',
      ...person(current, member?.organizationId ?? organizationId),
      details: { invitationId: body.invitationId, role: member?.role },
      targetType: 'invitation',
      targetId: typeof body.invitationId === 'string' ? body.invitationId : undefined,
    };
  }
  if (path === '/organization/update-member-role') {
    return {
      action: 'member.role_changed',
      ...person(current, organizationId),
      details: { memberId: body.memberId, role: body.role },
      targetType: 'member',
      targetId: typeof body.memberId === 'string' ? body.memberId : undefined,
    };
  }
  if (path === '/organization/remove-member') {
    return {
      action: 'member.removed',
      ...person(current, organizationId),
      details: { member: body.memberIdOrEmail },
    };
  }
  return null;
}
