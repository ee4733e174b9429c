'use client';

import { formatProxyHost, type ImportProxiesResponse } from '@fleetwright/contracts';
import { FileUp, LoaderCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Field } from '@/components/common/field';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { Textarea } from '@/components/ui/textarea';
import { errorMessage } from '@/lib/api/client';
import { type ProxyImportSource, useImportProxies } from '@/lib/api/proxies';
import { parseTags } from './tags';

type SourceKind = 'paste' | 'file' | 'url';
/** The preview lists this many entries; the server answers up to 100. */
const PREVIEW_ROWS = 20;

/** A chosen file as the import route takes it: CSV and txt as text, JSON as its entries. */
async function readListFile(file: File): Promise<ProxyImportSource> {
  const text = await file.text();
  const name = file.name.toLowerCase();
  if (name.endsWith('.json') || file.type === 'application/json') {
    const entries: unknown = JSON.parse(text);
    if (!Array.isArray(entries)) throw new Error('not-an-array');
    return { kind: 'entries', entries };
  }
  return { kind: 'text', text, format: name.endsWith('.csv') || file.type === 'text/csv' ? 'csv' : 'txt' };
}

export function ImportDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        {open ? <ImportForm onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations('proxies.import');
  const run = useImportProxies();
  const [kind, setKind] = useState<SourceKind>('paste');
  const [text, setText] = useState('');
  const [file, setFile] = useState<ProxyImportSource | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [url, setUrl] = useState('');
  const [tags, setTags] = useState('');
  const [preview, setPreview] = useState<ImportProxiesResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  const source: ProxyImportSource | null =
    kind === 'paste'
      ? text.trim()
        ? { kind: 'text', text, format: 'txt' }
        : null
      : kind === 'file'
        ? file
        : url.trim()
          ? { kind: 'url', url: url.trim() }
          : null;

  // Any change to what would be imported makes the preview stale.
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPreview(null);
      setError(null);
    };

  const submit = (dryRun: boolean) => {
    if (!source) return;
    run.mutate(
      { source, tags: parseTags(tags), dryRun },
      {
        onSuccess: (result) => {
          if (result.dryRun) {
            setPreview(result);
            return;
          }
          toast.success(
            t('done', { imported: result.imported, merged: result.merged, invalid: result.invalidCount }),
          );
          onDone();
        },
        onError: (failure) => setError(errorMessage(failure)),
      },
    );
  };

  return (
    <>
      <DialogHeader>
        <DialogTitle>{t('title')}</DialogTitle>
        <DialogDescription>{t('description')}</DialogDescription>
      </DialogHeader>
      <div className="grid min-w-0 gap-4" data-testid="import-dialog">
        <Tabs value={kind} onValueChange={(value) => edit(setKind)(value as SourceKind)}>
          <TabsList>
            <TabsTrigger value="paste">{t('paste')}</TabsTrigger>
            <TabsTrigger value="file">{t('file')}</TabsTrigger>
            <TabsTrigger value="url">{t('url')}</TabsTrigger>
          </TabsList>
          <TabsContent value="paste" className="pt-2">
            <Textarea
              name="list"
              aria-label={t('paste')}
              rows={7}
              spellCheck={false}
              className="font-mono text-xs"
              placeholder={
                '203.0.113.7:8080\nuser:pass@proxy.example.com:3128\nsocks5://user:pass@198.51.100.2:1080'
              }
              value={text}
              onChange={(event) => edit(setText)(event.target.value)}
            />
            <p className="mt-1 text-xs text-muted-foreground">{t('formats')}</p>
          </TabsContent>
          <TabsContent value="file" className="pt-2">
            <label className="flex cursor-pointer items-center gap-2 rounded-md border border-dashed px-3 py-4 text-sm text-muted-foreground hover:bg-muted/40">
              <FileUp className="size-4" />
              <span>{t('chooseFile')}</span>
              <input
                type="file"
                name="file"
                accept=".txt,.csv,.json,text/plain,text/csv,application/json"
                className="sr-only"
                onChange={async (event) => {
                  const chosen = event.target.files?.[0];
                  edit(setFile)(null);
                  setFileError(null);
                  if (!chosen) return;
                  try {
                    setFile(await readListFile(chosen));
                  } catch {
                    setFileError(t('badJsonFile'));
                  }
                }}
              />
            </label>
            {fileError ? <p className="mt-1 text-xs text-destructive">{fileError}</p> : null}
            <p className="mt-1 text-xs text-muted-foreground">{t('fileHint')}</p>
          </TabsContent>
          <TabsContent value="url" className="pt-2">
            <Input
              name="url"
              aria-label={t('url')}
              type="url"
              placeholder="https://example.com/my-proxies.txt"
              value={url}
              onChange={(event) => edit(setUrl)(event.target.value)}
            />
            <p className="mt-1 text-xs text-muted-foreground">{t('urlHint')}</p>
          </TabsContent>
        </Tabs>
        <Field id="import-tags" label={t('tags')} hint={t('tagsHint')}>
          <Input
            id="import-tags"
            name="tags"
            value={tags}
            onChange={(event) => edit(setTags)(event.target.value)}
          />
        </Field>
        {error ? <FormAlert>{error}</FormAlert> : null}
        {preview ? <ImportPreview result={preview} /> : null}
      </div>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          {t('cancel')}
        </Button>
        {preview ? (
          <Button
            data-testid="import-confirm"
            disabled={run.isPending || preview.imported + preview.merged === 0}
            onClick={() => submit(false)}
          >
            {run.isPending ? <LoaderCircle className="animate-spin" /> : null}
            {t('confirm', { count: preview.imported + preview.merged })}
          </Button>
        ) : (
          <Button
            data-testid="import-preview"
            disabled={!source || run.isPending}
            onClick={() => submit(true)}
          >
            {run.isPending ? <LoaderCircle className="animate-spin" /> : null}
            {t('preview')}
          </Button>
        )}
      </DialogFooter>
    </>
  );
}

