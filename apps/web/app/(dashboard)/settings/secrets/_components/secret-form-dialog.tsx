'use client';

import type { Secret } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Field } from '@/components/common/field';
import { FormDialog, FormDialogForm, type FormErrors, formErrorsOf } from '@/components/common/form-dialog';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { useSaveSecret } from '@/lib/api/secrets';

const FIELDS = ['name', 'value'] as const;
type FieldName = (typeof FIELDS)[number];

/**
 * Adds a secret (name and value) or replaces one's value. The dialog unmounts its form when it
 * closes, so a typed value lives no longer than the dialog and is never shown again.
 */
export function SecretFormDialog({
  open,
  onOpenChange,
  secret,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The secret whose value to replace; null adds one. */
  secret: Secret | null;
}) {
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      formKey={secret?.id ?? 'new'}
      data-testid="secret-form"
    >
      <SecretForm secret={secret} onDone={() => onOpenChange(false)} />
    </FormDialog>
  );
}

function SecretForm({ secret, onDone }: { secret: Secret | null; onDone: () => void }) {
  const t = useTranslations('secrets.form');
  const save = useSaveSecret();
  const [name, setName] = useState(secret?.name ?? '');
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<FormErrors<FieldName>>({});

  const onSubmit = () => {
    const missing: FieldName[] = [];
    if (!secret && !name.trim()) missing.push('name');
    if (!value) missing.push('value');
    setErrors(Object.fromEntries(missing.map((field) => [field, t('required')])));
    if (missing.length > 0) return;
    save.mutate(secret ? { id: secret.id, body: { value } } : { body: { name: name.trim(), value } }, {
      onSuccess: () => {
        toast.success(secret ? t('replaced', { name: secret.name }) : t('created', { name: name.trim() }));
        onDone();
      },
      onError: (error) => setErrors(formErrorsOf(error, FIELDS)),
    });
  };

  return (
    <FormDialogForm
      title={secret ? t('replaceTitle', { name: secret.name }) : t('addTitle')}
      description={t('writeOnly')}
      error={errors.form}
      pending={save.isPending}
      submitLabel={secret ? t('replaceSubmit') : t('add')}
      submitTestId="save-secret"
      onSubmit={onSubmit}
    >
      {secret ? null : (
        <Field id="secret-name" label={t('name')} hint={t('nameHint')} error={errors.name}>
          <Input
            id="secret-name"
            name="name"
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
            placeholder="API_TOKEN"
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={errors.name ? true : undefined}
          />
        </Field>
      )}
      <Field id="secret-value" label={secret ? t('newValue') : t('value')} error={errors.value}>
        {/* A textarea, as values can be certificates or keys over several lines; kept out of autofill. */}
        <Textarea
          id="secret-value"
          name="value"
          rows={3}
          autoComplete="off"
          spellCheck={false}
          className="font-mono [-webkit-text-security:disc]"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={errors.value ? true : undefined}
        />
      </Field>
    </FormDialogForm>
  );
}
