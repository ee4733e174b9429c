'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { AuthCard } from '@/components/auth/auth-card';
import { Button } from '@/components/ui/button';

export default function AuthError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('errors');
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <AuthCard
      role="alert"
      title={t('somethingWentWrong')}
      description={error instanceof Error ? error.message : t('pageFailed')}
    >
      <Button variant="outline" onClick={() => retry()}>
        {t('tryAgain')}
      </Button>
    </AuthCard>
  );
}
