'use client';

import type { MemberRole } from '@fleetwright/contracts';
import { LoaderCircle, Send } from 'lucide-react';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('members.invite');
  const invite = useInviteMember(organizationId);
  const options = useAuthOptions();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('USER');
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    if (!looksLikeEmail(address)) {
      setError(t('emailRequired'));
      return;
    }
    setError(null);
    invite.mutate(
      { email: address, role },
      {
        onSuccess: () => {
          toast.success(t('invited', { email: address }), {
            description: options.data?.mailOutbox ? t('invitedOutbox') : t('invitedMail'),
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
        <CardTitle>{t('title')}</CardTitle>
        <CardDescription>{t('description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form data-testid="invite-member-form" noValidate onSubmit={onSubmit} className="grid gap-2">
          <div className="flex flex-wrap items-end gap-2">
            <div className="grid min-w-0 flex-1 basis-56 gap-1.5">
              <Label htmlFor="invite-email">{t('email')}</Label>
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
              <Label htmlFor="invite-role">{t('role')}</Label>
              <RoleSelect id="invite-role" name="role" value={role} onValueChange={setRole} />
            </div>
            <Button type="submit" disabled={invite.isPending}>
              {invite.isPending ? <LoaderCircle className="animate-spin" /> : <Send />}
              {t('submit')}
            </Button>
          </div>
          {error ? <FormAlert>{error}</FormAlert> : null}
        </form>
      </CardContent>
    </Card>
  );
}
