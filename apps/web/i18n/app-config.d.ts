import type messages from '../messages/en.json';
import type { Locale } from './locales';

// English is the reference: a key the pages use but en.json lacks fails the typecheck, and
// messages.test.ts checks that the other languages have the same keys and placeholders.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
