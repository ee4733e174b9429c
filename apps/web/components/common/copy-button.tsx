'use client';

import { Check, Copy } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';

/**
 * Copies `value`. The Clipboard API exists only in secure contexts (HTTPS, localhost); a
 * dashboard opened over plain HTTP on a LAN address falls back to a hidden textarea.
 */
async function copyText(value: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(value);
    return;
  }
  const area = document.createElement('textarea');
  area.value = value;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new CopyRefused();
}

class CopyRefused extends Error {}

export function CopyButton({
  value,
  label,
  ...props
}: { value: string; label?: string } & Omit<React.ComponentProps<typeof Button>, 'onClick' | 'value'>) {
  const t = useTranslations('common');
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      {...props}
      onClick={() =>
        void copyText(value).then(
          () => setCopied(true),
          (error: unknown) =>
            toast.error(
              error instanceof CopyRefused || !(error instanceof Error) ? t('copyRefused') : error.message,
            ),
        )
      }
    >
      {copied ? <Check /> : <Copy />}
      {copied ? t('copied') : (label ?? t('copy'))}
    </Button>
  );
}
