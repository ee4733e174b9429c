'use client';

import type { Script } from '@fleetwright/contracts';
import { Eye, GitCompare, History, RotateCcw } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { useUserSession } from '@/lib/api/accounts';
import { errorMessage } from '@/lib/api/client';
import { useMembers } from '@/lib/api/organizations';
import { type ScriptVersionSummary, useRestoreVersion, useScriptVersions } from '@/lib/api/scripts';
import { useFormat } from '@/lib/hooks/use-format';
import { useNow } from '@/lib/hooks/use-now';
import { DiffDialog } from './diff-dialog';
import { VersionDialog } from './version-dialog';

/** Names for the authors' user ids; an id not among the members shows as a former member. */
function useAuthorNames(): (userId: string | null) => string {
  const t = useTranslations('scripts.history');
  const me = useUserSession();
  const members = useMembers(me.organization?.id ?? '');
  const names = useMemo(
    () => new Map((members.data ?? []).map((member) => [member.userId, member.user.name])),
    [members.data],
  );
  return (userId) => {
    if (userId === null) return t('apiKeyAuthor');
    if (userId === me.user?.id) return t('you');
    return names.get(userId) ?? t('formerMember');
  };
}

/** The side panel's history: every version newest first, view or restore one, compare any two. */
export function VersionHistory({ script, canWrite }: { script: Script; canWrite: boolean }) {
  const t = useTranslations('scripts.history');
  const versions = useScriptVersions(script.id);
  const restore = useRestoreVersion(script.id);
  const authorName = useAuthorNames();
  const format = useFormat();
  const now = useNow();
  const latest = script.latestVersion;
  const [from, setFrom] = useState(Math.max(1, latest - 1));
  const [to, setTo] = useState(latest);
  const [comparing, setComparing] = useState<{ from: number; to: number } | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);

  if (versions.isPending) {
    return (
      <div className="space-y-2">
        {Array.from({ length: 4 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity.
          <Skeleton key={index} className="h-12 w-full" />
        ))}
      </div>
    );
  }
  if (versions.isError) {
    return (
      <ErrorState error={versions.error} title={t('loadFailed')} onRetry={() => void versions.refetch()} />
    );
  }
  const items = versions.data.items;
  const numbers = items.map((item) => item.version);

  return (
    <div className="space-y-3">
      {latest > 1 ? (
        <div className="flex flex-wrap items-end gap-2" data-testid="compare-versions">
          <div className="grid min-w-20 flex-1 gap-1">
            <Label htmlFor="diff-from" className="text-xs">
              {t('from')}
            </Label>
            <NativeSelect
              id="diff-from"
              value={from}
              onChange={(event) => setFrom(Number(event.target.value))}
            >
              {numbers.map((version) => (
                <option key={version} value={version}>
                  v{version}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid min-w-20 flex-1 gap-1">
            <Label htmlFor="diff-to" className="text-xs">
              {t('to')}
            </Label>
            <NativeSelect id="diff-to" value={to} onChange={(event) => setTo(Number(event.target.value))}>
              {numbers.map((version) => (
                <option key={version} value={version}>
                  v{version}
                </option>
              ))}
            </NativeSelect>
          </div>
          <Button
            variant="outline"
            size="sm"
            disabled={from === to}
            onClick={() => setComparing({ from, to })}
            data-testid="compare"
          >
            <GitCompare />
            {t('compare')}
          </Button>
        </div>
      ) : null}
      {items.length === 0 ? (
        <EmptyState icon={<History />} title={t('empty')} />
      ) : (
        <ol className="divide-y rounded-md border" data-testid="version-list">
          {items.map((item) => (
            <VersionRow
              key={item.version}
              item={item}
              latest={item.version === latest}
              author={authorName(item.authorUserId)}
              when={format.relativeTime(item.createdAt, now)}
              whenExact={format.dateTime(item.createdAt)}
              canRestore={canWrite && item.version !== latest}
              onView={() => setViewing(item.version)}
              onRestore={() => setRestoring(item.version)}
            />
          ))}
        </ol>
      )}
      {versions.data.total > items.length ? (
        <p className="text-xs text-muted-foreground">
          {t('older', { count: versions.data.total - items.length })}
        </p>
      ) : null}
      <DiffDialog scriptId={script.id} pair={comparing} onClose={() => setComparing(null)} />
      <VersionDialog scriptId={script.id} version={viewing} onClose={() => setViewing(null)} />
      <ConfirmDialog
        open={restoring !== null}
        onOpenChange={(open) => (open ? undefined : setRestoring(null))}
        variant="default"
        title={t('restoreTitle', { version: restoring ?? 0 })}
        description={t('restoreDescription', { latest: latest + 1 })}
        confirmLabel={t('restoreConfirm')}
        pending={restore.isPending}
        onConfirm={() => {
          if (restoring === null) return;
          restore.mutate(restoring, {
            onSuccess: (saved) => {
              toast.success(t('restored', { version: restoring, latest: saved.latestVersion }));
              setRestoring(null);
            },
            onError: (error) => toast.error(t('restoreFailed'), { description: errorMessage(error) }),
          });
        }}
      />
    </div>
  );
}

function VersionRow({
  item,
  latest,
  author,
  when,
  whenExact,
  canRestore,
  onView,
  onRestore,
}: {
  item: ScriptVersionSummary;
  latest: boolean;
  author: string;
  when: string;
  whenExact: string;
  canRestore: boolean;
  onView: () => void;
  onRestore: () => void;
}) {
  const t = useTranslations('scripts.history');
  return (
    <li className="flex items-start gap-2 p-2 text-xs" data-testid={`version-${item.version}`}>
      <div className="min-w-0 flex-1 space-y-0.5">
        <p className="flex flex-wrap items-center gap-1.5">
          <span className="font-mono font-medium">v{item.version}</span>
          {latest ? <span className="rounded border px-1 text-[10px] uppercase">{t('latest')}</span> : null}
          <span className="truncate">
            {item.message || <em className="text-muted-foreground">{t('noMessage')}</em>}
          </span>
        </p>
        <p className="text-muted-foreground">
          {author} · <span title={whenExact}>{when}</span>
        </p>
      </div>
      <Button
        variant="ghost"
        size="icon"
        className="size-7"
        aria-label={t('view', { version: item.version })}
        onClick={onView}
      >
        <Eye />
      </Button>
      {canRestore ? (
        <Button
          variant="ghost"
          size="icon"
          className="size-7"
          aria-label={t('restore', { version: item.version })}
          onClick={onRestore}
        >
          <RotateCcw />
        </Button>
      ) : null}
    </li>
  );
}
