import type { Metadata, Viewport } from 'next';
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

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-svh">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
