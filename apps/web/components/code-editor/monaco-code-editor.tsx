'use client';

import Editor, { loader, useMonaco } from '@monaco-editor/react';
import { useTranslations } from 'next-intl';
import { useTheme } from 'next-themes';
import { useEffect, useState } from 'react';
import { Textarea } from '@/components/ui/textarea';
import { cn } from '@/lib/utils';
import type { CodeEditorProps, ExtraLib } from './types';

// Load Monaco from our own origin (app/monaco/vs/[...path]/route.ts), never from a CDN.
// This module is only imported in the browser (next/dynamic, ssr: false), before any Editor renders.
// The URL must be absolute: Monaco's web workers start from a blob and have no base URL to resolve against.
loader.config({ paths: { vs: new URL('/monaco/vs', window.location.origin).href } });

export function MonacoCodeEditor({
  value,
  onChange,
  onBlur,
  language = 'javascript',
  height = 240,
  ariaLabel,
  invalid,
  className,
  testId,
  readOnly = false,
  extraLibs,
  functionBody = false,
}: CodeEditorProps) {
  const t = useTranslations('codeEditor');
  // Monaco draws its own colours: its built-in dark theme on the dashboard's dark theme.
  const { resolvedTheme } = useTheme();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const init = loader.init();
    init.catch((error: unknown) => {
      // A cancelled init (unmount) is not a failure.
      if ((error as { type?: string } | null)?.type !== 'cancelation') setFailed(true);
    });
    return () => init.cancel();
  }, []);
  useJavaScriptSetup(extraLibs, functionBody);

  if (failed) {
    // Monaco could not load (blocked, offline): a plain textarea still edits the same value.
    return (
      <Textarea
        data-testid={testId}
        aria-label={ariaLabel}
        aria-invalid={invalid || undefined}
        spellCheck={false}
        readOnly={readOnly}
        className={cn('font-mono text-xs', className)}
        style={{ height }}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
      />
    );
  }

  return (
    <div
      data-testid={testId}
      aria-invalid={invalid || undefined}
      className={cn(
        'overflow-hidden rounded-md border border-input shadow-xs focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50 aria-invalid:border-destructive',
        className,
      )}
    >
      <Editor
        height={height}
        language={language}
        theme={resolvedTheme === 'dark' ? 'vs-dark' : 'light'}
        value={value}
        onChange={(next) => onChange(next ?? '')}
        onMount={(editor) => {
          editor.onDidBlurEditorText(() => onBlur?.());
        }}
        loading={<span className="text-xs text-muted-foreground">{t('loading')}</span>}
        options={{
          ariaLabel,
          readOnly,
          domReadOnly: readOnly,
          automaticLayout: true,
          fontSize: 12,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          tabSize: 2,
          wordWrap: 'on',
          renderLineHighlight: 'none',
          overviewRulerLanes: 0,
          padding: { top: 8, bottom: 8 },
        }}
      />
    </div>
  );
}

/**
 * TypeScript diagnostics that a function body triggers but that are fine in one: "A 'return'
 * statement can only be used within a function body" and top-level `await` outside a module.
 */
const FUNCTION_BODY_DIAGNOSTICS = [1108, 1375, 1378];

/**
 * JavaScript's language service is shared by every Monaco editor of the page: what one editor
 * adds (declarations, ignored diagnostics) is taken back when it unmounts.
 */
function useJavaScriptSetup(extraLibs: readonly ExtraLib[] | undefined, functionBody: boolean) {
  const monaco = useMonaco();
  useEffect(() => {
    if (!monaco || !extraLibs?.length) return;
    const defaults = monaco.languages.typescript.javascriptDefaults;
    const added = extraLibs.map((lib) => defaults.addExtraLib(lib.content, lib.filePath));
    return () => {
      for (const disposable of added) disposable.dispose();
    };
  }, [monaco, extraLibs]);
  useEffect(() => {
    if (!monaco || !functionBody) return;
    const defaults = monaco.languages.typescript.javascriptDefaults;
    const before = defaults.getDiagnosticsOptions();
    defaults.setDiagnosticsOptions({
      ...before,
      diagnosticCodesToIgnore: [...(before.diagnosticCodesToIgnore ?? []), ...FUNCTION_BODY_DIAGNOSTICS],
    });
    return () => defaults.setDiagnosticsOptions(before);
  }, [monaco, functionBody]);
}
