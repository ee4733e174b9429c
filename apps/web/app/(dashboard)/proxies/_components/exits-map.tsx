'use client';

import type { ProxyCountry } from '@fleetwright/contracts';
import { useQuery } from '@tanstack/react-query';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { ErrorState } from '@/components/common/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { useProxyCountries } from '@/lib/api/proxies';
import { useCountryName } from './country';
import { useProxyStatusLabel } from './proxy-status-badge';
import { loadCountryShapes } from './world-geography';

const WIDTH = 960;

/** Shading grows with the count on a square-root scale, so one big country does not wash out the rest. */
function shade(count: number, max: number): number {
  return count === 0 ? 0 : 0.25 + 0.75 * Math.sqrt(count / max);
}

/**
 * Where the pool's exits are: each country shaded by how many proxies leave from it, its health
 * in the tooltip; a click filters the table to that country. Offline outlines, no tiles.
 */
export function ExitsMap({
  selected,
  onSelect,
}: {
  selected?: string;
  onSelect: (country: string | undefined) => void;
}) {
  const t = useTranslations('proxies.map');
  const statusLabel = useProxyStatusLabel();
  const nameOf = useCountryName();
  const counts = useProxyCountries();
  const geography = useQuery({
    queryKey: ['world-geography'],
    queryFn: loadCountryShapes,
    staleTime: Number.POSITIVE_INFINITY,
  });

  // Antarctica has no exits and would take a fifth of the height; the rest is fitted to the width.
  const map = useMemo(() => {
    const shapes = (geography.data ?? []).filter((shape) => shape.code !== 'AQ');
    const collection = {
      type: 'FeatureCollection' as const,
      features: shapes.map((shape) => shape.geometry),
    };
    const path = geoPath(geoNaturalEarth1().fitWidth(WIDTH, collection));
    const [, [, bottom]] = path.bounds(collection);
    return {
      height: Math.ceil(bottom),
      paths: shapes.map((shape) => ({ ...shape, d: path(shape.geometry) ?? '' })),
    };
  }, [geography.data]);

  const byCountry = useMemo(
    () =>
      new Map<string, ProxyCountry>(
        (counts.data ?? []).flatMap((entry) => (entry.country ? [[entry.country, entry]] : [])),
      ),
    [counts.data],
  );
  const max = Math.max(1, ...[...byCountry.values()].map((entry) => entry.total));
  const unlocated = counts.data?.find((entry) => entry.country === null)?.total ?? 0;

  if (counts.isError)
    return <ErrorState error={counts.error} title={t('loadFailed')} onRetry={() => void counts.refetch()} />;
  if (!geography.data || !counts.data) return <Skeleton className="aspect-[2/1] max-h-96 w-full" />;

  const describe = (entry: ProxyCountry) =>
    Object.entries(entry.statuses)
      .filter(([, count]) => count > 0)
      .map(([status, count]) => `${statusLabel(status as keyof ProxyCountry['statuses'])}: ${count}`)
      .join(', ');

  return (
    <figure className="grid gap-2">
      <svg
        data-testid="exits-map"
        viewBox={`0 0 ${WIDTH} ${map.height}`}
        role="img"
        aria-label={t('label', { countries: byCountry.size })}
        className="mx-auto h-auto max-h-96 w-full"
      >
        {map.paths.map((shape, index) => {
          const entry = shape.code ? byCountry.get(shape.code) : undefined;
          const name = shape.code ? nameOf(shape.code) : shape.name;
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: the table's country filter does the same by keyboard.
            <path
              // Territories without a code share no key otherwise.
              key={shape.code ?? `${shape.name}-${index}`}
              d={shape.d}
              data-country={shape.code ?? undefined}
              data-count={entry?.total ?? 0}
              className={
                entry
                  ? `cursor-pointer fill-chart-2 stroke-background ${selected === shape.code ? 'stroke-foreground' : ''}`
                  : 'fill-muted stroke-background'
              }
              fillOpacity={entry ? shade(entry.total, max) : 1}
              strokeWidth={selected && selected === shape.code ? 1.5 : 0.5}
              onClick={() =>
                entry && shape.code ? onSelect(selected === shape.code ? undefined : shape.code) : undefined
              }
            >
              <title>
                {entry ? `${name} — ${t('count', { count: entry.total })} (${describe(entry)})` : name}
              </title>
            </path>
          );
        })}
      </svg>
      <figcaption className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground">
        <span className="flex items-center gap-1.5">
          <span className="h-2 w-16 rounded-sm bg-gradient-to-r from-chart-2/25 to-chart-2" />
          {t('legend')}
        </span>
        {unlocated > 0 ? <span>{t('unlocated', { count: unlocated })}</span> : null}
        <span className="ml-auto">{t('attribution')}</span>
      </figcaption>
    </figure>
  );
}
