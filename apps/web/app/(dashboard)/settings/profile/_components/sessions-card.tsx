'use client';

import { LoaderCircle, LogOut } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { revokeSessions } from '@/lib/api/auth-client';
import { errorMessage } from '@/lib/api/client';

/** Ends every login session of the account: a lost laptop, a shared browser. */
export function SessionsCard() {
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
        <Dialog>
          <DialogTrigger asChild>
            <Button variant="outline" data-testid="sign-out-everywhere">
              <LogOut />
              Sign out of all devices
            </Button>
          </DialogTrigger>
          <DialogContent>
            <DialogHeader>
              <DialogTitle>Sign out of all devices?</DialogTitle>
              <DialogDescription>
                Every browser signed in to your account, this one included, has to sign in again.
              </DialogDescription>
            </DialogHeader>
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">Cancel</Button>
              </DialogClose>
              <Button variant="destructive" disabled={pending} onClick={() => void signOutEverywhere()}>
                {pending ? <LoaderCircle className="animate-spin" /> : null}
                Sign out everywhere
              </Button>
            </DialogFooter>
          </DialogContent>
        </Dialog>
      </CardContent>
    </Card>
  );
}
