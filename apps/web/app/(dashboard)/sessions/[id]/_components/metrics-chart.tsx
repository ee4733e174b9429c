'use client';

import type { SessionMetric } from '@fleetwright/contracts';
import { Activity } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useSessionMetrics } from '@/lib/api/sessions';
import { toMegabytes } from '@/lib/format';
import { useFormat } from '@/lib/hooks/use-format';

interface Point {
  t: number;
  cpu: number;
  rss: number;
  heap: number;
}

// Colours are theme tokens (globals.css), so the lines stay legible on light and dark cards.
const SERIES = [
  { key: 'cpu', axis: 'percent', color: 'var(--chart-1)' },
  { key: 'rss', axis: 'megabytes', color: 'var(--chart-2)' },
  { key: 'heap', axis: 'megabytes', color: 'var(--chart-3)' },
] as const;

function toPoint(metric: SessionMetric): Point {
  return {
    t: Date.parse(metric.at),
    cpu: Math.round(metric.cpuPercent * 10) / 10,
    rss: toMegabytes(metric.rssBytes),
    heap: toMegabytes(metric.jsHeapBytes),
  };
}

/** CPU, resident memory and JS heap over the last half hour; live samples arrive every 5 s. */
export function MetricsChart({ sessionId }: { sessionId: string }) {
  const t = useTranslations('sessions.metrics');
  const format = useFormat();
  const metrics = useSessionMetrics(sessionId);
  const points = useMemo(() => (metrics.data ?? []).map(toPoint), [metrics.data]);
  const latest = points.at(-1);

  return (
    <Card data-testid="metrics-panel" className="overflow-hidden">
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <CardDescription>
          {latest ? t('now', { cpu: latest.cpu, rss: latest.rss, heap: latest.heap }) : t('description')}
        </CardDescription>
      </CardHeader>
      <div className="h-60 px-2 py-3">
        {metrics.isPending ? (
          <Skeleton className="h-full w-full" />
        ) : metrics.isError ? (
          <ErrorState error={metrics.error} title={t('loadFailed')} onRetry={() => void metrics.refetch()} />
        ) : points.length === 0 ? (
          <EmptyState icon={<Activity />} title={t('empty')} description={t('emptyDescription')} />
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
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
                yAxisId="percent"
                unit="%"
                width={44}
                tick={{ fontSize: 11, fill: 'var(--muted-foreground)' }}
                stroke="var(--border)"
                allowDecimals={false}
              />
              <YAxis
                yAxisId="megabytes"
                orientation="right"
                unit=" MB"
                width={64}
                tick={{ fontSize: 11, fill: 'var(--muted-foreground)' }}
                stroke="var(--border)"
                allowDecimals={false}
              />
              <Tooltip
                labelFormatter={(value) => format.clock(Number(value))}
                contentStyle={{
                  fontSize: 12,
                  borderRadius: 6,
                  border: '1px solid var(--border)',
                  background: 'var(--popover)',
                  color: 'var(--popover-foreground)',
                }}
              />
              <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
              {SERIES.map((series) => (
                <Line
                  key={series.key}
                  yAxisId={series.axis}
                  type="monotone"
                  dataKey={series.key}
                  name={t(`series.${series.key}`)}
                  stroke={series.color}
                  strokeWidth={1.5}
                  dot={false}
                  // Live data: animating every new sample makes the lines wobble.
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </Card>
  );
}
