'use client';

import { KeyRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { CopyButton } from '@/components/common/copy-button';
import { Button } from '@/components/ui/button';

/** The signing secret, this once (at creation and after a rotation): the server never answers it again. */
export function NewSecret({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  const t = useTranslations('webhooks.secret');
  return (
    <div
      data-testid="webhook-secret"
      role="status"
      className="grid gap-2 rounded-lg border border-emerald-600/30 bg-emerald-50 p-4 text-sm text-emerald-950 dark:bg-emerald-950/40 dark:text-emerald-100"
    >
      <p className="flex items-center gap-1.5 font-medium">
        <KeyRound className="size-4 shrink-0" /> {t('title')}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="webhook-secret-value"
          className="min-w-0 flex-1 break-all rounded-md border bg-background px-2 py-1.5 font-mono text-xs"
        >
          {secret}
        </code>
        <CopyButton value={secret} />
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          {t('done')}
        </Button>
      </div>
      <p className="text-xs">
        {t.rich('verify', { code: (chunks) => <code className="break-all font-mono">{chunks}</code> })}
      </p>
    </div>
  );
}
