'use client';

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

/** Messages per field, the same rules the server applies, so most mistakes need no round trip. */
export function validateAccountFields(fields: AccountFields): AccountFieldErrors {
  const errors: AccountFieldErrors = {};
  if (!fields.name.trim()) errors.name = 'Enter your name.';
  if (!looksLikeEmail(fields.email)) errors.email = 'Enter an email address.';
  if (fields.password.length < MIN_PASSWORD_LENGTH)
    errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (!fields.acceptTerms) errors.acceptTerms = 'Accept the acceptable-use notice to create an account.';
  return errors;
}

/** The fields' values and messages; editing a field clears its message. */
export function useAccountFields(initialEmail = '') {
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
  /** Shows every message at once; true when the form may be sent. */
  const validate = (): boolean => {
    const found = validateAccountFields(fields);
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
  return (
    <>
      <TextField
        name="name"
        label="Name"
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
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
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
