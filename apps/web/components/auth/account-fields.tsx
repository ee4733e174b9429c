'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { looksLikeEmail } from '@/lib/utils';
import { AcceptableUseField } from './acceptable-use';
import { EmailField, TextField } from './text-field';

/** What sign-up and setup ask for. */
export interface AccountFields {
  name: string;
  email: string;
  password: string;
  acceptTerms: boolean;
}

export type AccountFieldErrors = Partial<Record<keyof AccountFields, string>>;

/** The server's own minimum (better-auth's minPasswordLength); it checks again. */
export const MIN_PASSWORD_LENGTH = 10;

/** The fields' values and messages; editing a field clears its message. */
export function useAccountFields(initialEmail = '') {
  const t = useTranslations('auth.fields');
  const [fields, setFields] = useState<AccountFields>({
    name: '',
    email: initialEmail,
    password: '',
    acceptTerms: false,
  });
  const [errors, setErrors] = useState<AccountFieldErrors>({});
  const set = <K extends keyof AccountFields>(key: K, value: AccountFields[K]) => {
    setFields((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };
  /** Shows every message at once; true when the form may be sent. The server applies the same rules. */
  const validate = (): boolean => {
    const found: AccountFieldErrors = {};
    if (!fields.name.trim()) found.name = t('nameRequired');
    if (!looksLikeEmail(fields.email)) found.email = t('emailRequired');
    if (fields.password.length < MIN_PASSWORD_LENGTH)
      found.password = t('passwordTooShort', { minimum: MIN_PASSWORD_LENGTH });
    if (!fields.acceptTerms) found.acceptTerms = t('acceptRequired');
    setErrors(found);
    return Object.keys(found).length === 0;
  };
  return { fields, errors, set, validate };
}

/** Name, email, a new password and the acceptable-use checkbox: every form that creates an account. */
export function AccountFieldInputs({
  fields,
  errors,
  set,
}: Pick<ReturnType<typeof useAccountFields>, 'fields' | 'errors' | 'set'>) {
  const t = useTranslations('auth.fields');
  return (
    <>
      <TextField
        name="name"
        label={t('name')}
        autoComplete="name"
        autoFocus
        value={fields.name}
        error={errors.name}
        onChange={(event) => set('name', event.target.value)}
      />
      <EmailField
        value={fields.email}
        error={errors.email}
        onChange={(event) => set('email', event.target.value)}
      />
      <TextField
        name="password"
        label={t('password')}
        type="password"
        autoComplete="new-password"
        hint={t('passwordHint', { minimum: MIN_PASSWORD_LENGTH })}
        value={fields.password}
        error={errors.password}
        onChange={(event) => set('password', event.target.value)}
      />
      <AcceptableUseField
        checked={fields.acceptTerms}
        onCheckedChange={(checked) => set('acceptTerms', checked)}
        error={errors.acceptTerms}
      />
    </>
  );
}
