import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';

/** For URLs outside every route group; the dashboard has its own inside the shell. */
export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main className="flex min-h-svh flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="font-mono text-sm text-muted-foreground">404</p>
      <h1 className="text-lg font-semibold">{t('title')}</h1>
      <p className="text-sm text-muted-foreground">{t('description')}</p>
      <Button asChild variant="outline" size="sm">
        <Link href="/sessions">{t('goToSessions')}</Link>
      </Button>
    </main>
  );
}
