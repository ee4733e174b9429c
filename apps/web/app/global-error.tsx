'use client';

import './globals.css';

/** Last resort when the root layout itself fails; it replaces the whole document. */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="flex min-h-svh flex-col items-center justify-center gap-3 p-6 text-center">
        <h1 className="text-lg font-semibold">Fleetwright could not start</h1>
        <p className="text-sm text-muted-foreground">
          An unexpected error stopped the dashboard from rendering.
        </p>
        <button
          type="button"
          onClick={() => retry()}
          className="h-8 rounded-md border px-3 text-sm font-medium hover:bg-accent"
        >
          Try again
        </button>
      </body>
    </html>
  );
}
