'use client';

import type { Profile } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Field } from '@/components/common/field';
import { FormDialog, FormDialogForm, type FormErrors, formErrorsOf } from '@/components/common/form-dialog';
import { Input } from '@/components/ui/input';
import { useRenameProfile } from '@/lib/api/profiles';

const FIELDS = ['name'] as const;

/** Renames a profile; a name another profile has is refused by the server under the field. */
export function RenameProfileDialog({
  open,
  onOpenChange,
  profile,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  profile: Profile | null;
}) {
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      formKey={profile?.id ?? 'none'}
      data-testid="rename-profile-form"
    >
      {profile ? <RenameProfileForm profile={profile} onDone={() => onOpenChange(false)} /> : null}
    </FormDialog>
  );
}

function RenameProfileForm({ profile, onDone }: { profile: Profile; onDone: () => void }) {
  const t = useTranslations('profiles.rename');
  const rename = useRenameProfile();
  const [name, setName] = useState(profile.name);
  const [errors, setErrors] = useState<FormErrors<(typeof FIELDS)[number]>>({});

  const onSubmit = () => {
    const trimmed = name.trim();
    if (!trimmed) return setErrors({ name: t('required') });
    setErrors({});
    rename.mutate(
      { id: profile.id, body: { name: trimmed } },
      {
        onSuccess: () => {
          toast.success(t('renamed', { name: trimmed }));
          onDone();
        },
        onError: (error) => setErrors(formErrorsOf(error, FIELDS)),
      },
    );
  };

  return (
    <FormDialogForm
      title={t('title', { name: profile.name })}
      description={t('description')}
      error={errors.form}
      pending={rename.isPending}
      submitLabel={t('submit')}
      submitTestId="rename-profile"
      onSubmit={onSubmit}
    >
      <Field id="profile-name" label={t('name')} error={errors.name}>
        <Input
          id="profile-name"
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
