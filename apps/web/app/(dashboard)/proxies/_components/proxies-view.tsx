'use client';

import type { PoolProxy, ValidateProxiesBody } from '@fleetwright/contracts';
import { ChevronDown, Network, Plus, ShieldCheck, Upload } from 'lucide-react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Pagination } from '@/components/common/pagination';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { useCan } from '@/lib/api/accounts';
import { errorMessage, isApiError } from '@/lib/api/client';
import { useProxies, useProxy, useValidateProxies } from '@/lib/api/proxies';
import { cn } from '@/lib/utils';
import { BulkActions } from './bulk-actions';
import { ExitsMap } from './exits-map';
import { ImportDialog } from './import-dialog';
import {
  filterOf,
  hasFilters,
  type ListParamsPatch,
  NO_FILTERS,
  PAGE_SIZES,
  parseListParams,
  patchListQuery,
} from './list-params';
import { ProxiesFilters } from './proxies-filters';
import { ProxiesTable, ProxiesTableSkeleton } from './proxies-table';
import { ProxyDrawer } from './proxy-drawer';
import { ProxyFormDialog } from './proxy-form-dialog';
import { ValidationProgress } from './validation-progress';

/** The id of the organization's run in progress, when a validation was refused because of it. */
function runningValidationOf(error: unknown): string | undefined {
  if (!isApiError(error) || error.code !== 'PROXY_VALIDATION_IN_PROGRESS') return undefined;
  const id = (error.details as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The pool: map of exits, filters, table, bulk actions, and the dialogs and drawer they open. */
export function ProxiesView() {
  const t = useTranslations('proxies.list');
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const params = parseListParams(searchParams);
  const paramsKey = JSON.stringify(params);
  const query = useProxies(params);
  const canWrite = useCan('write');
  const validate = useValidateProxies();

  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [selectionKey, setSelectionKey] = useState(paramsKey);
  if (selectionKey !== paramsKey) {
    setSelectionKey(paramsKey);
    setSelected(new Set());
  }
  const [importOpen, setImportOpen] = useState(false);
  const [form, setForm] = useState<{ proxy: PoolProxy | null } | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [validationId, setValidationId] = useState<string | null>(null);

  const setParams = (patch: ListParamsPatch) => {
    // Read the live URL, not this render's copy: debounced inputs commit after other changes.
    const next = patchListQuery(window.location.search, patch);
    router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
  };

  const items = query.data?.items ?? [];
  const selectedIds = items.filter((item) => selected.has(item.id)).map((item) => item.id);
  const detail = useProxy(openId);
  const openProxy = detail.data ?? items.find((item) => item.id === openId) ?? null;
  const filtered = hasFilters(params);

  const startValidation = (body: ValidateProxiesBody) =>
    validate.mutate(body, {
      onSuccess: (run) => setValidationId(run.id),
      onError: (error) => {
        const running = runningValidationOf(error);
        if (running) {
          // One run at a time per organization: follow the one already going.
          setValidationId(running);
          toast.info(t('validationRunning'));
          return;
        }
        toast.error(t('validateFailed'), { description: errorMessage(error) });
      },
    });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        {canWrite ? (
          <>
            <Button size="sm" onClick={() => setForm({ proxy: null })} data-testid="add-proxy">
              <Plus />
              {t('add')}
            </Button>
            <Button
              size="sm"
              variant="outline"
              onClick={() => setImportOpen(true)}
              data-testid="import-proxies"
            >
              <Upload />
              {t('import')}
            </Button>
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button size="sm" variant="outline" disabled={validate.isPending} data-testid="validate-menu">
                  <ShieldCheck />
                  {t('validate')}
                  <ChevronDown />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="start">
                <DropdownMenuItem onSelect={() => startValidation({ all: true })}>
                  {t('validateAll')}
                </DropdownMenuItem>
                <DropdownMenuItem
                  disabled={!filtered}
                  onSelect={() => startValidation({ filter: filterOf(params) })}
                >
                  {t('validateFiltered')}
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          </>
        ) : null}
      </div>
      {validationId ? <ValidationProgress id={validationId} onDismiss={() => setValidationId(null)} /> : null}
      <Card className="p-3">
        <ExitsMap selected={params.country} onSelect={(country) => setParams({ country })} />
      </Card>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <ProxiesFilters params={params} onChange={setParams} />
        {query.data ? (
          <span className="text-xs text-muted-foreground">{t('count', { count: query.data.total })}</span>
        ) : null}
      </div>
      {canWrite && selectedIds.length > 0 ? (
        <BulkActions
          ids={selectedIds}
          validating={validate.isPending}
          onValidate={() => startValidation({ ids: selectedIds })}
          onDone={() => setSelected(new Set())}
        />
      ) : null}
      <Card className={cn('overflow-hidden transition-opacity', query.isPlaceholderData && 'opacity-70')}>
        {query.isPending ? (
          <ProxiesTableSkeleton />
        ) : query.isError && !query.data ? (
          <ErrorState error={query.error} title={t('loadFailed')} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <ProxiesTable
              items={items}
              selected={selected}
              onSelectedChange={setSelected}
              onOpen={(proxy) => setOpenId(proxy.id)}
              onEdit={(proxy) => setForm({ proxy })}
              canWrite={canWrite}
              empty={
                filtered ? (
                  <EmptyState
                    icon={<Network />}
                    title={t('noMatch')}
                    action={
                      <Button variant="outline" size="sm" onClick={() => setParams(NO_FILTERS)}>
                        {t('clearFilters')}
                      </Button>
                    }
                  />
                ) : (
                  <EmptyState
                    icon={<Network />}
                    title={t('emptyTitle')}
                    description={t('emptyDescription')}
                    action={
                      canWrite ? (
                        <Button size="sm" onClick={() => setImportOpen(true)}>
                          <Upload />
                          {t('import')}
                        </Button>
                      ) : undefined
                    }
                  />
                )
              }
            />
            {(query.data?.total ?? 0) > 0 ? (
              <div className="border-t">
                <Pagination
                  page={params.page}
                  pageSize={params.pageSize}
                  pageSizes={PAGE_SIZES}
                  total={query.data?.total ?? 0}
                  onPageChange={(page) => setParams({ page })}
                  onPageSizeChange={(pageSize) => setParams({ pageSize })}
                />
              </div>
            ) : null}
          </>
        )}
      </Card>
      <ImportDialog open={importOpen} onOpenChange={setImportOpen} />
      <ProxyFormDialog
        open={form !== null}
        onOpenChange={(open) => (open ? undefined : setForm(null))}
        proxy={form?.proxy}
      />
      <ProxyDrawer
        proxy={openId ? openProxy : null}
        onClose={() => setOpenId(null)}
        onEdit={(proxy) => setForm({ proxy })}
        onValidate={(proxy) => startValidation({ ids: [proxy.id] })}
        canWrite={canWrite}
      />
    </div>
  );
}
