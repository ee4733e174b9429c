'use client';

import { type ApiKeyScope, apiKeyScopes } from '@fleetwright/contracts';
import { LoaderCircle, Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { useUserSession } from '@/lib/api/accounts';
import { type CreatedApiKey, useCreateApiKey } from '@/lib/api/api-keys';
import { errorMessage, isApiError } from '@/lib/api/client';

/** Days until expiry; 0 = never. */
const EXPIRY_CHOICES = [30, 90, 365, 7, 0];

export function CreateApiKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const t = useTranslations('apiKeys.create');
  const { permissions } = useUserSession();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['read']);
  const [days, setDays] = useState(90);
  const [errors, setErrors] = useState<{ name?: string; scopes?: string; form?: string }>({});

  const toggle = (scope: ApiKeyScope, on: boolean) =>
    setScopes((current) =>
      on
        ? apiKeyScopes.filter((item) => item === scope || current.includes(item))
        : current.filter((item) => item !== scope),
    );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!name.trim()) found.name = t('nameRequired');
    if (scopes.length === 0) found.scopes = t('scopesRequired');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      {
        name: name.trim(),
        scopes,
        expiresAt: days > 0 ? new Date(Date.now() + days * 86_400_000).toISOString() : undefined,
      },
      {
        onSuccess: (key) => {
          setName('');
          onCreated(key);
        },
        onError: (error) =>
          setErrors(
            isApiError(error) && (error.field === 'name' || error.field === 'scopes')
              ? { [error.field]: error.message }
              : { form: errorMessage(error) },
          ),
      },
    );
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <CardDescription>{t('description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form data-testid="create-api-key-form" noValidate onSubmit={onSubmit} className="grid gap-4">
          <div className="grid gap-4 sm:grid-cols-[1fr_180px]">
            <div className="grid gap-1.5">
              <Label htmlFor="api-key-name">{t('name')}</Label>
              <Input
                id="api-key-name"
                name="name"
                maxLength={100}
                value={name}
                aria-invalid={errors.name ? true : undefined}
                onChange={(event) => setName(event.target.value)}
              />
              {errors.name ? (
                <p data-testid="field-error-name" className="text-xs text-destructive">
                  {errors.name}
                </p>
              ) : null}
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="api-key-expiry">{t('expires')}</Label>
              <NativeSelect
                id="api-key-expiry"
                name="expiry"
                value={String(days)}
                onChange={(event) => setDays(Number(event.target.value))}
              >
                {EXPIRY_CHOICES.map((choice) => (
                  <option key={choice} value={choice}>
                    {choice === 0 ? t('never') : t('days', { days: choice })}
                  </option>
                ))}
              </NativeSelect>
            </div>
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{t('scopes')}</legend>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {apiKeyScopes.map((scope) => (
                <div key={scope} className="flex items-center gap-2">
                  <Checkbox
                    id={`scope-${scope}`}
                    name={`scope-${scope}`}
                    checked={scopes.includes(scope)}
                    disabled={!permissions.includes(scope)}
                    onCheckedChange={(value) => toggle(scope, value === true)}
                  />
                  <Label htmlFor={`scope-${scope}`} className="font-normal">
                    <span className="font-mono">{scope}</span>
                    <span className="text-xs text-muted-foreground">{t(`scopeHints.${scope}`)}</span>
                  </Label>
                </div>
              ))}
            </div>
            {errors.scopes ? (
              <p data-testid="field-error-scopes" className="text-xs text-destructive">
                {errors.scopes}
              </p>
            ) : null}
          </fieldset>
          {errors.form ? <FormAlert>{errors.form}</FormAlert> : null}
          <div>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? <LoaderCircle className="animate-spin" /> : <Plus />}
              {t('submit')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
