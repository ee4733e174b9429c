'use client';

import type { Session } from '@fleetwright/contracts';
import { Cookie } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Field } from '@/components/common/field';
import { FormDialog, FormDialogForm, type FormErrors, formErrorsOf } from '@/components/common/form-dialog';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { useCreateProfile } from '@/lib/api/profiles';

const FIELDS = ['name'] as const;

/**
 * "Save as profile" on a running session (issue 12): its cookies, localStorage and IndexedDB as
 * they are now, under a name. Enabled only while the session runs: the storage lives in its context.
 */
export function SaveProfileButton({ session }: { session: Session }) {
  const t = useTranslations('profiles.save');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="outline"
        data-testid="session-save-profile"
        disabled={session.status !== 'RUNNING'}
        onClick={() => setOpen(true)}
      >
        <Cookie />
        {t('button')}
      </Button>
      <FormDialog open={open} onOpenChange={setOpen} formKey={session.id} data-testid="save-profile-form">
        <SaveProfileForm session={session} onDone={() => setOpen(false)} />
      </FormDialog>
    </>
  );
}

function SaveProfileForm({ session, onDone }: { session: Session; onDone: () => void }) {
  const t = useTranslations('profiles.save');
  const create = useCreateProfile();
  const [name, setName] = useState(session.name);
  const [errors, setErrors] = useState<FormErrors<(typeof FIELDS)[number]>>({});

  const onSubmit = () => {
    const trimmed = name.trim();
    if (!trimmed) return setErrors({ name: t('required') });
    setErrors({});
    create.mutate(
      { sessionId: session.id, name: trimmed },
      {
        onSuccess: (profile) => {
          toast.success(t('saved', { name: profile.name }));
          onDone();
        },
        onError: (error) => setErrors(formErrorsOf(error, FIELDS)),
      },
    );
  };

  return (
    <FormDialogForm
      title={t('title')}
      description={t('description')}
      error={errors.form}
      pending={create.isPending}
      submitLabel={t('submit')}
      submitTestId="save-profile"
      onSubmit={onSubmit}
    >
      <Field id="new-profile-name" label={t('name')} error={errors.name}>
        <Input
          id="new-profile-name"
          name="name"
          maxLength={100}
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={errors.name ? true : undefined}
        />
      </Field>
    </FormDialogForm>
  );
}
