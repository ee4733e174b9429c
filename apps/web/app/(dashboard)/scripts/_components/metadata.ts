import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

/**
 * The scripts pages' <title>s, from their own `scripts.pageTitles` messages rather than the shared
 * `pageTitles` (other pages of issue 11 add theirs there at the same time).
 */
export function scriptsMetadata(page: 'library' | 'editor'): () => Promise<Metadata> {
  return async () => {
    const t = await getTranslations('scripts.pageTitles');
    return { title: t(page) };
  };
}
