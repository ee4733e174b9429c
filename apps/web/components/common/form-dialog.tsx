'use client';

import { LoaderCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { type FormEvent, Fragment } from 'react';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { errorMessage, isApiError } from '@/lib/api/client';

/** A form's messages: one per field it names, and `form` for the rest (shown above the fields). */
export type FormErrors<F extends string> = Partial<Record<F | 'form', string>>;

/**
 * The server's refusal as form errors: under the field it names when the form has that field
 * (`field: 'to.2'` is the `to` field), else above the form.
 */
export function formErrorsOf<F extends string>(
  error: unknown,
  fields: readonly F[],
  /** The words under a field; the code's words by default. */
  fieldText: (error: unknown) => string = errorMessage,
): FormErrors<F> {
  const field = isApiError(error) ? error.field?.split('.')[0] : undefined;
  return field && (fields as readonly string[]).includes(field)
    ? ({ [field]: fieldText(error) } as FormErrors<F>)
    : ({ form: errorMessage(error) } as FormErrors<F>);
}

/** The server's own message, for a field whose words say more than its code (a proxy's host). */
export function serverMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A dialog that adds or edits one thing. Its form is mounted only while it is open, keyed by
 * what it edits: each opening starts from the current values, and a typed secret lives no
 * longer than the dialog.
 */
export function FormDialog({
  open,
  onOpenChange,
  formKey,
  className = 'max-h-[90svh] overflow-y-auto sm:max-w-lg',
  children,
  ...props
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** What the form edits (its id, or 'new'). */
  formKey: string;
  children: React.ReactNode;
} & Omit<React.ComponentProps<typeof DialogContent>, 'children'>) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className={className} {...props}>
        {open ? <Fragment key={formKey}>{children}</Fragment> : null}
      </DialogContent>
    </Dialog>
  );
}

/**
 * Inside a FormDialog: title, the server's form-level error, the fields, and Cancel / submit
 * (spinning and disabled while the request is out).
 */
export function FormDialogForm({
  title,
  description,
  error,
  pending,
  submitLabel,
  submitTestId,
  onSubmit,
  className = 'grid min-w-0 gap-4',
  children,
  ...props
}: {
  title: React.ReactNode;
  description: React.ReactNode;
  /** The message above the fields (`errors.form`). */
  error?: string;
  pending: boolean;
  submitLabel: React.ReactNode;
  submitTestId?: string;
  onSubmit: () => void;
  children: React.ReactNode;
} & Omit<React.ComponentProps<'form'>, 'onSubmit' | 'title'>) {
  const tc = useTranslations('common');
  return (
    <>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
      </DialogHeader>
      <form
        className={className}
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          onSubmit();
        }}
        {...props}
      >
        {error ? <FormAlert>{error}</FormAlert> : null}
        {children}
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline">
              {tc('cancel')}
            </Button>
          </DialogClose>
          <Button type="submit" disabled={pending} data-testid={submitTestId}>
            {pending ? <LoaderCircle className="animate-spin" /> : null}
            {submitLabel}
          </Button>
        </DialogFooter>
      </form>
    </>
  );
}
