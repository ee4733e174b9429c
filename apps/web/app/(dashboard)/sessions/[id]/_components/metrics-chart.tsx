'use client';

import type { SessionMetric } from '@fleetwright/contracts';
import { Activity } from 'lucide-react';
import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useSessionMetrics } from '@/lib/api/sessions';
import { formatClock, toMegabytes } from '@/lib/format';

interface Point {
  t: number;
  cpu: number;
  rss: number;
  heap: number;
}

const SERIES = [
  { key: 'cpu', name: 'CPU %', axis: 'percent', color: 'var(--chart-1)' },
  { key: 'rss', name: 'RSS MB', axis: 'megabytes', color: 'var(--chart-2)' },
  { key: 'heap', name: 'JS heap MB', axis: 'megabytes', color: 'var(--chart-3)' },
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
  const metrics = useSessionMetrics(sessionId);
  const points = useMemo(() => (metrics.data ?? []).map(toPoint), [metrics.data]);
  const latest = points.at(-1);

  return (
    <Card data-testid="metrics-panel" className="overflow-hidden">
      <CardHeader>
        <CardTitle>Metrics</CardTitle>
        <CardDescription>
          {latest
            ? `Now: ${latest.cpu}% CPU · ${latest.rss} MB RSS · ${latest.heap} MB JS heap`
            : 'CPU, memory and JS heap, sampled every 5 s'}
        </CardDescription>
      </CardHeader>
      <div className="h-60 px-2 py-3">
        {metrics.isPending ? (
          <Skeleton className="h-full w-full" />
        ) : metrics.isError ? (
          <ErrorState
            error={metrics.error}
            title="Could not load metrics"
            onRetry={() => void metrics.refetch()}
          />
        ) : points.length === 0 ? (
          <EmptyState
            icon={<Activity />}
            title="No samples yet"
            description="Metrics arrive every 5 seconds while the session runs."
          />
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                tickFormatter={(value: number) => formatClock(value)}
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
                labelFormatter={(value) => formatClock(Number(value))}
                contentStyle={{
                  fontSize: 12,
                  borderRadius: 6,
                  border: '1px solid var(--border)',
                  background: 'var(--popover)',
                }}
              />
              <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
              {SERIES.map((series) => (
                <Line
                  key={series.key}
                  yAxisId={series.axis}
                  type="monotone"
                  dataKey={series.key}
                  name={series.name}
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
