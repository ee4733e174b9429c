import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';

export default async function AuthNotFound() {
  const t = await getTranslations('notFound');
  return (
    <AuthCard
      title={t('title')}
      description={t('description')}
      footer={
        <Link href="/sign-in" className="text-foreground underline-offset-4 hover:underline">
          {t('signIn')}
        </Link>
      }
    />
  );
}
