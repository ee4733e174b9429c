'use client';

import type { ScriptTemplate } from '@fleetwright/contracts';
import { LoaderCircle } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Field } from '@/components/common/field';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/api/client';
import { useCreateScript, useScriptTemplates } from '@/lib/api/scripts';
import { cn } from '@/lib/utils';

/**
 * What a blank script starts with: a script is the body of an async function of `input`, run in
 * the page, and what it returns is its value.
 */
export const BLANK_SOURCE = `// Runs in the page. \`input\` is what the job or the test run passes.
const title = document.title;
console.log('title:', title);
return { title, url: location.href };
`;

const BLANK = 'blank';

/** Names a new script, blank or from a template, and opens it in the editor. */
export function NewScriptDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl" data-testid="new-script-dialog">
        {open ? <NewScriptForm /> : null}
      </DialogContent>
    </Dialog>
  );
}

function NewScriptForm() {
  const t = useTranslations('scripts.create');
  const tc = useTranslations('common');
  const router = useRouter();
  const create = useCreateScript();
  const templates = useScriptTemplates();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [choice, setChoice] = useState(BLANK);
  const template = templates.data?.find((item) => item.id === choice && item.kind === 'script') ?? null;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // A template's name is the default: picking one and creating is enough.
    const chosenName = name.trim() || template?.name || '';
    if (!chosenName) {
      setNameError(t('nameRequired'));
      return;
    }
    setNameError(null);
    create.mutate(
      template
        ? {
            name: chosenName,
            description: template.description,
            tags: template.tags,
            libraries: template.libraries,
            source: template.source ?? BLANK_SOURCE,
            message: t('fromTemplateMessage', { template: template.name }),
          }
        : { name: chosenName, source: BLANK_SOURCE, message: t('firstVersionMessage') },
      { onSuccess: (script) => router.push(`/scripts/${script.id}`) },
    );
  };

  return (
    <form onSubmit={onSubmit} className="grid min-w-0 gap-4" noValidate>
      <DialogHeader>
        <DialogTitle>{t('title')}</DialogTitle>
        <DialogDescription>{t('description')}</DialogDescription>
      </DialogHeader>
      <Field id="script-name" label={t('name')} error={nameError ?? undefined}>
        <Input
          id="script-name"
          name="name"
          autoFocus
          maxLength={200}
          placeholder={template?.name}
          value={name}
          aria-invalid={nameError ? true : undefined}
          onChange={(event) => setName(event.target.value)}
        />
      </Field>
      <fieldset className="grid min-w-0 gap-1.5">
        <legend className="mb-1.5 text-sm font-medium">{t('startFrom')}</legend>
        <div className="grid max-h-72 gap-1.5 overflow-y-auto pr-1" data-testid="script-templates">
          <TemplateOption
            value={BLANK}
            checked={choice === BLANK}
            onChange={setChoice}
            title={t('blank')}
            description={t('blankDescription')}
          />
          {templates.isPending ? <Skeleton className="h-24 w-full" /> : null}
          {templates.isError ? <FormAlert tone="info">{t('templatesFailed')}</FormAlert> : null}
          {templates.data?.map((item) => (
            <TemplateOption
              key={item.id}
              value={item.id}
              checked={choice === item.id}
              onChange={setChoice}
              title={item.name}
              description={item.description}
              template={item}
            />
          ))}
        </div>
      </fieldset>
      {create.isError ? <FormAlert>{errorMessage(create.error)}</FormAlert> : null}
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            {tc('cancel')}
          </Button>
        </DialogClose>
        <Button type="submit" disabled={create.isPending} data-testid="create-script">
          {create.isPending ? <LoaderCircle className="animate-spin" /> : null}
          {t('submit')}
        </Button>
      </DialogFooter>
    </form>
  );
}

/**
 * One choice of the "start from" list. A flow template is shown (so the whole catalogue is
 * visible) but cannot be picked here: flows are what jobs run, not a page script.
 */
function TemplateOption({
  value,
  checked,
  onChange,
  title,
  description,
  template,
}: {
  value: string;
  checked: boolean;
  onChange: (value: string) => void;
  title: string;
  description: string;
  template?: ScriptTemplate;
}) {
  const t = useTranslations('scripts.create');
  const flow = template?.kind === 'flow';
  const inputs = Object.keys(template?.inputs ?? {});
  return (
    <label
      data-testid={`template-${value}`}
      className={cn(
        'flex min-w-0 items-start gap-2 rounded-md border p-2 text-sm',
        flow ? 'cursor-not-allowed opacity-70' : 'cursor-pointer hover:bg-muted/50',
        checked && 'border-ring bg-muted/50',
      )}
    >
      <input
        type="radio"
        name="template"
        value={value}
        checked={checked}
        disabled={flow}
        onChange={() => onChange(value)}
        className="mt-1 accent-primary"
      />
      <span className="min-w-0 flex-1 space-y-0.5">
        <span className="flex flex-wrap items-center gap-1.5 font-medium">
          {title}
          {flow ? <span className="rounded border px-1 text-[10px] uppercase">{t('flowBadge')}</span> : null}
          {template?.libraries.map((library) => (
            <code key={library} className="rounded bg-muted px-1 text-[11px] font-normal">
              {library}
            </code>
          ))}
        </span>
        <span className="block text-xs text-muted-foreground">
          {flow ? t('flowNote', { description }) : description}
        </span>
        {inputs.length > 0 ? (
          <span className="block truncate text-xs text-muted-foreground">
            {t('inputs', { names: inputs.join(', ') })}
          </span>
        ) : null}
      </span>
    </label>
  );
}
