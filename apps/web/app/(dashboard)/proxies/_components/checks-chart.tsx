'use client';

import type { ProxyCheck } from '@fleetwright/contracts';
import { Activity } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { useProxyChecks } from '@/lib/api/proxies';
import { useFormat } from '@/lib/hooks/use-format';

interface Point {
  t: number;
  /** Failed checks sit on the axis: they have no latency. */
  latency: number;
  error: string | null;
}

function toPoints(checks: ProxyCheck[], ok: boolean): Point[] {
  return checks
    .filter((check) => check.ok === ok)
    .map((check) => ({ t: Date.parse(check.at), latency: check.latencyMs ?? 0, error: check.error }));
}

/** Each check of the window: latency of the successful ones, failures as red marks on the axis. */
export function ChecksChart({ proxyId, hours }: { proxyId: string; hours: number }) {
  const t = useTranslations('proxies.drawer.checks');
  const format = useFormat();
  const checks = useProxyChecks(proxyId, hours);
  const [ok, failed] = useMemo(() => {
    const list = checks.data?.checks ?? [];
    return [toPoints(list, true), toPoints(list, false)];
  }, [checks.data]);

  if (checks.isPending) return <Skeleton className="h-48 w-full" />;
  if (checks.isError) {
    return <ErrorState error={checks.error} title={t('loadFailed')} onRetry={() => void checks.refetch()} />;
  }
  const { successRate, meanLatencyMs } = checks.data;
  return (
    <div data-testid="checks-chart" className="grid gap-2">
      <p className="text-xs text-muted-foreground">
        {successRate === null
          ? t('none')
          : t('summary', {
              count: ok.length + failed.length,
              rate: successRate,
              latency: meanLatencyMs ?? 0,
            })}
      </p>
      {ok.length + failed.length === 0 ? (
        <EmptyState icon={<Activity />} title={t('empty')} description={t('emptyDescription')} />
      ) : (
        <div className="h-48">
          <ResponsiveContainer width="100%" height="100%">
            <ScatterChart margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                tickFormatter={(value: number) => format.clock(value)}
                tick={{ fontSize: 11, fill: 'var(--muted-foreground)' }}
                stroke="var(--border)"
                minTickGap={40}
              />
              <YAxis
                dataKey="latency"
                unit=" ms"
                width={60}
                tick={{ fontSize: 11, fill: 'var(--muted-foreground)' }}
                stroke="var(--border)"
                allowDecimals={false}
              />
              <Tooltip
                cursor={false}
                labelFormatter={() => ''}
                formatter={(value, name) => [
                  name === 't' ? format.dateTime(new Date(Number(value)).toISOString()) : value,
                  name === 't' ? t('at') : t('latency'),
                ]}
                contentStyle={{
                  fontSize: 12,
                  borderRadius: 6,
                  border: '1px solid var(--border)',
                  background: 'var(--popover)',
                  color: 'var(--popover-foreground)',
                }}
              />
              <Scatter name={t('succeeded')} data={ok} fill="var(--chart-2)" isAnimationActive={false} />
              <Scatter
                name={t('failed')}
                data={failed}
                fill="var(--destructive)"
                shape="cross"
                isAnimationActive={false}
              />
            </ScatterChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
