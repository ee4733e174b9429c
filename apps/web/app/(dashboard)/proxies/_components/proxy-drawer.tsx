'use client';

import { formatProxyHost, type PoolProxy } from '@fleetwright/contracts';
import { Ban, CircleCheck, Pencil, ShieldCheck } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Sheet, SheetContent, SheetTitle } from '@/components/ui/sheet';
import { Tabs, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { useSetBlacklisted } from '@/lib/api/proxies';
import { useFormat } from '@/lib/hooks/use-format';
import { ChecksChart } from './checks-chart';
import { useCountryName } from './country';
import { ProxyStatusBadge } from './proxy-status-badge';

/** Windows of the check history, in hours. */
const WINDOWS = [24, 168] as const;

/** One proxy in a drawer at the right: what the checks found, and its check history. */
export function ProxyDrawer({
  proxy,
  onClose,
  onEdit,
  onValidate,
  canWrite,
}: {
  proxy: PoolProxy | null;
  onClose: () => void;
  onEdit: (proxy: PoolProxy) => void;
  onValidate: (proxy: PoolProxy) => void;
  canWrite: boolean;
}) {
  return (
    <Sheet open={proxy !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <SheetContent
        side="right"
        data-testid="proxy-drawer"
        aria-describedby={undefined}
        className="w-full max-w-full overflow-y-auto bg-background text-foreground sm:w-[30rem] sm:max-w-[30rem]"
      >
        {proxy ? (
          <ProxyDetails proxy={proxy} onEdit={onEdit} onValidate={onValidate} canWrite={canWrite} />
        ) : null}
      </SheetContent>
    </Sheet>
  );
}

function ProxyDetails({
  proxy,
  onEdit,
  onValidate,
  canWrite,
}: {
  proxy: PoolProxy;
  onEdit: (proxy: PoolProxy) => void;
  onValidate: (proxy: PoolProxy) => void;
  canWrite: boolean;
}) {
  const t = useTranslations('proxies.drawer');
  const tc = useTranslations('common');
  const format = useFormat();
  const nameOf = useCountryName();
  const blacklist = useSetBlacklisted();
  const [hours, setHours] = useState<number>(WINDOWS[0]);
  const host = formatProxyHost(proxy.host);
  const blacklisted = proxy.status === 'BLACKLISTED';
  const yesNo = (value: boolean | null) => (value === null ? '—' : value ? tc('yes') : tc('no'));
  const place = [proxy.city, proxy.region, proxy.country ? nameOf(proxy.country) : null]
    .filter(Boolean)
    .join(', ');

  const fields: [string, React.ReactNode][] = [
    [t('protocol'), proxy.protocol.toUpperCase()],
    [t('username'), proxy.username ?? '—'],
    [t('password'), proxy.hasPassword ? t('passwordSet') : t('passwordNone')],
    [t('tags'), proxy.tags.length > 0 ? proxy.tags.join(', ') : '—'],
    [
      t('exitIp'),
      // The dash outside the monospace font, like the other empty fields (there it looks like –).
      proxy.exitIp === null ? (
        '—'
      ) : (
        <span key="ip" className="font-mono">
          {proxy.exitIp}
        </span>
      ),
    ],
    [t('location'), place || '—'],
    [t('asn'), proxy.asn === null ? '—' : `AS${proxy.asn}`],
    [t('anonymity'), proxy.anonymity ? t(`anonymities.${proxy.anonymity}`) : '—'],
    [t('connect'), yesNo(proxy.supportsConnect)],
    [t('latency'), proxy.latencyMs === null ? '—' : t('milliseconds', { value: proxy.latencyMs })],
    [t('successRate'), proxy.successRate === null ? '—' : t('percent', { value: proxy.successRate })],
    [t('lastChecked'), format.dateTime(proxy.lastCheckedAt)],
    [t('lastUsed'), format.dateTime(proxy.lastUsedAt)],
    [t('sessionsUsing'), proxy.sessionsUsing],
    [t('added'), format.dateTime(proxy.createdAt)],
  ];

  return (
    <div className="grid gap-5 p-5">
      <div className="grid gap-2 pr-8">
        <SheetTitle className="not-sr-only break-all font-mono text-base font-semibold">
          {host}:{proxy.port}
        </SheetTitle>
        <ProxyStatusBadge status={proxy.status} />
      </div>
      {canWrite ? (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="outline" onClick={() => onEdit(proxy)}>
            <Pencil />
            {t('edit')}
          </Button>
          <Button size="sm" variant="outline" disabled={blacklisted} onClick={() => onValidate(proxy)}>
            <ShieldCheck />
            {t('validate')}
          </Button>
          <Button
            size="sm"
            variant="outline"
            disabled={blacklist.isPending}
            onClick={() =>
              blacklist.mutate(
                { ids: [proxy.id], blacklisted: !blacklisted },
                {
                  onSuccess: ({ failed }) =>
                    failed === 0
                      ? toast.success(blacklisted ? t('unblacklisted') : t('blacklisted'))
                      : toast.error(t('blacklistFailed')),
                },
              )
            }
          >
            {blacklisted ? <CircleCheck /> : <Ban />}
            {blacklisted ? t('unblacklist') : t('blacklist')}
          </Button>
        </div>
      ) : null}
      <dl className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-1.5 text-sm">
        {fields.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </div>
        ))}
      </dl>
      <section className="grid gap-2">
        <div className="flex items-center justify-between gap-2">
          <h3 className="text-sm font-semibold">{t('history')}</h3>
          <Tabs value={String(hours)} onValueChange={(value) => setHours(Number(value))}>
            <TabsList>
              {WINDOWS.map((window) => (
                <TabsTrigger key={window} value={String(window)}>
                  {t('window', { hours: window })}
                </TabsTrigger>
              ))}
            </TabsList>
          </Tabs>
        </div>
        <ChecksChart proxyId={proxy.id} hours={hours} />
      </section>
    </div>
  );
}
