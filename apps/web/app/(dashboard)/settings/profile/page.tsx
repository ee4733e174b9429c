import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { pageMetadata } from '@/i18n/metadata';
import { ProfileForm } from './_components/profile-form';
import { SignedInDevicesCard } from './_components/signed-in-devices-card';
import { TwoFactorCard } from './_components/two-factor-card';

export const generateMetadata = pageMetadata('profile');

export default async function ProfilePage() {
  const t = await getTranslations('profile');
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <ProfileForm />
      <TwoFactorCard />
      <SignedInDevicesCard />
    </div>
  );
}
