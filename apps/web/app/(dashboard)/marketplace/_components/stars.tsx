'use client';

import { Star } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { cn } from '@/lib/utils';

const STARS = [1, 2, 3, 4, 5] as const;

/** An average rating as five stars, filled to the nearest half, with the number of ratings. */
export function RatingStars({ average, count }: { average: number | null; count: number }) {
  const t = useTranslations('marketplace.rating');
  const rounded = average === null ? 0 : Math.round(average * 2) / 2;
  return (
    <span
      className="inline-flex items-center gap-1 text-xs text-muted-foreground"
      title={average === null ? t('none') : t('average', { average, count })}
      data-testid="rating-average"
    >
      <span className="inline-flex" aria-hidden>
        {STARS.map((star) => (
          <Star
            key={star}
            className={cn(
              'size-3.5',
              star <= rounded
                ? 'fill-amber-400 text-amber-400'
                : star - 0.5 === rounded
                  ? 'fill-amber-400/50 text-amber-400'
                  : 'text-muted-foreground/40',
            )}
          />
        ))}
      </span>
      <span className="sr-only">{average === null ? t('none') : t('average', { average, count })}</span>
      <span aria-hidden>{average === null ? '—' : `${average.toFixed(1)} (${count})`}</span>
    </span>
  );
}

/** The caller's own rating, 1 to 5: five toggle buttons drawn as stars, the chosen one pressed. */
export function RateStars({
  value,
  onRate,
  disabled = false,
}: {
  value: number | null;
  onRate: (stars: number) => void;
  disabled?: boolean;
}) {
  const t = useTranslations('marketplace.rating');
  const [hovered, setHovered] = useState<number | null>(null);
  const shown = hovered ?? value ?? 0;
  return (
    <fieldset
      className="inline-flex items-center"
      data-testid="rate-stars"
      onMouseLeave={() => setHovered(null)}
    >
      <legend className="sr-only">{t('yours')}</legend>
      {STARS.map((star) => (
        <button
          key={star}
          type="button"
          aria-pressed={value === star}
          aria-label={t('stars', { count: star })}
          disabled={disabled}
          onMouseEnter={() => setHovered(star)}
          onClick={() => onRate(star)}
          className="rounded p-0.5 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50"
        >
          <Star
            className={cn(
              'size-5',
              star <= shown ? 'fill-amber-400 text-amber-400' : 'text-muted-foreground/50',
            )}
          />
        </button>
      ))}
    </fieldset>
  );
}
