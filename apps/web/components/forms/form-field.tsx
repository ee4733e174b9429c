'use client';

import type * as React from 'react';
import { type FieldErrors, type FieldValues, get, useFormState } from 'react-hook-form';
import { Label } from '@/components/ui/label';
import { cn } from '@/lib/utils';
import { useValidationMessage } from '@/lib/validation-messages';

/** The first message at `name`, or (with `nested`) anywhere below it: `tags.3`, `headers.0.name`. */
function findMessage(error: unknown, nested: boolean): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { message } = error as { message?: unknown };
  if (typeof message === 'string' && message !== '') return message;
  if (!nested) return undefined;
  for (const [key, value] of Object.entries(error)) {
    if (key === 'ref') continue;
    const found = findMessage(value, true);
    if (found) return found;
  }
  return undefined;
}

export function useFieldError(name: string, nested = false): string | undefined {
  const { errors } = useFormState({ name: name as never });
  return findMessage(get(errors as FieldErrors<FieldValues>, name), nested);
}

/** Message under an input: `data-testid="field-error-<name>"`, `id="<name>-error"` for aria-describedby. */
export function FieldError({ name, nested = false }: { name: string; nested?: boolean }) {
  const message = useFieldError(name, nested);
  const translate = useValidationMessage();
  if (!message) return null;
  return (
    <p
      id={`${name}-error`}
      data-testid={`field-error-${name}`}
      role="alert"
      className="text-xs text-destructive"
    >
      {translate(message)}
    </p>
  );
}

export function FormField({
  name,
  label,
  hint,
  nested,
  className,
  children,
}: {
  /** The input's `name`; the label points at `id={name}`. */
  name: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  nested?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn('grid content-start gap-1.5', className)}>
      <Label htmlFor={name} className="text-xs">
        {label}
      </Label>
      {children}
      {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      <FieldError name={name} nested={nested} />
    </div>
  );
}

export function FormSection({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: React.ReactNode;
}) {
  return (
    <section className="grid gap-4 border-b py-5 last:border-b-0 md:grid-cols-[220px_1fr]">
      <div className="space-y-1">
        <h2 className="text-sm font-semibold">{title}</h2>
        {description ? <p className="text-xs text-muted-foreground">{description}</p> : null}
      </div>
      <div className="grid gap-4">{children}</div>
    </section>
  );
}
