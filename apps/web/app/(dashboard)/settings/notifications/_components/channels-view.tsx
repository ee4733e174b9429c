'use client';

import type { NotificationChannel, NotificationTestResult } from '@fleetwright/contracts';
import { BellRing, Pencil, Plus, Send, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { ToneBadge } from '@/components/common/tone-badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useCan } from '@/lib/api/accounts';
import { errorMessage } from '@/lib/api/client';
import {
  useDeleteNotificationChannel,
  useNotificationChannels,
  useTestNotificationChannel,
} from '@/lib/api/notification-channels';
import { ChannelFormDialog } from './channel-form-dialog';

const COLUMNS = ['name', 'kind', 'target', 'secret', 'state'] as const;

/** Where a channel sends: the addresses, the URL (masked when it is the secret) or the chat. */
function targetOf(channel: NotificationChannel): string {
  if (channel.kind === 'email') return channel.to?.join(', ') ?? '';
  if (channel.kind === 'telegram') return channel.chatId ?? '';
  return channel.url ?? '';
}

/** The organization's notification channels: what jobs' notification rules send through. */
export function ChannelsView() {
  const t = useTranslations('notificationChannels.list');
  const tk = useTranslations('notificationChannels.kinds');
  const canWrite = useCan('write');
  const channels = useNotificationChannels();
  const [form, setForm] = useState<{ channel: NotificationChannel | null } | null>(null);
  const [deleting, setDeleting] = useState<NotificationChannel | null>(null);
  const [results, setResults] = useState<Record<string, NotificationTestResult>>({});
  const remove = useDeleteNotificationChannel();
  const test = useTestNotificationChannel();

  const sendTest = (channel: NotificationChannel) =>
    test.mutate(channel.id, {
      onSuccess: (result) => {
        setResults((current) => ({ ...current, [channel.id]: result }));
        if (result.ok) toast.success(t('testSent', { name: channel.name }));
        else toast.error(t('testFailed', { name: channel.name }), { description: result.error ?? undefined });
      },
      onError: (error) =>
        toast.error(t('testFailed', { name: channel.name }), { description: errorMessage(error) }),
    });

  return (
    <div className="space-y-3">
      {canWrite ? (
        <Button size="sm" onClick={() => setForm({ channel: null })} data-testid="add-channel">
          <Plus />
          {t('add')}
        </Button>
      ) : null}
      <Card className="overflow-hidden">
        {channels.isPending ? (
          <Skeleton className="m-3 h-24" />
        ) : channels.isError ? (
          <ErrorState
            error={channels.error}
            title={t('loadFailed')}
            onRetry={() => void channels.refetch()}
          />
        ) : channels.data.length === 0 ? (
          <EmptyState icon={<BellRing />} title={t('emptyTitle')} description={t('emptyDescription')} />
        ) : (
          <Table data-testid="channels-table">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                {COLUMNS.map((column) => (
                  <TableHead key={column}>{t(`columns.${column}`)}</TableHead>
                ))}
                <TableHead>
                  <span className="sr-only">{t('columns.actions')}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {channels.data.map((channel) => (
                <TableRow key={channel.id} data-testid={`channel-row-${channel.id}`} data-name={channel.name}>
                  <TableCell className="font-medium">{channel.name}</TableCell>
                  <TableCell className="text-xs">{tk(channel.kind)}</TableCell>
                  <TableCell className="max-w-64 truncate font-mono text-xs" title={targetOf(channel)}>
                    {targetOf(channel)}
                  </TableCell>
                  <TableCell className="font-mono text-xs" data-testid="channel-secret">
                    {channel.secretHint ?? '—'}
                  </TableCell>
                  <TableCell>
                    <span className="flex flex-wrap gap-1.5">
                      <ToneBadge tone={channel.enabled ? 'emerald' : 'zinc'}>
                        {channel.enabled ? t('enabled') : t('disabled')}
                      </ToneBadge>
                      <TestResult result={results[channel.id]} />
                    </span>
                  </TableCell>
                  <TableCell>
                    {canWrite ? (
                      <div className="flex justify-end gap-1">
                        <Button
                          variant="ghost"
                          size="icon"
                          className="size-7"
                          aria-label={t('test', { name: channel.name })}
                          title={t('test', { name: channel.name })}
                          disabled={test.isPending && test.variables === channel.id}
                          onClick={() => sendTest(channel)}
                        >
                          <Send />
                        </Button>
                        <Button
                          variant="ghost"
                          size="icon"
                          className="size-7"
                          aria-label={t('edit', { name: channel.name })}
                          onClick={() => setForm({ channel })}
                        >
                          <Pencil />
                        </Button>
                        <Button
                          variant="ghost"
                          size="icon"
                          className="size-7 text-destructive"
                          aria-label={t('delete', { name: channel.name })}
                          onClick={() => setDeleting(channel)}
                        >
                          <Trash2 />
                        </Button>
                      </div>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <ChannelFormDialog
        open={form !== null}
        onOpenChange={(open) => (open ? undefined : setForm(null))}
        channel={form?.channel ?? null}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => (open ? undefined : setDeleting(null))}
        title={t('deleteTitle', { name: deleting?.name ?? '' })}
        description={t('deleteDescription')}
        confirmLabel={t('deleteConfirm')}
        pending={remove.isPending}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              toast.success(t('deleted', { name: deleting.name }));
              setDeleting(null);
            },
            onError: (error) => toast.error(t('deleteFailed'), { description: errorMessage(error) }),
          })
        }
      />
    </div>
  );
}

/** How the last test of this page went, next to the channel it tested. */
function TestResult({ result }: { result: NotificationTestResult | undefined }) {
  const t = useTranslations('notificationChannels.list');
  if (!result) return null;
  return (
    <ToneBadge
      tone={result.ok ? 'emerald' : 'red'}
      data-testid="channel-test-result"
      data-status={String(result.ok)}
    >
      {result.ok ? t('testOk') : t('testNotOk', { code: result.statusCode ?? '—' })}
    </ToneBadge>
  );
}