function ImportPreview({ result }: { result: ImportProxiesResponse }) {
  const t = useTranslations('proxies.import');
  const entries = result.preview ?? [];
  return (
    <div data-testid="import-result" className="grid min-w-0 gap-3 text-sm">
      <p>
        {t('summary', {
          total: result.total,
          imported: result.imported,
          merged: result.merged,
          invalid: result.invalidCount,
        })}
      </p>
      {entries.length > 0 ? (
        <div className="max-h-40 overflow-auto rounded-md border">
          <table className="w-full text-xs">
            <thead className="bg-muted/50 text-left text-muted-foreground">
              <tr>
                <th className="px-2 py-1 font-medium">{t('line')}</th>
                <th className="px-2 py-1 font-medium">{t('entry')}</th>
                <th className="px-2 py-1 font-medium">{t('entryTags')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.slice(0, PREVIEW_ROWS).map((entry) => (
                <tr key={entry.line} className="border-t">
                  <td className="px-2 py-1 tabular-nums">{entry.line}</td>
                  <td className="px-2 py-1 font-mono break-all">
                    {entry.protocol}://
                    {entry.username ? `${entry.username}${entry.hasPassword ? ':•••' : ''}@` : ''}
                    {formatProxyHost(entry.host)}:{entry.port}
                  </td>
                  <td className="px-2 py-1">{entry.tags.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {result.invalidCount > 0 ? (
        <div className="grid gap-1">
          <p className="font-medium text-destructive">{t('problems', { count: result.invalidCount })}</p>
          <ul data-testid="import-problems" className="max-h-40 overflow-auto rounded-md border text-xs">
            {result.invalid.map((problem) => (
              <li key={problem.line} className="flex gap-2 border-b px-2 py-1 last:border-b-0">
                <span className="shrink-0 tabular-nums text-muted-foreground">
                  {t('lineNumber', { line: problem.line })}
                </span>
                {problem.field ? <span className="shrink-0 font-mono">{problem.field}</span> : null}
                <span className="min-w-0 break-words">{problem.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
