'use client';

import type { PoolProxy, ValidateProxiesBody } from '@fleetwright/contracts';
import { ChevronDown, Network, Plus, ShieldCheck, Upload } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { ListEmpty, ListFrame, ListToolbar } from '@/components/common/list-view/list-frame';
import { useListParams } from '@/components/common/list-view/use-list-params';
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
import { BulkActions } from './bulk-actions';
import { ExitsMap } from './exits-map';
import { ImportDialog } from './import-dialog';
import { filterOf, hasFilters, NO_FILTERS, PAGE_SIZES, proxyListUrl } from './list-params';
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
  const { params, setParams } = useListParams(proxyListUrl);
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
      <ListToolbar count={query.data ? t('count', { count: query.data.total }) : undefined}>
        <ProxiesFilters params={params} onChange={setParams} />
      </ListToolbar>
      {canWrite && selectedIds.length > 0 ? (
        <BulkActions
          ids={selectedIds}
          validating={validate.isPending}
          onValidate={() => startValidation({ ids: selectedIds })}
          onDone={() => setSelected(new Set())}
        />
      ) : null}
      <ListFrame
        query={query}
        skeleton={<ProxiesTableSkeleton />}
        loadFailed={t('loadFailed')}
        page={params.page}
        pageSize={params.pageSize}
        pageSizes={PAGE_SIZES}
        onPageChange={setParams}
      >
        <ProxiesTable
          items={items}
          selected={selected}
          onSelectedChange={setSelected}
          onOpen={(proxy) => setOpenId(proxy.id)}
          onEdit={(proxy) => setForm({ proxy })}
          canWrite={canWrite}
          empty={
            <ListEmpty
              icon={<Network />}
              filtered={filtered}
              noMatch={t('noMatch')}
              clearLabel={t('clearFilters')}
              onClear={() => setParams(NO_FILTERS)}
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
          }
        />
      </ListFrame>
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
