'use client';

import type { ConsoleLevel, ScriptLibrary, ScriptTestResult } from '@fleetwright/contracts';
import { LoaderCircle, Play } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Field } from '@/components/common/field';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { errorMessage } from '@/lib/api/client';
import { useTestScript } from '@/lib/api/scripts';
import { cn } from '@/lib/utils';
import { parseInput } from './run-input';

/**
 * The run button: the editor's source as it stands (saved or not) against a URL on a throwaway
 * browser context, with an optional input; the answer shows in the console panel under it.
 */
export function RunPanel({ source, libraries }: { source: string; libraries: ScriptLibrary[] }) {
  const t = useTranslations('scripts.run');
  const test = useTestScript();
  const [url, setUrl] = useState('');
  const [inputText, setInputText] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);

  const onRun = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseInput(inputText);
    if ('error' in parsed) {
      setInputError(parsed.error === 'json' ? t('inputNotJson') : t('inputNotObject'));
      return;
    }
    setInputError(null);
    test.mutate({ url: url.trim(), source, libraries, input: parsed.input });
  };

  return (
    <div className="space-y-3">
      <form onSubmit={onRun} className="space-y-3" noValidate>
        <Field id="run-url" label={t('url')}>
          <Input
            id="run-url"
            name="url"
            type="url"
            inputMode="url"
            placeholder="https://example.com/"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
        </Field>
        <Field id="run-input" label={t('input')} error={inputError ?? undefined}>
          <Textarea
            id="run-input"
            name="input"
            rows={3}
            spellCheck={false}
            className="font-mono text-xs"
            placeholder='{ "query": "shoes" }'
            aria-invalid={inputError ? true : undefined}
            value={inputText}
            onChange={(event) => setInputText(event.target.value)}
          />
        </Field>
        <Button type="submit" disabled={test.isPending || !url.trim()} data-testid="run-script">
          {test.isPending ? <LoaderCircle className="animate-spin" /> : <Play />}
          {test.isPending ? t('running') : t('run')}
        </Button>
      </form>
      {test.isError ? <FormAlert>{errorMessage(test.error)}</FormAlert> : null}
      {test.data ? <ConsolePanel result={test.data} /> : null}
    </div>
  );
}

/** By console level (the contract's levels: the worker maps Playwright's 'warning' to 'warn'). */
const LEVEL_CLASSES: Record<ConsoleLevel, string> = {
  log: '',
  error: 'text-red-700 dark:text-red-300',
  warn: 'text-amber-700 dark:text-amber-300',
  info: 'text-sky-700 dark:text-sky-300',
  debug: 'text-muted-foreground',
};

/** What a test run answered: notices, the value, console lines by level, errors, the screenshot. */
function ConsolePanel({ result }: { result: ScriptTestResult }) {
  const t = useTranslations('scripts.run');
  return (
    <section aria-label={t('console')} data-testid="run-result" className="space-y-3 text-xs">
      <p className="text-muted-foreground" data-testid="run-duration">
        {t('duration', { ms: result.durationMs })}
      </p>
      {result.timedOut ? <FormAlert data-testid="run-timed-out">{t('timedOut')}</FormAlert> : null}
      {result.truncated.value || result.truncated.console ? (
        <FormAlert tone="info" data-testid="run-truncated">
          {result.truncated.value ? <p>{t('valueCut')}</p> : null}
          {result.truncated.console ? <p>{t('consoleCut')}</p> : null}
        </FormAlert>
      ) : null}
      <div className="space-y-1">
        <h3 className="font-medium">{t('value')}</h3>
        <pre
          data-testid="run-value"
          className="max-h-60 overflow-auto rounded-md border bg-muted/40 p-2 font-mono whitespace-pre-wrap break-all"
        >
          {result.value === undefined ? 'undefined' : JSON.stringify(result.value, null, 2)}
        </pre>
      </div>
      <div className="space-y-1">
        <h3 className="font-medium">{t('console')}</h3>
        {result.console.length === 0 ? (
          <p className="text-muted-foreground">{t('noConsole')}</p>
        ) : (
          <ol
            data-testid="run-console"
            className="max-h-60 overflow-auto rounded-md border bg-muted/40 p-2 font-mono"
          >
            {result.console.map((line, index) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: console lines are a fixed list in order.
                key={index}
                data-level={line.level}
                className={cn('whitespace-pre-wrap break-all', LEVEL_CLASSES[line.level])}
              >
                <span className="mr-2 uppercase opacity-70">{line.level}</span>
                {line.text}
              </li>
            ))}
          </ol>
        )}
      </div>
      {result.errors.length > 0 ? (
        <div className="space-y-1">
          <h3 className="font-medium text-destructive">{t('errors')}</h3>
          <ul
            data-testid="run-errors"
            className="space-y-1 rounded-md border border-destructive/30 bg-destructive/5 p-2 font-mono text-destructive"
          >
            {result.errors.map((error, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: errors are a fixed list in order.
              <li key={index} className="whitespace-pre-wrap break-all">
                {error}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.screenshot ? (
        <div className="space-y-1">
          <h3 className="font-medium">{t('screenshot')}</h3>
          {/* biome-ignore lint/performance/noImgElement: a data URL from the API, nothing for next/image to optimise. */}
          <img
            data-testid="run-screenshot"
            src={`data:${result.screenshotType};base64,${result.screenshot}`}
            alt={t('screenshotAlt')}
            className="w-full rounded-md border"
          />
        </div>
      ) : null}
    </section>
  );
}
