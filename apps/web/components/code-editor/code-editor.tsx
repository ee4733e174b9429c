'use client';

import dynamic from 'next/dynamic';
import { Skeleton } from '@/components/ui/skeleton';
import type { CodeEditorProps } from './types';

/** Monaco touches `window` on import: load it in the browser only, after hydration. */
export const CodeEditor = dynamic<CodeEditorProps>(
  () => import('./monaco-code-editor').then((module) => module.MonacoCodeEditor),
  {
    ssr: false,
    loading: () => <Skeleton className="h-60 w-full" />,
  },
);

export type { CodeEditorProps };
