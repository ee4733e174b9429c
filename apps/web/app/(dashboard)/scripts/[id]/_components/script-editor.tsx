'use client';

import { type Script, type ScriptLibrary, scriptLibraries } from '@fleetwright/contracts';
import { ArrowLeft, EyeOff, Globe, LoaderCircle, Save, SearchX } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type FormEvent, useMemo, useState } from 'react';
import { toast } from 'sonner';
import { CodeEditor } from '@/components/code-editor/code-editor';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Field } from '@/components/common/field';
import { ToneBadge } from '@/components/common/tone-badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { Textarea } from '@/components/ui/textarea';
import { useCan } from '@/lib/api/accounts';
import { errorMessage, isApiError } from '@/lib/api/client';
import { useScript, useSetPublished, useUpdateScript } from '@/lib/api/scripts';
import { RunPanel } from './run-panel';
import { scriptGlobals } from './script-globals';
import { VersionHistory } from './version-history';

const EDITOR_HEIGHT = 420;

function BackLink() {
  const t = useTranslations('scripts.list');
  return (
    <Link
      href="/scripts"
      className="inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft className="size-3.5" />
      {t('title')}
    </Link>
  );
}

export function ScriptEditor({ id }: { id: string }) {
  const t = useTranslations('scripts.editor');
  const query = useScript(id);
  if (query.isPending) return <ScriptEditorSkeleton />;
  if (query.isError) {
    return (
      <div className="space-y-4">
        <BackLink />
        <Card>
          {isApiError(query.error) && query.error.status === 404 ? (
            <EmptyState
              icon={<SearchX />}
              title={t('notFound')}
              action={
                <Button asChild variant="outline" size="sm">
                  <Link href="/scripts">{t('backToScripts')}</Link>
                </Button>
              }
            />
          ) : (
            <ErrorState error={query.error} title={t('loadFailed')} onRetry={() => void query.refetch()} />
          )}
        </Card>
      </div>
    );
  }
  // Keyed by version: a new version (a save of the source, a restore) starts the form from what the
  // server now holds. Other changes (name, tags, publishing) keep what is being typed; the fields
  // that were saved match the script again, so the form is not dirty.
  return <ScriptEditorForm key={query.data.latestVersion} script={query.data} />;
}

