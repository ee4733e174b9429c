import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { RequirePermission } from '@/components/accounts/require-permission';
import { PageHeader } from '@/components/layout/page-header';
import { pageMetadata } from '@/i18n/metadata';
import { JobForm } from '../_components/job-form';

export const generateMetadata = pageMetadata('newJob');

export default async function NewJobPage() {
  const t = await getTranslations('jobs');
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Link
        href="/jobs"
        className="inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-3.5" />
        {t('list.title')}
      </Link>
      <PageHeader title={t('new.title')} description={t('new.description')} />
      <RequirePermission permission="write">
        <JobForm />
      </RequirePermission>
    </div>
  );
}
