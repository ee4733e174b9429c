import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type * as React from 'react';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Fleetwright', template: '%s · Fleetwright' },
  description: 'Run, script and watch fleets of real browser sessions.',
};

export const viewport: Viewport = {
  themeColor: '#ffffff',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The server's Content-Security-Policy allows inline scripts only with a nonce that is fresh on
  // every request (Next.js reads it from the request). A page prerendered at build time has
  // inline scripts without one, which the browser refuses: so every page renders per request.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-svh">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