/** Comma- or space-separated tags, as the tag field takes them. */
function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function ScriptEditorForm({ script }: { script: Script }) {
  const t = useTranslations('scripts.editor');
  const canWrite = useCan('write');
  const update = useUpdateScript(script.id);
  const [name, setName] = useState(script.name);
  const [description, setDescription] = useState(script.description);
  const [tags, setTags] = useState(script.tags.join(', '));
  const [libraries, setLibraries] = useState<ScriptLibrary[]>(script.libraries);
  const [source, setSource] = useState(script.source);
  const [message, setMessage] = useState('');
  const globals = useMemo(() => scriptGlobals(libraries), [libraries]);

  const tagList = parseTags(tags);
  const newVersion = source !== script.source || !sameList(libraries, script.libraries);
  const dirty =
    newVersion ||
    name.trim() !== script.name ||
    description !== script.description ||
    !sameList(tagList, script.tags);

  const onSave = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate(
      {
        name: name.trim(),
        description,
        tags: tagList,
        ...(newVersion ? { source, libraries, message: message.trim() } : {}),
      },
      {
        onSuccess: (saved) => {
          setMessage('');
          toast.success(newVersion ? t('savedVersion', { version: saved.latestVersion }) : t('saved'));
        },
      },
    );
  };

  const toggleLibrary = (library: ScriptLibrary, on: boolean) =>
    setLibraries((current) =>
      scriptLibraries.filter((item) => (item === library ? on : current.includes(item))),
    );

  return (
    <div className="space-y-4" data-testid="script-editor">
      <BackLink />
      <div className="flex flex-wrap items-center gap-2">
        <h1 data-testid="script-name" className="min-w-0 truncate text-lg font-semibold tracking-tight">
          {script.name}
        </h1>
        <span data-testid="script-version" className="font-mono text-xs text-muted-foreground">
          v{script.latestVersion}
        </span>
        {script.visibility === 'public' ? (
          <ToneBadge tone="sky" data-testid="script-public-badge">
            {t('public')}
          </ToneBadge>
        ) : null}
        {script.visibility === 'public' ? (
          <Link
            href={`/marketplace/${script.id}`}
            className="text-xs text-muted-foreground underline hover:text-foreground"
          >
            {t('viewInMarketplace')}
          </Link>
        ) : null}
        {canWrite ? <PublishButton script={script} /> : null}
      </div>

      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_380px]">
        <form onSubmit={onSave} className="min-w-0 space-y-3" noValidate>
          <Card className="grid gap-3 p-3 sm:grid-cols-2">
            <Field id="script-name-field" label={t('name')}>
              <Input
                id="script-name-field"
                name="name"
                maxLength={200}
                value={name}
                disabled={!canWrite}
                onChange={(event) => setName(event.target.value)}
              />
            </Field>
            <Field id="script-tags" label={t('tags')}>
              <Input
                id="script-tags"
                name="tags"
                placeholder={t('tagsPlaceholder')}
                value={tags}
                disabled={!canWrite}
                onChange={(event) => setTags(event.target.value)}
              />
            </Field>
            <Field id="script-description" label={t('description')} className="sm:col-span-2">
              <Textarea
                id="script-description"
                name="description"
                rows={2}
                maxLength={2000}
                value={description}
                disabled={!canWrite}
                onChange={(event) => setDescription(event.target.value)}
              />
            </Field>
            <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-2 sm:col-span-2">
              <legend className="mb-1.5 text-sm font-medium">{t('libraries')}</legend>
              {scriptLibraries.map((library) => (
                <Label key={library} className="font-normal">
                  <Checkbox
                    name={`library-${library}`}
                    checked={libraries.includes(library)}
                    disabled={!canWrite}
                    onCheckedChange={(checked) => toggleLibrary(library, checked === true)}
                  />
                  <code className="text-xs">{library}</code>
                  <span className="text-xs text-muted-foreground">
                    {t(library === 'axe-core' ? 'libraryAxe' : 'libraryWebVitals')}
                  </span>
                </Label>
              ))}
            </fieldset>
          </Card>
          <CodeEditor
            value={source}
            onChange={setSource}
            height={EDITOR_HEIGHT}
            ariaLabel={t('source')}
            testId="script-source"
            readOnly={!canWrite}
            extraLibs={globals}
            functionBody
          />
          <p className="text-xs text-muted-foreground">{t('sourceHint')}</p>
          {canWrite ? (
            <div className="flex flex-col gap-2 sm:flex-row">
              <Input
                name="message"
                aria-label={t('message')}
                placeholder={t('messagePlaceholder')}
                maxLength={500}
                disabled={!newVersion}
                value={message}
                onChange={(event) => setMessage(event.target.value)}
                className="sm:flex-1"
              />
              <Button type="submit" disabled={!dirty || update.isPending} data-testid="save-script">
                {update.isPending ? <LoaderCircle className="animate-spin" /> : <Save />}
                {newVersion ? t('saveVersion') : t('save')}
              </Button>
            </div>
          ) : null}
          {update.isError ? (
            <p role="alert" className="text-sm text-destructive">
              {errorMessage(update.error)}
            </p>
          ) : null}
        </form>

        <Card className="min-w-0 p-3">
          {/* A test run is a change (POST) as far as roles go: viewers read the history only. */}
          <Tabs defaultValue={canWrite ? 'run' : 'history'}>
            <TabsList className="w-full">
              {canWrite ? (
                <TabsTrigger value="run" data-testid="run-tab">
                  {t('runTab')}
                </TabsTrigger>
              ) : null}
              <TabsTrigger value="history" data-testid="history-tab">
                {t('historyTab')}
              </TabsTrigger>
            </TabsList>
            {canWrite ? (
              <TabsContent value="run">
                <RunPanel source={source} libraries={libraries} />
              </TabsContent>
            ) : null}
            <TabsContent value="history">
              <VersionHistory script={script} canWrite={canWrite} />
            </TabsContent>
          </Tabs>
        </Card>
      </div>
    </div>
  );
}

/** Publishing asks first (every user of the server can read it then); withdrawing does not. */
function PublishButton({ script }: { script: Script }) {
  const t = useTranslations('scripts.editor');
  const setPublished = useSetPublished(script.id);
  const [confirming, setConfirming] = useState(false);
  const isPublic = script.visibility === 'public';
  const change = (published: boolean) =>
    setPublished.mutate(published, {
      onSuccess: () => {
        setConfirming(false);
        toast.success(published ? t('published') : t('unpublished'));
      },
      onError: (error) => toast.error(t('publishFailed'), { description: errorMessage(error) }),
    });
  return (
    <>
      <Button
        size="sm"
        variant="outline"
        className="ml-auto"
        data-testid={isPublic ? 'unpublish-script' : 'publish-script'}
        disabled={setPublished.isPending}
        onClick={() => (isPublic ? change(false) : setConfirming(true))}
      >
        {isPublic ? <EyeOff /> : <Globe />}
        {isPublic ? t('unpublish') : t('publish')}
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        variant="default"
        title={t('publishTitle', { name: script.name })}
        description={t('publishDescription')}
        confirmLabel={t('publish')}
        pending={setPublished.isPending}
        onConfirm={() => change(true)}
      />
    </>
  );
}

export function ScriptEditorSkeleton() {
  return (
    <div className="space-y-4">
      <Skeleton className="h-4 w-20" />
      <Skeleton className="h-7 w-64" />
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_380px]">
        <div className="space-y-3">
          <Skeleton className="h-36 w-full" />
          <Skeleton className="w-full" style={{ height: EDITOR_HEIGHT }} />
        </div>
        <Skeleton className="h-96 w-full" />
      </div>
    </div>
  );
}
