import type { MemberRole } from '@fleetwright/contracts';
import { ApiError, toApiError } from './client';

/**
 * better-auth's endpoints (/api/auth/*): sign-in and sign-up, two-factor, password reset,
 * organizations and members. Plain same-origin `fetch`: better-auth checks the Origin header
 * (which the browser sends on these POSTs) instead of our CSRF token. Failures become the same
 * `ApiError` as the API's, with better-auth's `code` and `message`.
 */
const AUTH_BASE = '/api/auth';

async function authFetch<T>(
  path: string,
  options: { method?: 'GET' | 'POST'; body?: unknown; query?: Record<string, string> } = {},
): Promise<T> {
  const method = options.method ?? 'GET';
  const search = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
  let response: Response;
  try {
    response = await fetch(`${AUTH_BASE}${path}${search}`, {
      method,
      headers:
        method === 'POST'
          ? { accept: 'application/json', 'content-type': 'application/json' }
          : { accept: 'application/json' },
      body: method === 'POST' ? JSON.stringify(options.body ?? {}) : undefined,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: 'Cannot reach the Fleetwright server.' });
  }
  if (!response.ok) throw await toApiError(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

const post = <T>(path: string, body: unknown = {}) => authFetch<T>(path, { method: 'POST', body });
const get = <T>(path: string, query?: Record<string, string>) => authFetch<T>(path, { method: 'GET', query });

// ── Sign-in, sign-up, sign-out ─────────────────────────────────────────────────────────────────

export interface SignInResult {
  /** The account has TOTP: the code (or a recovery code) completes the sign-in. */
  twoFactorRedirect?: boolean;
}

export function signInEmail(body: { email: string; password: string; callbackURL?: string }) {
  return post<SignInResult>('/sign-in/email', body);
}

export interface SignUpBody {
  name: string;
  email: string;
  /** At least 10 characters. */
  password: string;
  /** The acceptable-use notice was accepted (the server refuses the sign-up otherwise). */
  acceptTerms: true;
  /** The first account only: the token from the setup link. */
  setupToken?: string;
  /** Where the mailed verification link lands after signing the person in. */
  callbackURL?: string;
}

export function signUpEmail(body: SignUpBody) {
  return post<unknown>('/sign-up/email', body);
}

/**
 * Mails a new confirmation link. Signed out, the answer is the same whether or not the address
 * has an account waiting for confirmation (nothing to learn from it); signed in, only for the
 * session's own unconfirmed address (`EMAIL_MISMATCH`, `EMAIL_ALREADY_VERIFIED` otherwise).
 */
export function sendVerificationEmail(body: { email: string; callbackURL: string }) {
  return post<{ status: boolean }>('/send-verification-email', body);
}

export function signOut() {
  return post<unknown>('/sign-out');
}

/** Ends every login session of the account, this one included. */
export function revokeSessions() {
  return post<unknown>('/revoke-sessions');
}

/**
 * Google, GitHub and the generic OIDC provider alike: better-auth 1.7 registers generic OAuth
 * providers as social providers, so they share /sign-in/social. Answers the provider's URL.
 */
export function signInSocial(body: { provider: string; callbackURL: string; errorCallbackURL?: string }) {
  return post<{ url?: string; redirect?: boolean }>('/sign-in/social', body);
}

// ── Two-factor ─────────────────────────────────────────────────────────────────────────────────

/** During a sign-in (after `twoFactorRedirect`), or to confirm an enrolment. */
export function verifyTotp(body: { code: string; trustDevice?: boolean }) {
  return post<unknown>('/two-factor/verify-totp', body);
}

export function verifyBackupCode(body: { code: string; trustDevice?: boolean }) {
  return post<unknown>('/two-factor/verify-backup-code', body);
}

export interface TwoFactorEnrolment {
  /** `otpauth://totp/…?secret=…`: what an authenticator app scans or imports. */
  totpURI: string;
  /** One-time recovery codes, shown only now. */
  backupCodes: string[];
}

/** Starts an enrolment; it takes effect once a code from the app is confirmed with verifyTotp. */
export function enableTwoFactor(body: { password: string }) {
  return post<TwoFactorEnrolment>('/two-factor/enable', body);
}

export function disableTwoFactor(body: { password: string }) {
  return post<unknown>('/two-factor/disable', body);
}

// ── Password and profile ───────────────────────────────────────────────────────────────────────

export function requestPasswordReset(body: { email: string; redirectTo: string }) {
  return post<unknown>('/request-password-reset', body);
}

export function resetPassword(body: { newPassword: string; token: string }) {
  return post<unknown>('/reset-password', body);
}

export function updateUser(body: { name: string }) {
  return post<unknown>('/update-user', body);
}

// ── Organizations, members, invitations ────────────────────────────────────────────────────────

export interface AuthOrganization {
  id: string;
  name: string;
  slug: string;
}

export interface OrganizationMember {
  id: string;
  organizationId: string;
  userId: string;
  role: MemberRole;
  createdAt: string;
  user: { id: string; name: string; email: string };
}

export interface Invitation {
  id: string;
  email: string;
  role: MemberRole;
  organizationId: string;
  inviterId: string;
  status: 'pending' | 'accepted' | 'rejected' | 'canceled';
  expiresAt: string;
}

export interface InvitationDetails extends Invitation {
  organizationName: string;
  organizationSlug: string;
  inviterEmail: string;
}

export function listOrganizations() {
  return get<AuthOrganization[]>('/organization/list');
}

export function setActiveOrganization(organizationId: string) {
  return post<unknown>('/organization/set-active', { organizationId });
}

export async function listMembers(organizationId: string) {
  return (await get<{ members: OrganizationMember[] }>('/organization/list-members', { organizationId }))
    .members;
}

export function updateMemberRole(body: { memberId: string; role: MemberRole; organizationId: string }) {
  return post<unknown>('/organization/update-member-role', body);
}

export function removeMember(body: { memberIdOrEmail: string; organizationId: string }) {
  return post<unknown>('/organization/remove-member', body);
}

export function inviteMember(body: { email: string; role: MemberRole; organizationId: string }) {
  return post<Invitation>('/organization/invite-member', body);
}

export function listInvitations(organizationId: string) {
  return get<Invitation[]>('/organization/list-invitations', { organizationId });
}

export function cancelInvitation(invitationId: string) {
  return post<unknown>('/organization/cancel-invitation', { invitationId });
}

/** Only for the invited address, signed in. */
export function getInvitation(id: string) {
  return get<InvitationDetails>('/organization/get-invitation', { id });
}

export function acceptInvitation(invitationId: string) {
  return post<unknown>('/organization/accept-invitation', { invitationId });
}
