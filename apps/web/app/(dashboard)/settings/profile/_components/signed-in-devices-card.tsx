'use client';

import { LogOut } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { revokeSessions } from '@/lib/api/auth-client';
import { errorMessage } from '@/lib/api/client';

/** Ends every login session of the account: a lost laptop, a shared browser. */
export function SignedInDevicesCard() {
  const [pending, setPending] = useState(false);
  const signOutEverywhere = async () => {
    setPending(true);
    try {
      await revokeSessions();
      window.location.assign('/sign-in');
    } catch (error) {
      toast.error('Could not sign out everywhere', { description: errorMessage(error) });
      setPending(false);
    }
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Devices</CardTitle>
        <CardDescription>
          Signed in somewhere you no longer trust? End every session of your account, this one included. API
          keys keep working: revoke them on the API keys page.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmDialog
          trigger={
            <Button variant="outline" data-testid="sign-out-everywhere">
              <LogOut />
              Sign out of all devices
            </Button>
          }
          title="Sign out of all devices?"
          description="Every browser signed in to your account, this one included, has to sign in again."
          confirmLabel="Sign out everywhere"
          pending={pending}
          onConfirm={() => void signOutEverywhere()}
        />
      </CardContent>
    </Card>
  );
}
