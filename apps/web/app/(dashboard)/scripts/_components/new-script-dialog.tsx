'use client';

import { LoaderCircle } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
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
import { Label } from '@/components/ui/label';
import { errorMessage } from '@/lib/api/client';
import { useCreateScript } from '@/lib/api/scripts';

/**
 * What a blank script starts with: a script is the body of an async function of `input`, run in
 * the page, and what it returns is its value.
 */
export const BLANK_SOURCE = `// Runs in the page. \`input\` is what the job or the test run passes.
const title = document.title;
console.log('title:', title);
return { title, url: location.href };
`;

/** Names a new script and opens it in the editor. */
export function NewScriptDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-lg" data-testid="new-script-dialog">
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
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('nameRequired'));
      return;
    }
    setNameError(null);
    create.mutate(
      { name: name.trim(), source: BLANK_SOURCE, message: t('firstVersionMessage') },
      { onSuccess: (script) => router.push(`/scripts/${script.id}`) },
    );
  };

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <DialogHeader>
        <DialogTitle>{t('title')}</DialogTitle>
        <DialogDescription>{t('description')}</DialogDescription>
      </DialogHeader>
      <div className="grid gap-1.5">
        <Label htmlFor="script-name">{t('name')}</Label>
        <Input
          id="script-name"
          name="name"
          autoFocus
          maxLength={200}
          value={name}
          aria-invalid={nameError ? true : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        {nameError ? <p className="text-xs text-destructive">{nameError}</p> : null}
      </div>
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
