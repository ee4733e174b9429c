import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { ProfilesView } from './_components/profiles-view';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('profiles'))('pageTitle') };
}

export default async function ProfilesPage() {
  const t = await getTranslations('profiles');
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <ProfilesView />
    </div>
  );
}
