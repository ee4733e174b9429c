import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { ProfileForm } from './_components/profile-form';
import { SignedInDevicesCard } from './_components/signed-in-devices-card';
import { TwoFactorCard } from './_components/two-factor-card';

export const metadata: Metadata = { title: 'Profile' };

export default function ProfilePage() {
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title="Profile" description="Your name, two-factor authentication and signed-in devices." />
      <ProfileForm />
      <TwoFactorCard />
      <SignedInDevicesCard />
    </div>
  );
}
