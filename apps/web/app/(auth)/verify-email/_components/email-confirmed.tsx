'use client';

import { ArrowRight } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { AuthCard } from '@/components/auth/auth-card';
import { Button } from '@/components/ui/button';

/** Long enough to read the title, short enough not to wait for; the button skips it. */
const CONTINUE_AFTER_MS = 2_000;

/**
 * The link worked: the address is confirmed and this browser signed in (better-auth's
 * autoSignInAfterVerification). A link opened a second time, or in another browser, also lands
 * here but signs nobody in; `next` then sends the person through the sign-in page, as any
 * dashboard page does for a visitor.
 */
export function EmailConfirmed({ next }: { next: string }) {
  const t = useTranslations('auth.verifyEmail');
  // Full navigation, as after a sign-in: the dashboard starts with a fresh cache, socket and CSRF token.
  useEffect(() => {
    const timer = window.setTimeout(() => window.location.assign(next), CONTINUE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [next]);

  return (
    <AuthCard
      data-testid="email-confirmed"
      title={t('confirmedTitle')}
      description={t('confirmedDescription')}
    >
      <Button asChild>
        <a href={next}>
          {t('continue')}
          <ArrowRight />
        </a>
      </Button>
    </AuthCard>
  );
}
