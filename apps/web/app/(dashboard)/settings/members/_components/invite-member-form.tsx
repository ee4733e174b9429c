'use client';

import type { MemberRole } from '@fleetwright/contracts';
import { LoaderCircle, Send } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useAuthOptions } from '@/lib/api/accounts';
import { errorMessage } from '@/lib/api/client';
import { useInviteMember } from '@/lib/api/organizations';
import { looksLikeEmail } from '@/lib/utils';
import { RoleSelect } from './role-select';

export function InviteMemberForm({ organizationId }: { organizationId: string }) {
  const invite = useInviteMember(organizationId);
  const options = useAuthOptions();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('USER');
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    if (!looksLikeEmail(address)) {
      setError('Enter the email address to invite.');
      return;
    }
    setError(null);
    invite.mutate(
      { email: address, role },
      {
        onSuccess: () => {
          toast.success(`Invited ${address}`, {
            description: options.data?.mailOutbox
              ? 'No SMTP is configured: the mail waits in the outbox (Administration → Outbox); pass its link on.'
              : 'The invitation mail is on its way.',
          });
          setEmail('');
        },
        onError: (failure) => setError(errorMessage(failure)),
      },
    );
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Invite someone</CardTitle>
        <CardDescription>
          The invitation mail links to a page where they sign in or create an account, then accept. It works
          for 7 days.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form data-testid="invite-member-form" noValidate onSubmit={onSubmit} className="grid gap-2">
          <div className="flex flex-wrap items-end gap-2">
            <div className="grid min-w-64 flex-1 gap-1.5">
              <Label htmlFor="invite-email">Email</Label>
              <Input
                id="invite-email"
                name="email"
                type="email"
                value={email}
                aria-invalid={error ? true : undefined}
                onChange={(event) => setEmail(event.target.value)}
              />
            </div>
            <div className="grid w-36 gap-1.5">
              <Label htmlFor="invite-role">Role</Label>
              <RoleSelect id="invite-role" name="role" value={role} onValueChange={setRole} />
            </div>
            <Button type="submit" disabled={invite.isPending}>
              {invite.isPending ? <LoaderCircle className="animate-spin" /> : <Send />}
              Invite
            </Button>
          </div>
          {error ? <FormAlert>{error}</FormAlert> : null}
        </form>
      </CardContent>
    </Card>
  );
}
