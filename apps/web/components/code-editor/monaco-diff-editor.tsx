'use client';

import { DiffEditor, loader } from '@monaco-editor/react';
import { useTranslations } from 'next-intl';
import { useTheme } from 'next-themes';
import { cn } from '@/lib/utils';
import type { CodeDiffEditorProps } from './types';

// The same local Monaco as the editor (see monaco-code-editor.tsx); configuring twice is harmless.
loader.config({ paths: { vs: new URL('/monaco/vs', window.location.origin).href } });

export function MonacoDiffEditor({
  original,
  modified,
  language = 'javascript',
  height = 360,
  className,
  testId,
}: CodeDiffEditorProps) {
  const t = useTranslations('codeEditor');
  const { resolvedTheme } = useTheme();
  return (
    <div data-testid={testId} className={cn('overflow-hidden rounded-md border border-input', className)}>
      <DiffEditor
        height={height}
        language={language}
        theme={resolvedTheme === 'dark' ? 'vs-dark' : 'light'}
        original={original}
        modified={modified}
        loading={<span className="text-xs text-muted-foreground">{t('loading')}</span>}
        options={{
          readOnly: true,
          originalEditable: false,
          automaticLayout: true,
          fontSize: 12,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          // Below this width the two columns become one, removed lines above added ones: a phone.
          renderSideBySideInlineBreakpoint: 700,
          useInlineViewWhenSpaceIsLimited: true,
          renderOverviewRuler: false,
        }}
      />
    </div>
  );
}
