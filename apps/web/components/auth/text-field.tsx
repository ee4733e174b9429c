'use client';

import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

type TextFieldProps = {
  name: string;
  label: React.ReactNode;
  error?: string | null;
  hint?: React.ReactNode;
} & Omit<React.ComponentProps<'input'>, 'name'>;

/** A labelled input with its message underneath (`data-testid="field-error-<name>"`). */
export function TextField({ name, label, error, hint, ...props }: TextFieldProps) {
  const id = props.id ?? name;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...props}
      />
      {hint && !error ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} data-testid={`field-error-${name}`} className="text-xs text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The account's email address, as every sign-in, sign-up and reset form asks for it. */
export function EmailField(props: Omit<TextFieldProps, 'name' | 'label' | 'type' | 'autoComplete'>) {
  const t = useTranslations('auth.fields');
  return <TextField name="email" label={t('email')} type="email" autoComplete="email" {...props} />;
}
