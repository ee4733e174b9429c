'use client';

import { type ComponentProps, useEffect, useRef, useState } from 'react';
import { Input } from '@/components/ui/input';
import { cn } from '@/lib/utils';

/** Typing pauses this long before the value is committed (and a URL filter changes). */
const TYPING_DELAY_MS = 300;

/** Shows keystrokes at once but commits them after a pause (or on Enter); follows `value` when it changes. */
export function DebouncedInput({
  value,
  onCommit,
  icon,
  className,
  ...props
}: Omit<ComponentProps<'input'>, 'value' | 'onChange'> & {
  value: string;
  onCommit: (value: string) => void;
  icon?: React.ReactNode;
}) {
  const [draft, setDraft] = useState(value);
  const [committed, setCommitted] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onCommitRef = useRef(onCommit);
  useEffect(() => {
    onCommitRef.current = onCommit;
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  // The URL changed under us (back button, "Clear", a tag clicked in the table): follow it.
  if (value !== committed) {
    setCommitted(value);
    setDraft(value);
  }

  const commit = (next: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setCommitted(next);
    onCommitRef.current(next);
  };

  return (
    <div className={cn('relative', className)}>
      {icon ? (
        <span className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-muted-foreground [&_svg]:size-3.5">
          {icon}
        </span>
      ) : null}
      <Input
        {...props}
        className={cn(icon && 'pl-8')}
        value={draft}
        onChange={(event) => {
          const next = event.target.value;
          setDraft(next);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(next), TYPING_DELAY_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(draft);
        }}
      />
    </div>
  );
}
