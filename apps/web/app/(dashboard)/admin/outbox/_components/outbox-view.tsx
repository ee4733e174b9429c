'use client';

import { ChevronRight, Inbox, Info, RefreshCw } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useAuthOptions } from '@/lib/api/accounts';
import { type Mail, useMails } from '@/lib/api/admin';
import { useFormat } from '@/lib/hooks/use-format';
import { cn } from '@/lib/utils';
import { MailText } from './mail-text';

const STATUS_STYLES: Record<Mail['status'], string> = {
  SENT: 'border-emerald-200 bg-emerald-50 text-emerald-700 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  OUTBOX:
    'border-amber-200 bg-amber-50 text-amber-800 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-300',
  FAILED: 'border-red-200 bg-red-50 text-red-700 dark:border-red-800 dark:bg-red-950 dark:text-red-300',
};

export function OutboxView() {
  const t = useTranslations('outbox');
  const mails = useMails();
  const options = useAuthOptions();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div
          data-testid="outbox-explanation"
          className="flex flex-1 items-start gap-2 rounded-md border bg-muted/50 px-3 py-2 text-sm"
        >
          <Info className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
          {options.data?.mailOutbox === false ? (
            <p>{t('smtpConfigured')}</p>
          ) : (
            <p>{t.rich('noSmtp', { code: (chunks) => <code className="font-mono">{chunks}</code> })}</p>
          )}
        </div>
        <Button variant="outline" size="sm" disabled={mails.isFetching} onClick={() => void mails.refetch()}>
          <RefreshCw className={cn(mails.isFetching && 'animate-spin')} />
          {t('refresh')}
        </Button>
      </div>
      <Card className="overflow-hidden">
        {mails.isPending ? (
          <div className="grid gap-3 p-4" aria-busy="true">
            <Skeleton className="h-5 w-full" />
            <Skeleton className="h-5 w-5/6" />
            <Skeleton className="h-5 w-4/6" />
          </div>
        ) : mails.isError ? (
          <ErrorState error={mails.error} title={t('loadFailed')} onRetry={() => void mails.refetch()} />
        ) : mails.data.length === 0 ? (
          <EmptyState icon={<Inbox />} title={t('empty')} />
        ) : (
          <ul data-testid="outbox" className="divide-y">
            {mails.data.map((mail) => (
              <MailRow
                key={mail.id}
                mail={mail}
                open={open === mail.id}
                onToggle={() => setOpen((current) => (current === mail.id ? null : mail.id))}
              />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function MailRow({ mail, open, onToggle }: { mail: Mail; open: boolean; onToggle: () => void }) {
  const t = useTranslations('outbox');
  const format = useFormat();
  const panelId = `mail-${mail.id}`;
  return (
    <li data-testid="mail" data-status={mail.status}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={onToggle}
        className="flex w-full flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5 text-left text-sm hover:bg-muted/50 sm:flex-nowrap"
      >
        <ChevronRight
          className={cn('size-4 shrink-0 text-muted-foreground transition-transform', open && 'rotate-90')}
        />
        <span
          data-testid="mail-status"
          className={cn(
            'inline-flex w-16 shrink-0 justify-center rounded-md border px-1.5 py-0.5 text-[11px] font-medium',
            STATUS_STYLES[mail.status],
          )}
        >
          {t(`statuses.${mail.status}`)}
        </span>
        <span className="min-w-0 max-w-56 shrink truncate sm:w-56 sm:shrink-0" title={mail.to}>
          {mail.to}
        </span>
        <span className="min-w-0 basis-full truncate font-medium sm:basis-auto sm:flex-1">
          {mail.subject}
        </span>
        <span className="shrink-0 text-xs text-muted-foreground">{format.dateTime(mail.createdAt)}</span>
      </button>
      {open ? (
        <div id={panelId} className="grid gap-3 px-4 pt-1 pb-4 sm:pl-11">
          {mail.error ? (
            <p role="alert" className="text-sm text-destructive">
              {t('sendFailed', { error: mail.error })}
            </p>
          ) : null}
          <MailText text={mail.text} />
        </div>
      ) : null}
    </li>
  );
}
