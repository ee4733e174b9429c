'use client';

import {
  type OrganizationPlan,
  type OrganizationSettings,
  organizationPlans,
  planQuotas,
  type QuotaName,
  type QuotaOverrides,
  quotaNames,
} from '@fleetwright/contracts';
import { LoaderCircle, Save } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { FormAlert } from '@/components/common/form-alert';
import { PlanBadge, useQuotaLabel } from '@/components/organizations/quotas';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { Textarea } from '@/components/ui/textarea';
import { useUpdateOrganizationPlan } from '@/lib/api/admin';
import { errorMessage, isApiError } from '@/lib/api/client';
import { useFormat } from '@/lib/hooks/use-format';

type Drafts = Record<QuotaName, string>;
type FormErrors = Partial<Record<QuotaName | 'privateTargets' | 'form', string>>;

/** One entry per line (commas work too); blank lines are ignored. */
function parseEntries(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The contracts' bounds: at most a million; API requests per minute at least 1 (0 would lock it out). */
const MAX_QUOTA = 1_000_000;
const minimumOf = (quota: QuotaName) => (quota === 'apiRequestsPerMinute' ? 1 : 0);

function draftsOf(overrides: QuotaOverrides): Drafts {
  return Object.fromEntries(
    quotaNames.map((quota) => [quota, overrides[quota] === undefined ? '' : String(overrides[quota])]),
  ) as Drafts;
}

/** Empty = the plan's default (left out); anything else a whole number within the bounds. */
function parseDrafts(
  drafts: Drafts,
  outOfRange: (minimum: number, maximum: number) => string,
): { overrides: QuotaOverrides; errors: FormErrors } {
  const overrides: QuotaOverrides = {};
  const errors: FormErrors = {};
  for (const quota of quotaNames) {
    const text = drafts[quota].trim();
    if (text === '') continue;
    const value = Number(text);
    if (!Number.isInteger(value) || value < minimumOf(quota) || value > MAX_QUOTA) {
      errors[quota] = outOfRange(minimumOf(quota), MAX_QUOTA);
    } else {
      overrides[quota] = value;
    }
  }
  return { overrides, errors };
}

/** One organization: its plan and quota overrides, with the plan's defaults beside each field. */
export function OrganizationPlanForm({
  organization,
  current,
}: {
  organization: OrganizationSettings;
  /** The organization this session acts for. */
  current: boolean;
}) {
  const t = useTranslations('adminOrganizations.form');
  const quotaLabel = useQuotaLabel();
  const format = useFormat();
  const update = useUpdateOrganizationPlan();
  const [plan, setPlan] = useState<OrganizationPlan>(organization.plan);
  const [drafts, setDrafts] = useState<Drafts>(() => draftsOf(organization.quotaOverrides));
  const [privateTargets, setPrivateTargets] = useState(organization.privateTargets.join('\n'));
  const [errors, setErrors] = useState<FormErrors>({});
  const defaults = planQuotas[plan];
  const id = (name: string) => `${organization.id}-${name}`;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseDrafts(drafts, (minimum, maximum) => t('outOfRange', { minimum, maximum }));
    setErrors(parsed.errors);
    if (Object.keys(parsed.errors).length > 0) return;
    const entries = parseEntries(privateTargets);
    update.mutate(
      { id: organization.id, plan, quotaOverrides: parsed.overrides, privateTargets: entries },
      {
        onSuccess: (updated) => {
          setPlan(updated.plan);
          setDrafts(draftsOf(updated.quotaOverrides));
          setPrivateTargets(updated.privateTargets.join('\n'));
          toast.success(t('saved', { name: updated.name, plan: updated.plan }));
        },
        onError: (error) => {
          // `quotaOverrides.jobs: must be …` from the server: the message goes under that field.
          const field = isApiError(error) ? error.field : undefined;
          if (field?.startsWith('privateTargets.')) {
            // The message quotes the entry; the field's index counts entries, not lines.
            setErrors({ privateTargets: errorMessage(error).replace(`${field}: `, '') });
            return;
          }
          const quota = field?.replace(/^quotaOverrides\./, '');
          setErrors(
            field && quota && (quotaNames as readonly string[]).includes(quota)
              ? { [quota]: errorMessage(error).replace(`${field}: `, '') }
              : { form: errorMessage(error) },
          );
        },
      },
    );
  };

  return (
    <Card data-testid="admin-organization" data-organization-id={organization.id}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          {organization.name}
          <PlanBadge plan={organization.plan} />
          {current ? <Badge variant="secondary">{t('current')}</Badge> : null}
        </CardTitle>
        <CardDescription className="font-mono">{organization.slug}</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <div className="grid w-full gap-1.5 sm:w-48">
            <Label htmlFor={id('plan')}>{t('plan')}</Label>
            <NativeSelect
              id={id('plan')}
              name="plan"
              value={plan}
              onChange={(event) => setPlan(event.target.value as OrganizationPlan)}
            >
              {organizationPlans.map((item) => (
                <option key={item} value={item}>
                  {item}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {quotaNames.map((quota) => (
              <div key={quota} className="grid content-start gap-1.5">
                <Label htmlFor={id(quota)}>{quotaLabel(quota)}</Label>
                <Input
                  id={id(quota)}
                  name={quota}
                  type="number"
                  inputMode="numeric"
                  min={minimumOf(quota)}
                  max={MAX_QUOTA}
                  step={1}
                  placeholder={t('planDefault')}
                  value={drafts[quota]}
                  aria-invalid={errors[quota] ? true : undefined}
                  onChange={(event) => {
                    const value = event.target.value;
                    setDrafts((currentDrafts) => ({ ...currentDrafts, [quota]: value }));
                  }}
                />
                {errors[quota] ? (
                  <p data-testid={`field-error-${quota}`} className="text-xs text-destructive">
                    {errors[quota]}
                  </p>
                ) : (
                  <p className="text-xs text-muted-foreground">
                    {t('default', { plan, value: format.number(defaults[quota], 0) })}
                  </p>
                )}
              </div>
            ))}
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor={id('privateTargets')}>{t('privateTargets')}</Label>
            <p id={id('privateTargets-hint')} className="text-xs text-muted-foreground">
              {t.rich('privateTargetsHint', {
                code: (chunks) => <code className="font-mono">{chunks}</code>,
              })}
            </p>
            <Textarea
              id={id('privateTargets')}
              name="privateTargets"
              rows={3}
              placeholder={'10.20.0.0/16\nintranet.example'}
              className="max-w-xl font-mono text-xs"
              spellCheck={false}
              value={privateTargets}
              aria-invalid={errors.privateTargets ? true : undefined}
              aria-describedby={id('privateTargets-hint')}
              onChange={(event) => {
                setPrivateTargets(event.target.value);
                setErrors((current) => ({ ...current, privateTargets: undefined }));
              }}
            />
            {errors.privateTargets ? (
              <p role="alert" data-testid="field-error-privateTargets" className="text-xs text-destructive">
                {errors.privateTargets}
              </p>
            ) : null}
          </div>
          {errors.form ? <FormAlert>{errors.form}</FormAlert> : null}
          <div>
            <Button type="submit" disabled={update.isPending}>
              {update.isPending ? <LoaderCircle className="animate-spin" /> : <Save />}
              {t('save')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
