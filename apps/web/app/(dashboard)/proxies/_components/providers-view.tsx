'use client';

import type { ProxyProvider } from '@fleetwright/contracts';
import { Pencil, Plus, Trash2, Waypoints } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useCan } from '@/lib/api/accounts';
import { errorMessage } from '@/lib/api/client';
import { useDeleteProxyProvider, useProviderPresets, useProxyProviders } from '@/lib/api/proxy-providers';
import { Country } from './country';
import { ProviderFormDialog } from './provider-form-dialog';

const COLUMNS = ['name', 'kind', 'account', 'gateway', 'countries', 'sticky'] as const;

/** Provider entries: one account at a commercial provider each, giving sessions a proxy per country. */
export function ProvidersView() {
  const t = useTranslations('proxies.providers');
  const canWrite = useCan('write');
  const providers = useProxyProviders();
  const presets = useProviderPresets();
  const [form, setForm] = useState<{ provider: ProxyProvider | null } | null>(null);
  const [deleting, setDeleting] = useState<ProxyProvider | null>(null);
  const remove = useDeleteProxyProvider();
  const labelOf = (kind: string) => presets.find((preset) => preset.kind === kind)?.label ?? kind;

  return (
    <div className="space-y-3">
      {canWrite ? (
        <Button size="sm" onClick={() => setForm({ provider: null })} data-testid="add-provider">
          <Plus />
          {t('add')}
        </Button>
      ) : null}
      <Card className="overflow-hidden">
        {providers.isPending ? (
          <Skeleton className="m-3 h-24" />
        ) : providers.isError ? (
          <ErrorState
            error={providers.error}
            title={t('loadFailed')}
            onRetry={() => void providers.refetch()}
          />
        ) : providers.data.length === 0 ? (
          <EmptyState icon={<Waypoints />} title={t('emptyTitle')} description={t('emptyDescription')} />
        ) : (
          <Table data-testid="providers-table">
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
              {providers.data.map((provider) => (
                <TableRow key={provider.id} data-testid={`provider-row-${provider.id}`}>
                  <TableCell className="font-medium">{provider.name}</TableCell>
                  <TableCell>{labelOf(provider.kind)}</TableCell>
                  <TableCell className="font-mono text-xs">
                    {provider.username}
                    {provider.zone ? ` · ${provider.zone}` : ''}
                  </TableCell>
                  <TableCell className="font-mono text-xs">
                    {provider.host}:{provider.port}
                  </TableCell>
                  <TableCell className="max-w-56">
                    {provider.countries.length === 0 ? (
                      <span className="text-xs text-muted-foreground">{t('anyCountry')}</span>
                    ) : (
                      <span className="flex flex-wrap gap-2">
                        {provider.countries.map((country) => (
                          <Country key={country} code={country} />
                        ))}
                      </span>
                    )}
                  </TableCell>
                  <TableCell className="text-xs">
                    {provider.stickyMinutes ? t('minutes', { minutes: provider.stickyMinutes }) : '—'}
                  </TableCell>
                  <TableCell>
                    {canWrite ? (
                      <div className="flex justify-end gap-1">
                        <Button
                          variant="ghost"
                          size="icon"
                          className="size-7"
                          aria-label={t('edit', { name: provider.name })}
                          onClick={() => setForm({ provider })}
                        >
                          <Pencil />
                        </Button>
                        <Button
                          variant="ghost"
                          size="icon"
                          className="size-7 text-destructive"
                          aria-label={t('delete', { name: provider.name })}
                          onClick={() => setDeleting(provider)}
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
      <ProviderFormDialog
        open={form !== null}
        onOpenChange={(open) => (open ? undefined : setForm(null))}
        provider={form?.provider ?? null}
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
