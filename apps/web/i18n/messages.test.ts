import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLocale, locales, negotiateLocale } from './locales';
import { placeholders } from './placeholders';

type Messages = { [key: string]: string | Messages };

function load(locale: string): Messages {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'messages', `${locale}.json`), 'utf8'));
}

/** Every message as `namespace.key` → text. */
function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(name, value);
    else for (const [inner, text] of flatten(value, name)) flat.set(inner, text);
  }
  return flat;
}

const all = new Map(locales.map((locale) => [locale, flatten(load(locale))]));
const reference = all.get(defaultLocale)!;

describe('messages', () => {
  for (const locale of locales) {
    if (locale === defaultLocale) continue;
    const messages = all.get(locale)!;

    it(`has every ${defaultLocale} message in ${locale}, and nothing more`, () => {
      expect(
        [...reference.keys()].filter((key) => !messages.has(key)),
        'missing',
      ).toEqual([]);
      expect(
        [...messages.keys()].filter((key) => !reference.has(key)),
        'not in English',
      ).toEqual([]);
    });

    it(`uses the same placeholders and tags in ${locale} as in ${defaultLocale}`, () => {
      const differ = [...reference]
        .filter(([key]) => messages.has(key))
        .map(([key, text]) => ({
          key,
          reference: placeholders(text),
          translated: placeholders(messages.get(key)!),
        }))
        .filter((entry) => entry.reference.join() !== entry.translated.join());
      expect(differ).toEqual([]);
    });
  }

  it('has no empty message', () => {
    const empty = [...all].flatMap(([locale, messages]) =>
      [...messages].filter(([, text]) => !text.trim()).map(([key]) => `${locale}: ${key}`),
    );
    expect(empty).toEqual([]);
  });
});

describe('placeholders', () => {
  it('names arguments with their type, plural branches included, and rich-text tags', () => {
    expect(placeholders('{count, plural, one {# key for {name}} other {# keys}} <link>open</link>')).toEqual([
      '<link>',
      'count:plural',
      'name',
    ]);
    expect(placeholders("It's '{not}' an argument, {first, number}")).toEqual(['first:number']);
  });

  it('fails on unbalanced braces', () => {
    expect(() => placeholders('{name')).toThrow();
  });
});

describe('negotiateLocale', () => {
  it('picks the best offered language from Accept-Language', () => {
    expect(negotiateLocale('pt-BR,pt;q=0.9,en;q=0.8')).toBe('pt-BR');
    expect(negotiateLocale('pt-PT')).toBe('pt-BR');
    expect(negotiateLocale('es-MX,es;q=0.9')).toBe('es');
    expect(negotiateLocale('fr-FR,fr;q=0.9,es;q=0.5,en;q=0.4')).toBe('es');
    expect(negotiateLocale('en;q=0.2,es;q=0.9')).toBe('es');
  });

  it('falls back to English for an unknown or missing language', () => {
    expect(negotiateLocale('de-DE')).toBe('en');
    expect(negotiateLocale('')).toBe('en');
    expect(negotiateLocale(null)).toBe('en');
  });
});
