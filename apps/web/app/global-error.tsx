'use client';

import './globals.css';

/**
 * Last resort when the root layout itself fails; it replaces the whole document, so no i18n
 * provider is left: the few words come in each language from the browser's preference.
 */
const TEXT = {
  en: {
    title: 'Fleetwright could not start',
    body: 'An unexpected error stopped the dashboard from rendering.',
    retry: 'Try again',
  },
  pt: {
    title: 'O Fleetwright não conseguiu iniciar',
    body: 'Um erro inesperado impediu o painel de ser exibido.',
    retry: 'Tentar de novo',
  },
  es: {
    title: 'Fleetwright no pudo iniciarse',
    body: 'Un error inesperado impidió mostrar el panel.',
    retry: 'Reintentar',
  },
} as const;

function browserLanguage(): keyof typeof TEXT {
  const language = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2);
  return language === 'pt' || language === 'es' ? language : 'en';
}

export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  const language = browserLanguage();
  const text = TEXT[language];
  return (
    <html lang={language}>
      <body className="flex min-h-svh flex-col items-center justify-center gap-3 p-6 text-center">
        <h1 className="text-lg font-semibold">{text.title}</h1>
        <p className="text-sm text-muted-foreground">{text.body}</p>
        <button
          type="button"
          onClick={() => retry()}
          className="h-8 rounded-md border px-3 text-sm font-medium hover:bg-accent"
        >
          {text.retry}
        </button>
      </body>
    </html>
  );
}
