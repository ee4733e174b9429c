'use client';

import { TriangleAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { Button } from '@/components/ui/button';

export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('errors');
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && 'digest' in error ? String(error.digest) : null;
  return (
    <div role="alert" className="flex flex-col items-center justify-center gap-3 py-24 text-center">
      <TriangleAlert className="size-6 text-destructive" />
      <h2 className="text-base font-semibold">{t('somethingWentWrong')}</h2>
      <p className="max-w-md text-sm text-muted-foreground">
        {error instanceof Error ? error.message : t('pageFailed')}
      </p>
      {digest ? <code className="font-mono text-xs text-muted-foreground">{digest}</code> : null}
      <Button variant="outline" size="sm" onClick={() => retry()}>
        {t('tryAgain')}
      </Button>
    </div>
  );
}
