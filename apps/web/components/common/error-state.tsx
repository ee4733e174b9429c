import { TriangleAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { Button } from '@/components/ui/button';
import { errorMessage, isApiError } from '@/lib/api/client';
import { cn } from '@/lib/utils';

/** Inline failure panel for a query; `onRetry` refetches. */
export function ErrorState({
  error,
  title,
  onRetry,
  className,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  className?: string;
}) {
  const t = useTranslations('errors');
  const hint = isApiError(error) && error.status === 0 ? t('apiUnreachable') : errorMessage(error);
  return (
    <div
      role="alert"
      className={cn(
        'flex flex-col items-center justify-center gap-2 px-6 py-10 text-center text-sm text-muted-foreground',
        className,
      )}
    >
      <TriangleAlert className="size-5 text-destructive" />
      <p className="font-medium text-foreground">{title ?? t('loadFailed')}</p>
      <p className="max-w-md">{hint}</p>
      {isApiError(error) && error.code && error.status !== 0 ? (
        <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{error.code}</code>
      ) : null}
      {onRetry ? (
        <Button variant="outline" size="sm" className="mt-2" onClick={onRetry}>
          {t('tryAgain')}
        </Button>
      ) : null}
    </div>
  );
}

export function EmptyState({
  icon,
  title,
  description,
  action,
  className,
}: {
  icon?: React.ReactNode;
  title: string;
  description?: React.ReactNode;
  action?: React.ReactNode;
  className?: string;
}) {
  return (
    <div
      className={cn(
        'flex flex-col items-center justify-center gap-2 px-6 py-12 text-center text-sm text-muted-foreground',
        className,
      )}
    >
      {icon ? <div className="mb-1 text-muted-foreground [&_svg]:size-6">{icon}</div> : null}
      <p className="font-medium text-foreground">{title}</p>
      {description ? <p className="max-w-md">{description}</p> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}
