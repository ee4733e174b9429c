'use client';

import { useQueryClient } from '@tanstack/react-query';
import { LoaderCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useUserSession } from '@/lib/api/accounts';
import { updateUser } from '@/lib/api/auth-client';
import { errorMessage } from '@/lib/api/client';
import { accountKeys } from '@/lib/api/query-keys';

export function ProfileForm() {
  const t = useTranslations('profile.account');
  const { user } = useUserSession();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user?.name ?? '');
  const [pending, setPending] = useState(false);
  if (!user) return null;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) {
      toast.error(t('nameRequired'));
      return;
    }
    setPending(true);
    try {
      await updateUser({ name: name.trim() });
      await queryClient.invalidateQueries({ queryKey: accountKeys.me });
      toast.success(t('saved'));
    } catch (error) {
      toast.error(t('saveFailed'), { description: errorMessage(error) });
    } finally {
      setPending(false);
    }
  };

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate>
        <CardHeader>
          <CardTitle>{t('title')}</CardTitle>
          <CardDescription>{t('description')}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <div className="grid gap-1.5">
            <Label htmlFor="name">{t('name')}</Label>
            <Input id="name" name="name" value={name} onChange={(event) => setName(event.target.value)} />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="email">{t('email')}</Label>
            <Input id="email" value={user.email} readOnly disabled />
          </div>
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" disabled={pending || name.trim() === user.name}>
            {pending ? <LoaderCircle className="animate-spin" /> : null}
            {t('save')}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
