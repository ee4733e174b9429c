'use client';

import type { Secret } from '@fleetwright/contracts';
import { LoaderCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
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
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { errorMessage, isApiError } from '@/lib/api/client';
import { useSaveSecret } from '@/lib/api/secrets';
import { Field } from '../../../proxies/_components/field';

type FieldName = 'name' | 'value';

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
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90svh] overflow-y-auto sm:max-w-lg" data-testid="secret-form">
        {open ? (
          <SecretForm key={secret?.id ?? 'new'} secret={secret} onDone={() => onOpenChange(false)} />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function SecretForm({ secret, onDone }: { secret: Secret | null; onDone: () => void }) {
  const t = useTranslations('secrets.form');
  const tc = useTranslations('common');
  const save = useSaveSecret();
  const [name, setName] = useState(secret?.name ?? '');
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName | 'form', string>>>({});

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
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
      onError: (error) => {
        const field = isApiError(error) ? error.field?.split('.')[0] : undefined;
        setErrors(
          field === 'name' || field === 'value'
            ? { [field]: errorMessage(error) }
            : { form: errorMessage(error) },
        );
      },
    });
  };

  return (
    <>
      <DialogHeader>
        <DialogTitle>{secret ? t('replaceTitle', { name: secret.name }) : t('addTitle')}</DialogTitle>
        <DialogDescription>{t('writeOnly')}</DialogDescription>
      </DialogHeader>
      <form className="grid min-w-0 gap-4" onSubmit={onSubmit} noValidate>
        {errors.form ? <FormAlert>{errors.form}</FormAlert> : null}
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
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline">
              {tc('cancel')}
            </Button>
          </DialogClose>
          <Button type="submit" disabled={save.isPending} data-testid="save-secret">
            {save.isPending ? <LoaderCircle className="animate-spin" /> : null}
            {secret ? t('replaceSubmit') : t('add')}
          </Button>
        </DialogFooter>
      </form>
    </>
  );
}
