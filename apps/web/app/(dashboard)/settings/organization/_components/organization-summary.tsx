'use client';

import { type OrganizationSettings, quotaNames } from '@fleetwright/contracts';
import { LoaderCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { PlanBadge, useQuotaLabel } from '@/components/organizations/quotas';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useCan } from '@/lib/api/accounts';
import { errorMessage } from '@/lib/api/client';
import { useUpdateOrganizationSettings } from '@/lib/api/organizations';
import { useFormat } from '@/lib/hooks/use-format';

/** Name (ADMINs rename), plan and the quotas in force; plans are the platform administrators' to set. */
export function OrganizationSummary({ settings }: { settings: OrganizationSettings }) {
  const t = useTranslations('organization.summary');
  const quotaLabel = useQuotaLabel();
  const format = useFormat();
  const canEdit = useCan('admin');
  return (
    <Card data-testid="organization-summary">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          {t('title')} <PlanBadge plan={settings.plan} />
        </CardTitle>
        <CardDescription>{t('description')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        {canEdit ? (
          <NameForm name={settings.name} />
        ) : (
          <div className="grid gap-0.5">
            <span className="text-xs text-muted-foreground">{t('name')}</span>
            <span className="font-medium">{settings.name}</span>
          </div>
        )}
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {quotaNames.map((quota) => (
            <div key={quota} className="rounded-md border px-3 py-2" data-testid={`quota-${quota}`}>
              <dt className="text-xs text-muted-foreground">{quotaLabel(quota)}</dt>
              <dd className="flex items-baseline gap-1.5 text-lg font-semibold tabular-nums">
                {format.number(settings.quotas[quota], 0)}
                {settings.quotaOverrides[quota] !== undefined ? (
                  <span className="text-[11px] font-normal text-muted-foreground">{t('custom')}</span>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
        <p className="text-xs text-muted-foreground">
          {t.rich('footnote', {
            slug: settings.slug,
            code: (chunks) => <code className="font-mono">{chunks}</code>,
          })}
        </p>
      </CardContent>
    </Card>
  );
}

function NameForm({ name }: { name: string }) {
  const t = useTranslations('organization.summary');
  const update = useUpdateOrganizationSettings();
  const [draft, setDraft] = useState(name);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = draft.trim();
    if (!next) {
      setError(t('nameRequired'));
      return;
    }
    setError(null);
    update.mutate(
      { name: next },
      {
        onSuccess: () => toast.success(t('renamed')),
        onError: (failure) => setError(errorMessage(failure)),
      },
    );
  };

  return (
    <form data-testid="organization-name-form" noValidate onSubmit={onSubmit} className="grid gap-1.5">
      <Label htmlFor="organization-name">{t('name')}</Label>
      <div className="flex max-w-md gap-2">
        <Input
          id="organization-name"
          name="name"
          maxLength={100}
          value={draft}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setDraft(event.target.value)}
        />
        <Button type="submit" variant="outline" disabled={update.isPending || draft.trim() === name}>
          {update.isPending ? <LoaderCircle className="animate-spin" /> : null}
          {t('rename')}
        </Button>
      </div>
      {error ? (
        <p role="alert" data-testid="field-error-name" className="text-xs text-destructive">
          {error}
        </p>
      ) : null}
    </form>
  );
}
