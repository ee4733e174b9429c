'use client';

import dynamic from 'next/dynamic';
import { Skeleton } from '@/components/ui/skeleton';
import type { CodeDiffEditorProps, CodeEditorProps } from './types';

/** Monaco touches `window` on import: load it in the browser only, after hydration. */
export const CodeEditor = dynamic<CodeEditorProps>(
  () => import('./monaco-code-editor').then((module) => module.MonacoCodeEditor),
  {
    ssr: false,
    loading: () => <Skeleton className="h-60 w-full" />,
  },
);

/** Two texts side by side (inline when narrow), changes marked; read-only. */
export const CodeDiffEditor = dynamic<CodeDiffEditorProps>(
  () => import('./monaco-diff-editor').then((module) => module.MonacoDiffEditor),
  {
    ssr: false,
    loading: () => <Skeleton className="h-60 w-full" />,
  },
);

export type { CodeDiffEditorProps, CodeEditorProps, ExtraLib } from './types';
