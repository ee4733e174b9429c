'use client';

import type { Me } from '@fleetwright/contracts';
import { Building2, LoaderCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { signOutAndLeave } from './sign-out';

/** A signed-in person who is a member of no organization (not invited yet, or removed). */
export function NoOrganization({ me }: { me: Me }) {
  const t = useTranslations('noOrganization');
  const [pending, setPending] = useState(false);
  return (
    <main
      data-testid="no-organization"
      className="flex min-h-svh flex-col items-center justify-center gap-3 p-6 text-center"
    >
      <Building2 className="size-6 text-muted-foreground" />
      <h1 className="text-lg font-semibold">{t('title')}</h1>
      <p className="max-w-md text-sm text-muted-foreground">
        {me.user ? t('descriptionSignedIn', { email: me.user.email }) : t('description')}
      </p>
      <Button
        variant="outline"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signOutAndLeave().catch(() => setPending(false));
        }}
      >
        {pending ? <LoaderCircle className="animate-spin" /> : null}
        {t('signOut')}
      </Button>
    </main>
  );
}
