'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect } from 'react';
import { type ListPatch, type ListUrl, PendingQueries } from './list-query';

export type { ListUrl } from './list-query';

/**
 * One per list, kept outside the component: a view mounted anew while a change is on its way
 * (a page is rendered again for a new query) must still build on what was asked for.
 */
const pendingByPath = new Map<string, PendingQueries>();

function pendingOf(pathname: string): PendingQueries {
  let pending = pendingByPath.get(pathname);
  if (!pending) {
    pending = new PendingQueries();
    pendingByPath.set(pathname, pending);
  }
  return pending;
}

/**
 * A list's page and filters, read from the URL, and `setParams` to change them there
 * (shareable, back-button safe). Changes in quick succession all land: see `PendingQueries`.
 */
export function useListParams<P>(url: ListUrl<P>): {
  params: P;
  setParams: (patch: ListPatch<P>) => void;
} {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const pending = pendingOf(pathname);
  const shown = searchParams.toString();
  useEffect(() => pending.shown(shown), [pending, shown]);

  const setParams = (patch: ListPatch<P>) => {
    // The live address, not this render's copy: a debounced input commits from an older render.
    const next = url.patch(pending.base(window.location.search), patch);
    pending.ask(next);
    router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
  };
  return { params: url.parse(searchParams), setParams };
}
