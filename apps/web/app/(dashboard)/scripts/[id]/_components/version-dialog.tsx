'use client';

import { useTranslations } from 'next-intl';
import { CodeEditor } from '@/components/code-editor/code-editor';
import { ErrorState } from '@/components/common/error-state';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { useScriptVersion } from '@/lib/api/scripts';

/** One version's source, read-only. */
export function VersionDialog({
  scriptId,
  version,
  onClose,
}: {
  scriptId: string;
  version: number | null;
  onClose: () => void;
}) {
  const t = useTranslations('scripts.history');
  const query = useScriptVersion(scriptId, version);
  return (
    <Dialog open={version !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="sm:max-w-3xl" data-testid="version-dialog">
        <DialogHeader>
          <DialogTitle>{t('versionTitle', { version: version ?? 0 })}</DialogTitle>
          <DialogDescription>{query.data?.message || t('noMessage')}</DialogDescription>
        </DialogHeader>
        {query.isPending ? (
          <Skeleton className="h-80 w-full" />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <CodeEditor
            value={query.data.source}
            onChange={() => undefined}
            readOnly
            height={360}
            testId="version-source"
          />
        )}
      </DialogContent>
    </Dialog>
  );
}
