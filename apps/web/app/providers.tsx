'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ThemeProvider, useTheme } from 'next-themes';
import type * as React from 'react';
import { Toaster } from 'sonner';
import { setApiErrorWords } from '@/lib/api/client';
import { getQueryClient } from '@/lib/api/query-client';
import { THEME_STORAGE_KEY } from '@/lib/preferences';

export function Providers({ children, nonce }: { children: React.ReactNode; nonce?: string }) {
  return (
    <ThemeProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      storageKey={THEME_STORAGE_KEY}
      nonce={nonce}
    >
      <QueryClientProvider client={getQueryClient()}>
        <ApiErrorWords />
        {children}
        <ThemedToaster />
      </QueryClientProvider>
    </ThemeProvider>
  );
}

/** Lets lib/api's errorMessage speak the active language (it is called outside components too). */
function ApiErrorWords() {
  const t = useTranslations('apiErrors');
  // Assigned while rendering, not in an effect: the first failed query may render before effects run.
  // Re-rendered with a new `t` when the language changes.
  setApiErrorWords((code) => (t.has(code as never) ? t(code as never) : undefined));
  return null;
}

function ThemedToaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Toaster
      position="bottom-right"
      richColors
      closeButton
      theme={resolvedTheme === 'dark' ? 'dark' : 'light'}
    />
  );
}
