'use client';

import { useEffect } from 'react';
import { AuthCard } from '@/components/auth/auth-card';
import { Button } from '@/components/ui/button';

export default function AuthError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <AuthCard
      role="alert"
      title="Something went wrong"
      description={error instanceof Error ? error.message : 'An unexpected error stopped this page.'}
    >
      <Button variant="outline" onClick={() => retry()}>
        Try again
      </Button>
    </AuthCard>
  );
}
