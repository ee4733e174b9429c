import { pageMetadata } from '@/i18n/metadata';
import { HOME_PATH, safeNextPath } from '@/lib/navigation';
import { EmailConfirmed } from './_components/email-confirmed';
import { ResendConfirmationForm } from './_components/resend-confirmation-form';

export const generateMetadata = pageMetadata('verifyEmail');

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Where the mailed confirmation link lands: /api/auth/verify-email confirms the address, signs the
 * person in and redirects here with `?next=…`, or with `&error=TOKEN_EXPIRED` (or `INVALID_TOKEN`,
 * `USER_NOT_FOUND`) when it could not.
 */
export default async function VerifyEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const { next, error } = await searchParams;
  const target = safeNextPath(typeof next === 'string' ? next : undefined);
  // A `next` back to this page would confirm the same address forever.
  const destination = /^\/verify-email(?:[/?#]|$)/.test(target) ? HOME_PATH : target;
  if (typeof error === 'string' && error !== '') {
    return <ResendConfirmationForm linkError={error} next={destination} />;
  }
  return <EmailConfirmed next={destination} />;
}
