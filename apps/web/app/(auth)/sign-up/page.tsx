import { pageMetadata } from '@/i18n/metadata';
import { safeNextPath } from '@/lib/navigation';
import { SignUpForm } from './_components/sign-up-form';

export const generateMetadata = pageMetadata('signUp');

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** For invited people (`?invitation=<id>` from the accept page) and, in open mode, anyone. */
export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const { invitation, email, next } = await searchParams;
  const invitationId = typeof invitation === 'string' && invitation !== '' ? invitation : null;
  return (
    <SignUpForm
      invitationId={invitationId}
      initialEmail={typeof email === 'string' ? email : ''}
      // Where the person was going: the mailed confirmation link signs them in and continues there.
      next={
        invitationId
          ? `/accept-invitation/${encodeURIComponent(invitationId)}`
          : safeNextPath(typeof next === 'string' ? next : undefined)
      }
    />
  );
}
