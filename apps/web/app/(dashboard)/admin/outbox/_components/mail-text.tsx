'use client';

import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { CopyButton } from '@/components/common/copy-button';

/** http(s) URLs, without the sentence punctuation that often follows one. */
const URL_PATTERN = /https?:\/\/[^\s<>"'`]*[^\s<>"'`.,;:!?)\]]/g;

export function linksIn(text: string): string[] {
  return [...new Set(text.match(URL_PATTERN) ?? [])];
}

/** A plain-text mail as written, its links clickable, and each link once more with a copy button. */
export function MailText({ text }: { text: string }) {
  const t = useTranslations('outbox');
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a
        key={start}
        href={match[0]}
        target="_blank"
        rel="noreferrer"
        data-testid="mail-link"
        className="break-all text-primary underline underline-offset-2"
      >
        {match[0]}
      </a>,
    );
    last = start + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  const links = linksIn(text);
  return (
    <div className="grid gap-3">
      <pre className="whitespace-pre-wrap break-words rounded-md bg-muted/50 p-3 font-sans text-sm">
        {parts}
      </pre>
      {links.length > 0 ? (
        <div className="grid gap-1.5">
          <p className="text-xs text-muted-foreground">{t('linkWarning')}</p>
          {links.map((link) => (
            <div key={link} className="flex items-center gap-2">
              <code
                className="min-w-0 flex-1 truncate rounded border px-2 py-1 font-mono text-xs"
                title={link}
              >
                {link}
              </code>
              <CopyButton value={link} label={t('copyLink')} />
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
