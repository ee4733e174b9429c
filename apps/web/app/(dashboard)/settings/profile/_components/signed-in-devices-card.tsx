'use client';

import { LogOut } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { revokeSessions } from '@/lib/api/auth-client';
import { errorMessage } from '@/lib/api/client';

/** Ends every login session of the account: a lost laptop, a shared browser. */
export function SignedInDevicesCard() {
  const t = useTranslations('profile.devices');
  const [pending, setPending] = useState(false);
  const signOutEverywhere = async () => {
    setPending(true);
    try {
      await revokeSessions();
      window.location.assign('/sign-in');
    } catch (error) {
      toast.error(t('failed'), { description: errorMessage(error) });
      setPending(false);
    }
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <CardDescription>{t('description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmDialog
          trigger={
            <Button variant="outline" data-testid="sign-out-everywhere">
              <LogOut />
              {t('button')}
            </Button>
          }
          title={t('confirmTitle')}
          description={t('confirmDescription')}
          confirmLabel={t('confirm')}
          pending={pending}
          onConfirm={() => void signOutEverywhere()}
        />
      </CardContent>
    </Card>
  );
}
