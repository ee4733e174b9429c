import { pageMetadata } from '@/i18n/metadata';
import { ResetPasswordForm } from './_components/reset-password-form';

export const generateMetadata = pageMetadata('resetPassword');

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** better-auth redirects the mailed link here with `?token=…`, or `?error=INVALID_TOKEN`. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const { token, error } = await searchParams;
  return (
    <ResetPasswordForm
      token={typeof token === 'string' && token !== '' ? token : null}
      linkError={typeof error === 'string' ? error : null}
    />
  );
}
