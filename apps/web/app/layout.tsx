import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type * as React from 'react';
import { cspNonce } from '@/i18n/nonce';
import { Providers } from './providers';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return {
    title: { default: 'Fleetwright', template: '%s · Fleetwright' },
    description: t('description'),
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#09090b' },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The server's Content-Security-Policy allows inline scripts only with a nonce that is fresh on
  // every request (Next.js reads it from the request). A page prerendered at build time has
  // inline scripts without one, which the browser refuses: so every page renders per request.
  await connection();
  const locale = await getLocale();
  return (
    // next-themes sets the class on <html> before React hydrates (no flash of the wrong theme).
    <html lang={locale} suppressHydrationWarning>
      <body className="min-h-svh">
        <NextIntlClientProvider>
          <Providers nonce={await cspNonce()}>{children}</Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
