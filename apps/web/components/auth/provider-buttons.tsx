'use client';

import type { AuthOptions } from '@fleetwright/contracts';
import { LoaderCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import { signInSocial } from '@/lib/api/auth-client';
import { errorMessage } from '@/lib/api/client';
import { AcceptableUseText } from './acceptable-use';

/**
 * One button per configured OAuth / OIDC provider. An account created this way gets no checkbox,
 * so the notice sits next to the buttons: continuing accepts it.
 */
export function ProviderButtons({
  providers,
  callbackURL,
}: {
  providers: AuthOptions['providers'];
  /** Where the provider's answer finally lands (a path on this origin). */
  callbackURL: string;
}) {
  const t = useTranslations('auth.providers');
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (providers.length === 0) return null;

  const start = async (provider: string) => {
    setPending(provider);
    setError(null);
    try {
      const { url } = await signInSocial({
        provider,
        callbackURL,
        errorCallbackURL: `/sign-in?next=${encodeURIComponent(callbackURL)}`,
      });
      if (!url) throw new Error(t('noUrl'));
      window.location.assign(url);
    } catch (failure) {
      setError(errorMessage(failure));
      setPending(null);
    }
  };

  return (
    <div className="grid gap-2">
      {providers.map((provider) => (
        <Button
          key={provider.id}
          type="button"
          variant="outline"
          disabled={pending !== null}
          data-testid={`provider-${provider.id}`}
          onClick={() => void start(provider.id)}
        >
          {pending === provider.id ? <LoaderCircle className="animate-spin" /> : null}
          {t('continueWith', { provider: provider.name })}
        </Button>
      ))}
      {error ? <FormAlert>{error}</FormAlert> : null}
      <details className="text-xs text-muted-foreground">
        <summary className="cursor-pointer">{t('acceptNotice')}</summary>
        <div className="pt-2">
          <AcceptableUseText />
        </div>
      </details>
    </div>
  );
}

/** The line between provider buttons and the email form. */
export function OrDivider() {
  const t = useTranslations('auth.providers');
  return (
    <div className="flex items-center gap-3 text-xs text-muted-foreground">
      <span className="h-px flex-1 bg-border" />
      {t('orWithEmail')}
      <span className="h-px flex-1 bg-border" />
    </div>
  );
}
