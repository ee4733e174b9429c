'use client';

import { ChevronRight, Inbox, Info, RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useAuthOptions } from '@/lib/api/accounts';
import { type Mail, useMails } from '@/lib/api/admin';
import { formatDateTime } from '@/lib/format';
import { cn } from '@/lib/utils';
import { MailText } from './mail-text';

const STATUS_STYLES: Record<Mail['status'], string> = {
  SENT: 'border-emerald-200 bg-emerald-50 text-emerald-700',
  OUTBOX: 'border-amber-200 bg-amber-50 text-amber-800',
  FAILED: 'border-red-200 bg-red-50 text-red-700',
};

export function OutboxView() {
  const mails = useMails();
  const options = useAuthOptions();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      <div className="flex items-start justify-between gap-3">
        <div
          data-testid="outbox-explanation"
          className="flex flex-1 items-start gap-2 rounded-md border bg-muted/50 px-3 py-2 text-sm"
        >
          <Info className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
          {options.data?.mailOutbox === false ? (
            <p>
              SMTP is configured: these mails were handed to the mail server. A FAILED one says why; the
              person can ask for it again.
            </p>
          ) : (
            <p>
              No <code className="font-mono">SMTP_URL</code> is configured, so the server cannot send mail: it
              keeps each one here as OUTBOX (and in its log). Open a mail and hand its link on to the person
              it is for. Set <code className="font-mono">SMTP_URL</code> to send them instead.
            </p>
          )}
        </div>
        <Button variant="outline" size="sm" disabled={mails.isFetching} onClick={() => void mails.refetch()}>
          <RefreshCw className={cn(mails.isFetching && 'animate-spin')} />
          Refresh
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
          <ErrorState
            error={mails.error}
            title="Could not load the mails"
            onRetry={() => void mails.refetch()}
          />
        ) : mails.data.length === 0 ? (
          <EmptyState icon={<Inbox />} title="No mails yet" />
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
  const panelId = `mail-${mail.id}`;
  return (
    <li data-testid="mail" data-status={mail.status}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={onToggle}
        className="flex w-full items-center gap-3 px-4 py-2.5 text-left text-sm hover:bg-muted/50"
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
          {mail.status}
        </span>
        <span className="w-56 shrink-0 truncate" title={mail.to}>
          {mail.to}
        </span>
        <span className="min-w-0 flex-1 truncate font-medium">{mail.subject}</span>
        <span className="shrink-0 text-xs text-muted-foreground">{formatDateTime(mail.createdAt)}</span>
      </button>
      {open ? (
        <div id={panelId} className="grid gap-3 px-4 pt-1 pb-4 pl-11">
          {mail.error ? (
            <p role="alert" className="text-sm text-destructive">
              Sending failed: {mail.error}
            </p>
          ) : null}
          <MailText text={mail.text} />
        </div>
      ) : null}
    </li>
  );
}
