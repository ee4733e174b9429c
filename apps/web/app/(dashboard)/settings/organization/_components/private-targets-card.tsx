'use client';

import { Network } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

/** The private hosts and ranges the organization may reach; platform administrators set them (admin page). */
export function PrivateTargetsCard({ privateTargets }: { privateTargets: string[] }) {
  const t = useTranslations('organization.privateTargets');
  return (
    <Card data-testid="private-targets">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Network className="size-4" aria-hidden />
          {t('title')}
        </CardTitle>
        <CardDescription>{t('description')}</CardDescription>
      </CardHeader>
      <CardContent>
        {privateTargets.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('none')}</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {privateTargets.map((entry) => (
              <li key={entry}>
                <Badge variant="secondary" className="max-w-full break-all font-mono">
                  {entry}
                </Badge>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
