'use client';

import type { ScriptDiff } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { CodeDiffEditor } from '@/components/code-editor/code-editor';
import { ErrorState } from '@/components/common/error-state';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { useScriptDiff, useScriptVersion } from '@/lib/api/scripts';
import { cn } from '@/lib/utils';
import { countChanges } from './diff-changes';

/**
 * How version `to` differs from `from`: Monaco's diff editor side by side (one column when narrow),
 * and the route's hunks as a unified diff, which also reads where Monaco could not load.
 */
export function DiffDialog({
  scriptId,
  pair,
  onClose,
}: {
  scriptId: string;
  pair: { from: number; to: number } | null;
  onClose: () => void;
}) {
  const t = useTranslations('scripts.diff');
  const diff = useScriptDiff(scriptId, pair);
  const original = useScriptVersion(scriptId, pair?.from ?? null);
  const modified = useScriptVersion(scriptId, pair?.to ?? null);
  const changes = diff.data ? countChanges(diff.data) : null;
  return (
    <Dialog open={pair !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="sm:max-w-5xl" data-testid="diff-dialog">
        <DialogHeader>
          <DialogTitle>{t('title', { from: pair?.from ?? 0, to: pair?.to ?? 0 })}</DialogTitle>
          <DialogDescription data-testid="diff-summary">
            {changes ? t('summary', changes) : t('loading')}
          </DialogDescription>
        </DialogHeader>
        {diff.isError ? (
          <ErrorState error={diff.error} onRetry={() => void diff.refetch()} />
        ) : (
          <Tabs defaultValue="unified" className="min-w-0">
            <TabsList>
              <TabsTrigger value="unified">{t('unified')}</TabsTrigger>
              <TabsTrigger value="sideBySide">{t('sideBySide')}</TabsTrigger>
            </TabsList>
            <TabsContent value="unified" className="min-w-0">
              {diff.data ? <UnifiedDiff diff={diff.data} /> : <Skeleton className="h-80 w-full" />}
            </TabsContent>
            <TabsContent value="sideBySide" className="min-w-0">
              {original.data && modified.data ? (
                <CodeDiffEditor
                  original={original.data.source}
                  modified={modified.data.source}
                  testId="diff-editor"
                />
              ) : (
                <Skeleton className="h-80 w-full" />
              )}
            </TabsContent>
          </Tabs>
        )}
      </DialogContent>
    </Dialog>
  );
}

function UnifiedDiff({ diff }: { diff: ScriptDiff }) {
  const t = useTranslations('scripts.diff');
  if (diff.hunks.length === 0)
    return <p className="py-6 text-center text-sm text-muted-foreground">{t('same')}</p>;
  return (
    <div
      data-testid="diff-unified"
      className="max-h-[60vh] overflow-auto rounded-md border font-mono text-xs"
    >
      {diff.hunks.map((hunk) => (
        <div key={`${hunk.oldStart}:${hunk.newStart}`}>
          <p className="bg-muted px-2 py-0.5 text-muted-foreground">
            @@ -{hunk.oldStart},{hunk.oldLines} +{hunk.newStart},{hunk.newLines} @@
          </p>
          {hunk.lines.map((line, index) => (
            <pre
              // biome-ignore lint/suspicious/noArrayIndexKey: a hunk's lines are a fixed list in order.
              key={index}
              data-change={line.startsWith('+') ? 'added' : line.startsWith('-') ? 'removed' : undefined}
              className={cn(
                'px-2 whitespace-pre-wrap break-all',
                line.startsWith('+') &&
                  'bg-emerald-50 text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200',
                line.startsWith('-') && 'bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-200',
              )}
            >
              {line}
            </pre>
          ))}
        </div>
      ))}
    </div>
  );
}
