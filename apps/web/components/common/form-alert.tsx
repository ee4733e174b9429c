import { CircleCheck, Info, TriangleAlert } from 'lucide-react';
import type * as React from 'react';
import { cn } from '@/lib/utils';

const ICONS = { error: TriangleAlert, info: Info, success: CircleCheck };

/** A message above or below a form: the server's answer, or what happens next. */
export function FormAlert({
  tone = 'error',
  children,
  className,
  ...props
}: { tone?: 'error' | 'info' | 'success'; children: React.ReactNode } & React.ComponentProps<'div'>) {
  const Icon = ICONS[tone];
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={tone === 'error' ? 'form-error' : undefined}
      className={cn(
        'flex items-start gap-2 rounded-md border px-3 py-2 text-sm',
        tone === 'error' && 'border-destructive/30 bg-destructive/5 text-destructive',
        tone === 'info' && 'bg-muted/50 text-foreground',
        tone === 'success' &&
          'border-emerald-600/30 bg-emerald-50 text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200',
        className,
      )}
      {...props}
    >
      <Icon className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 space-y-1">{children}</div>
    </div>
  );
}
