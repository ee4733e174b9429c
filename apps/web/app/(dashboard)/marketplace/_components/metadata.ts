import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

/** The marketplace pages' <title>s, from their own namespace (see scripts/_components/metadata.ts). */
export function marketplaceMetadata(page: 'list' | 'script'): () => Promise<Metadata> {
  return async () => {
    const t = await getTranslations('marketplace.pageTitles');
    return { title: t(page) };
  };
}
