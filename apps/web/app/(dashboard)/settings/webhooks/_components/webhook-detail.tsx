'use client';

import type { Webhook } from '@fleetwright/contracts';
import { ArrowLeft, KeyRound, Pencil, Power, PowerOff, Send, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { ErrorState } from '@/components/common/error-state';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { useCan } from '@/lib/api/accounts';
import { errorMessage } from '@/lib/api/client';
import {
  useDeleteWebhook,
  useRotateWebhookSecret,
  useSaveWebhook,
  useSendWebhookPing,
  useWebhook,
} from '@/lib/api/webhooks';
import { Deliveries } from './deliveries';
import { NewSecret } from './new-secret';
import { WebhookStateBadge } from './status-badges';
import { WebhookFormDialog } from './webhook-form-dialog';

/** One webhook: what it receives, the actions on it, and its deliveries. */
export function WebhookDetail({ id }: { id: string }) {
  const t = useTranslations('webhooks.detail');
  const webhook = useWebhook(id);
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <Link
        href="/settings/webhooks"
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" />
        {t('back')}
      </Link>
      {webhook.isPending ? (
        <Skeleton className="h-24" />
      ) : webhook.isError ? (
        <ErrorState error={webhook.error} title={t('loadFailed')} onRetry={() => void webhook.refetch()} />
      ) : (
        <>
          <WebhookSummary webhook={webhook.data} />
          <Deliveries webhookId={id} />
        </>
      )}
    </div>
  );
}

function WebhookSummary({ webhook }: { webhook: Webhook }) {
  const t = useTranslations('webhooks.detail');
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <div className="space-y-3" data-testid="webhook-summary">
      <PageHeader
        title={<span className="break-all font-mono text-base">{webhook.url}</span>}
        description={webhook.description ?? undefined}
      />
      <div className="flex flex-wrap items-start gap-3">
        <WebhookStateBadge webhook={webhook} />
        <span className="text-xs text-muted-foreground">
          {t('failuresInRow', { count: webhook.consecutiveFailures })}
        </span>
      </div>
      <div className="flex flex-wrap gap-1.5" data-testid="webhook-events-list">
        {webhook.events.map((event) => (
          <code key={event} className="rounded-md border bg-muted/50 px-1.5 py-0.5 font-mono text-xs">
            {event}
          </code>
        ))}
      </div>
      <WebhookActions webhook={webhook} onSecret={setSecret} />
      {secret ? <NewSecret secret={secret} onDismiss={() => setSecret(null)} /> : null}
    </div>
  );
}

/** Ping, edit, enable or disable, rotate the secret, delete: for those who may change things. */
function WebhookActions({ webhook, onSecret }: { webhook: Webhook; onSecret: (secret: string) => void }) {
  const t = useTranslations('webhooks.detail');
  const router = useRouter();
  const canWrite = useCan('write');
  const ping = useSendWebhookPing();
  const save = useSaveWebhook();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<'rotate' | 'delete' | null>(null);
  if (!canWrite) return null;

  const sendPing = () =>
    ping.mutate(webhook.id, {
      onSuccess: () => toast.success(t('pingQueued')),
      onError: (error) => toast.error(t('pingFailed'), { description: errorMessage(error) }),
    });
  const setEnabled = (enabled: boolean) =>
    save.mutate(
      { id: webhook.id, body: { enabled } },
      {
        onSuccess: () => toast.success(enabled ? t('enabledToast') : t('disabledToast')),
        onError: (error) => toast.error(t('saveFailed'), { description: errorMessage(error) }),
      },
    );

  return (
    <div className="flex flex-wrap gap-2">
      <Button size="sm" onClick={sendPing} disabled={ping.isPending} data-testid="send-ping">
        <Send />
        {t('ping')}
      </Button>
      <Button size="sm" variant="outline" onClick={() => setEditing(true)} data-testid="edit-webhook">
        <Pencil />
        {t('edit')}
      </Button>
      <Button
        size="sm"
        variant="outline"
        onClick={() => setEnabled(!webhook.enabled)}
        disabled={save.isPending}
        data-testid="toggle-webhook"
      >
        {webhook.enabled ? <PowerOff /> : <Power />}
        {webhook.enabled ? t('disable') : t('enable')}
      </Button>
      <Button size="sm" variant="outline" onClick={() => setConfirming('rotate')} data-testid="rotate-secret">
        <KeyRound />
        {t('rotate')}
      </Button>
      <Button
        size="sm"
        variant="outline"
        className="text-destructive"
        onClick={() => setConfirming('delete')}
        data-testid="delete-webhook"
      >
        <Trash2 />
        {t('delete')}
      </Button>
      <WebhookFormDialog open={editing} onOpenChange={setEditing} webhook={webhook} />
      <ConfirmDialog
        open={confirming === 'rotate'}
        onOpenChange={(open) => (open ? undefined : setConfirming(null))}
        title={t('rotateTitle')}
        description={t('rotateDescription')}
        confirmLabel={t('rotateConfirm')}
        pending={rotate.isPending}
        onConfirm={() =>
          rotate.mutate(webhook.id, {
            onSuccess: (rotated) => {
              onSecret(rotated.secret);
              setConfirming(null);
            },
            onError: (error) => toast.error(t('rotateFailed'), { description: errorMessage(error) }),
          })
        }
      />
      <ConfirmDialog
        open={confirming === 'delete'}
        onOpenChange={(open) => (open ? undefined : setConfirming(null))}
        title={t('deleteTitle')}
        description={t('deleteDescription')}
        confirmLabel={t('deleteConfirm')}
        pending={remove.isPending}
        onConfirm={() =>
          remove.mutate(webhook.id, {
            onSuccess: () => {
              toast.success(t('deleted'));
              router.push('/settings/webhooks');
            },
            onError: (error) => toast.error(t('deleteFailed'), { description: errorMessage(error) }),
          })
        }
      />
    </div>
  );
}
