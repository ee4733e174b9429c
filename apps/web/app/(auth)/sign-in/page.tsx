import { pageMetadata } from '@/i18n/metadata';
import { safeNextPath } from '@/lib/navigation';
import { SignInForm } from './_components/sign-in-form';

export const generateMetadata = pageMetadata('signIn');

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const { next, error } = await searchParams;
  return (
    <SignInForm
      next={safeNextPath(typeof next === 'string' ? next : undefined)}
      // Set by better-auth when an OAuth sign-in comes back with an error.
      providerError={typeof error === 'string' ? error : undefined}
    />
  );
}
