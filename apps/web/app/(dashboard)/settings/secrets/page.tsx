import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { SecretsView } from './_components/secrets-view';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('secrets'))('pageTitle') };
}

export default async function SecretsPage() {
  const t = await getTranslations('secrets');
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader
        title={t('title')}
        description={t.rich('description', {
          code: (chunks) => <code className="break-all font-mono">{chunks}</code>,
        })}
      />
      <SecretsView />
    </div>
  );
}
