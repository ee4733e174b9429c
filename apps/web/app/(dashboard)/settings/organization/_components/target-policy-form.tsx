'use client';

import type { TargetPolicy } from '@fleetwright/contracts';
import { LoaderCircle, Save } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { useCan } from '@/lib/api/accounts';
import { errorMessage, isApiError } from '@/lib/api/client';
import { useUpdateOrganizationSettings } from '@/lib/api/organizations';

type PolicyErrors = { blockedDomains?: string; sessionsPerDomain?: string; form?: string };

const domainsText = (policy: TargetPolicy) => policy.blockedDomains.join('\n');
const capText = (policy: TargetPolicy) =>
  policy.sessionsPerDomain === null ? '' : String(policy.sessionsPerDomain);

/** One domain per line (commas work too); blank lines are ignored. */
function parseDomains(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * The server names the offending input (`targetPolicy.blockedDomains.2`): point at that entry
 * by its text and line, since the index counts entries, not lines.
 */
function policyErrors(
  error: unknown,
  text: string,
  domains: string[],
  describe: (value: string, line: number, message: string) => string,
): PolicyErrors {
  if (!isApiError(error) || !error.field?.startsWith('targetPolicy.')) return { form: errorMessage(error) };
  const [, key, index] = error.field.split('.');
  const message = error.message.startsWith(`${error.field}: `)
    ? error.message.slice(error.field.length + 2)
    : error.message;
  if (key === 'sessionsPerDomain') return { sessionsPerDomain: message };
  if (key !== 'blockedDomains') return { form: errorMessage(error) };
  const value = index === undefined ? undefined : domains[Number(index)];
  if (value === undefined) return { blockedDomains: message };
  const line = text.split('\n').findIndex((entry) => entry.includes(value)) + 1;
  return { blockedDomains: describe(value, line, message) };
}

/** Where the organization's sessions may go, and how many at once per site. ADMINs edit; others read. */
export function TargetPolicyForm({ policy }: { policy: TargetPolicy }) {
  const t = useTranslations('organization.targetPolicy');
  const canEdit = useCan('admin');
  const update = useUpdateOrganizationSettings();
  const [domains, setDomains] = useState(domainsText(policy));
  const [cap, setCap] = useState(capText(policy));
  const [errors, setErrors] = useState<PolicyErrors>({});

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const blockedDomains = parseDomains(domains);
    const sessionsPerDomain = cap.trim() === '' ? null : Number(cap);
    if (sessionsPerDomain !== null && !(Number.isInteger(sessionsPerDomain) && sessionsPerDomain >= 1)) {
      setErrors({ sessionsPerDomain: t('capInvalid') });
      return;
    }
    setErrors({});
    update.mutate(
      { targetPolicy: { blockedDomains, sessionsPerDomain } },
      {
        onSuccess: (settings) => {
          // As saved: lower-cased, without duplicates.
          setDomains(domainsText(settings.targetPolicy));
          setCap(capText(settings.targetPolicy));
          toast.success(t('saved'));
        },
        onError: (error) =>
          setErrors(
            policyErrors(error, domains, blockedDomains, (value, line, message) =>
              t('domainError', { value, line, message }),
            ),
          ),
      },
    );
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <CardDescription>
          {t('description')}
          {canEdit ? null : ` ${t('readOnly')}`}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form data-testid="target-policy-form" noValidate onSubmit={onSubmit} className="grid gap-5">
          <div className="grid gap-1.5">
            <Label htmlFor="blockedDomains">{t('blockedDomains')}</Label>
            <p id="blockedDomains-hint" className="text-xs text-muted-foreground">
              {t.rich('blockedDomainsHint', {
                code: (chunks) => <code className="font-mono">{chunks}</code>,
              })}
            </p>
            <Textarea
              id="blockedDomains"
              name="blockedDomains"
              rows={5}
              placeholder={'example.com\ntracker.example.net'}
              className="max-w-xl font-mono text-xs"
              spellCheck={false}
              readOnly={!canEdit}
              value={domains}
              aria-invalid={errors.blockedDomains ? true : undefined}
              aria-describedby={errors.blockedDomains ? 'blockedDomains-error' : 'blockedDomains-hint'}
              onChange={(event) => {
                setDomains(event.target.value);
                setErrors((current) => ({ ...current, blockedDomains: undefined }));
              }}
            />
            {errors.blockedDomains ? (
              <p
                id="blockedDomains-error"
                role="alert"
                data-testid="field-error-blockedDomains"
                className="text-xs text-destructive"
              >
                {errors.blockedDomains}
              </p>
            ) : null}
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="sessionsPerDomain">{t('sessionsPerDomain')}</Label>
            <p id="sessionsPerDomain-hint" className="text-xs text-muted-foreground">
              {t.rich('sessionsPerDomainHint', {
                code: (chunks) => <code className="font-mono">{chunks}</code>,
              })}
            </p>
            <Input
              id="sessionsPerDomain"
              name="sessionsPerDomain"
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              placeholder={t('noCap')}
              className="w-40"
              readOnly={!canEdit}
              value={cap}
              aria-invalid={errors.sessionsPerDomain ? true : undefined}
              aria-describedby={
                errors.sessionsPerDomain ? 'sessionsPerDomain-error' : 'sessionsPerDomain-hint'
              }
              onChange={(event) => {
                setCap(event.target.value);
                setErrors((current) => ({ ...current, sessionsPerDomain: undefined }));
              }}
            />
            {errors.sessionsPerDomain ? (
              <p
                id="sessionsPerDomain-error"
                role="alert"
                data-testid="field-error-sessionsPerDomain"
                className="text-xs text-destructive"
              >
                {errors.sessionsPerDomain}
              </p>
            ) : null}
          </div>
          {errors.form ? <FormAlert>{errors.form}</FormAlert> : null}
          {canEdit ? (
            <div>
              <Button type="submit" disabled={update.isPending}>
                {update.isPending ? <LoaderCircle className="animate-spin" /> : <Save />}
                {t('save')}
              </Button>
            </div>
          ) : null}
        </form>
      </CardContent>
    </Card>
  );
}
