import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';

/**
 * The hues status badges use, the same in both themes (the dark variants darken the fill and
 * lighten the text): slate not known yet, sky on its way, emerald works, amber wobbles or winds
 * down, zinc at rest, red failed, ink set aside by hand.
 */
const TONES = {
  slate: {
    badge:
      'border-slate-200 bg-slate-50 text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300',
    dot: 'bg-slate-400',
  },
  sky: {
    badge: 'border-sky-200 bg-sky-50 text-sky-700 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-300',
    dot: 'bg-sky-500',
  },
  emerald: {
    badge:
      'border-emerald-200 bg-emerald-50 text-emerald-700 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
    dot: 'bg-emerald-500',
  },
  amber: {
    badge:
      'border-amber-200 bg-amber-50 text-amber-700 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-300',
    dot: 'bg-amber-500',
  },
  zinc: {
    badge:
      'border-zinc-200 bg-zinc-100 text-zinc-600 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
    dot: 'bg-zinc-400',
  },
  red: {
    badge: 'border-red-200 bg-red-50 text-red-700 dark:border-red-800 dark:bg-red-950 dark:text-red-300',
    dot: 'bg-red-500',
  },
  ink: {
    badge:
      'border-zinc-300 bg-zinc-100 text-zinc-700 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-200',
    dot: 'bg-zinc-900 dark:bg-zinc-100',
  },
} as const;
export type BadgeTone = keyof typeof TONES;

/** A small status badge: a coloured dot (pulsing while something is under way) and a label. */
export function ToneBadge({
  tone,
  pulse = false,
  className,
  children,
  ...data
}: {
  tone: BadgeTone;
  pulse?: boolean;
  className?: string;
  children: ReactNode;
  'data-testid'?: string;
  'data-status'?: string;
}) {
  return (
    <span
      {...data}
      className={cn(
        'inline-flex w-fit items-center gap-1.5 whitespace-nowrap rounded-md border px-1.5 py-0.5 text-xs font-medium',
        TONES[tone].badge,
        className,
      )}
    >
      <span aria-hidden className={cn('size-1.5 rounded-full', TONES[tone].dot, pulse && 'animate-pulse')} />
      {children}
    </span>
  );
}
