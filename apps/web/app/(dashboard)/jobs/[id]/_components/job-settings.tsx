'use client';

import type { Job } from '@fleetwright/contracts';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { useScheduleText } from '@/components/jobs/schedule-text';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { useNotificationChannels } from '@/lib/api/notification-channels';
import { useScript } from '@/lib/api/scripts';
import { useFormat } from '@/lib/hooks/use-format';
import { useNow } from '@/lib/hooks/use-now';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[minmax(6rem,9rem)_1fr] gap-3 px-4 py-1.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words text-xs">{children}</dd>
    </div>
  );
}

/** The template's settings in a few words: "iPhone 13 · pt-BR · America/Sao_Paulo · round-robin proxy". */
function templateSummary(template: Record<string, unknown>, isolation: (value: string) => string): string {
  const proxy = template.proxy as { strategy?: string; country?: string } | undefined;
  const parts = [
    typeof template.device === 'string' ? template.device : null,
    typeof template.locale === 'string' ? template.locale : null,
    typeof template.timezone === 'string' ? template.timezone : null,
    isolation(typeof template.isolation === 'string' ? template.isolation : 'context'),
    proxy?.strategy ? `${proxy.strategy}${proxy.country ? ` (${proxy.country})` : ''}` : null,
    typeof template.proxyUrl === 'string' ? template.proxyUrl.replace(/\/\/[^@/]*@/, '//•••@') : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** What the job runs, where, when and how: its settings as the API has them. */
export function JobSettings({ job }: { job: Job }) {
  const t = useTranslations('jobs.detail.settings');
  const isolations = useTranslations('jobs.form.template.isolations');
  const format = useFormat();
  const now = useNow();
  const scheduleText = useScheduleText();
  const inputNames = Object.keys(job.inputs);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>{t('when')}</CardTitle>
        </CardHeader>
        <dl className="py-2">
          <Row label={t('schedule')}>
            <span data-testid="job-schedule">{scheduleText(job.schedule)}</span>
          </Row>
          <Row label={t('nextRun')}>
            {job.nextRunAt ? (
              <span data-testid="job-next-run">
                {format.dateTime(job.nextRunAt)} ({format.relativeTime(job.nextRunAt, now)})
              </span>
            ) : (
              <span className="text-muted-foreground">{job.paused ? t('pausedNoRun') : '—'}</span>
            )}
          </Row>
          <Row label={t('priority')}>{job.priority}</Row>
          <Row label={t('retries')}>
            {job.retries.limit === 0
              ? t('noRetries')
              : t('retriesValue', {
                  limit: job.retries.limit,
                  delay: job.retries.delaySeconds,
                  backoff: String(job.retries.backoff),
                })}
          </Row>
          <Row label={t('timeout')}>{t('seconds', { value: job.timeoutSeconds })}</Row>
          <Row label={t('concurrency')}>{job.concurrency}</Row>
          <Row label={t('trace')}>{job.trace ? t('on') : t('off')}</Row>
          <Row label={t('notifications')}>
            <NotificationRules rules={job.notifications} />
          </Row>
        </dl>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('what')}</CardTitle>
        </CardHeader>
        <dl className="py-2">
          {job.kind === 'flow' ? (
            <Row label={t('flow')}>
              <details>
                <summary className="cursor-pointer">
                  {t('steps', { count: job.flow?.steps.length ?? 0 })}
                </summary>
                <pre className="mt-2 max-h-72 overflow-auto rounded-md bg-muted/50 p-2 font-mono text-[11px]">
                  {JSON.stringify(job.flow, null, 2)}
                </pre>
              </details>
            </Row>
          ) : (
            <Row label={t('script')}>
              <ScriptName id={job.scriptId ?? ''} />{' '}
              {job.scriptVersion === null ? t('latestVersion') : t('version', { version: job.scriptVersion })}
            </Row>
          )}
          <Row label={t('targets', { count: job.targets.length })}>
            <ul className="grid gap-0.5 font-mono break-all" data-testid="job-targets">
              {job.targets.slice(0, 10).map((target) => (
                <li key={target}>{target}</li>
              ))}
              {job.targets.length > 10 ? (
                <li className="font-sans text-muted-foreground">
                  {t('moreTargets', { count: job.targets.length - 10 })}
                </li>
              ) : null}
            </ul>
          </Row>
          <Row label={t('sessionsPerTarget')}>{job.sessionsPerTarget}</Row>
          <Row label={t('template')}>
            {templateSummary(job.sessionTemplate, (value) => isolations(value as 'context'))}
          </Row>
          <Row label={t('inputs')}>
            {inputNames.length > 0 ? <span className="font-mono">{inputNames.join(', ')}</span> : '—'}
          </Row>
          {job.tags.length > 0 ? <Row label={t('tags')}>{job.tags.join(', ')}</Row> : null}
        </dl>
      </Card>
    </div>
  );
}

/** The script's name linking to its editor; its id until (or unless) the script loads. */
function ScriptName({ id }: { id: string }) {
  const script = useScript(id, { enabled: id !== '' });
  return (
    <Link
      href={`/scripts/${id}`}
      className="break-all underline-offset-2 hover:underline"
      data-testid="job-script"
    >
      {script.data ? script.data.name : <span className="font-mono">{id}</span>}
    </Link>
  );
}

/** "Alerts (Slack): failure, recovery", one line a rule; a deleted channel is named as such. */
function NotificationRules({ rules }: { rules: Job['notifications'] }) {
  const t = useTranslations('jobs.detail.settings');
  const outcomes = useTranslations('jobs.form.notifications.on');
  const channels = useNotificationChannels();
  if (rules.length === 0) return <span className="text-muted-foreground">{t('noNotifications')}</span>;
  return (
    <ul className="grid gap-0.5" data-testid="job-notifications">
      {rules.map((rule) => {
        const channel = channels.data?.find((candidate) => candidate.id === rule.channelId);
        return (
          <li key={rule.channelId}>
            <span className="font-medium">
              {channel?.name ?? (channels.isPending ? '…' : t('deletedChannel'))}
            </span>
            {': '}
            {rule.on.map((outcome) => outcomes(outcome)).join(', ')}
          </li>
        );
      })}
    </ul>
  );
}
