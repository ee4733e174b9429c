import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type messages from '../messages/en.json';

type PageKey = keyof (typeof messages)['pageTitles'];

/** A page's `generateMetadata`: its <title> in the request's language (`pageTitles` messages). */
export function pageMetadata(page: PageKey): () => Promise<Metadata> {
  return async () => ({ title: (await getTranslations('pageTitles'))(page) });
}
