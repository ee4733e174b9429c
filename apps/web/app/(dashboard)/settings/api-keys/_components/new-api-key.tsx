'use client';

import { KeyRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { CopyButton } from '@/components/common/copy-button';
import { Button } from '@/components/ui/button';
import type { CreatedApiKey } from '@/lib/api/api-keys';

/** The key itself, this once: the server keeps only a hash. */
export function NewApiKey({ apiKey, onDismiss }: { apiKey: CreatedApiKey; onDismiss: () => void }) {
  const t = useTranslations('apiKeys.created');
  return (
    <div
      data-testid="new-api-key"
      role="status"
      className="grid gap-2 rounded-lg border border-emerald-600/30 bg-emerald-50 p-4 text-sm text-emerald-950 dark:bg-emerald-950/40 dark:text-emerald-100"
    >
      <p className="flex items-center gap-1.5 font-medium">
        <KeyRound className="size-4 shrink-0" /> {t('ready', { name: apiKey.name })}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="new-api-key-value"
          className="min-w-0 flex-1 break-all rounded-md border bg-background px-2 py-1.5 font-mono text-xs"
        >
          {apiKey.key}
        </code>
        <CopyButton value={apiKey.key} />
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          {t('done')}
        </Button>
      </div>
    </div>
  );
}
