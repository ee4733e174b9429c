import { SearchX } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';

export default async function DashboardNotFound() {
  const t = await getTranslations('notFound');
  return (
    <div className="flex flex-col items-center justify-center gap-3 py-24 text-center">
      <SearchX className="size-6 text-muted-foreground" />
      <h2 className="text-base font-semibold">{t('dashboardTitle')}</h2>
      <p className="text-sm text-muted-foreground">{t('dashboardDescription')}</p>
      <Button asChild variant="outline" size="sm">
        <Link href="/sessions">{t('backToSessions')}</Link>
      </Button>
    </div>
  );
}
