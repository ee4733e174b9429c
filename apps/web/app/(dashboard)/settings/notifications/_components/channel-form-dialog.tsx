'use client';

import {
  type CreateNotificationChannel,
  type NotificationChannel,
  type NotificationChannelKind,
  notificationChannelKinds,
  type UpdateNotificationChannel,
} from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { type ComponentProps, useState } from 'react';
import { toast } from 'sonner';
import { Field } from '@/components/common/field';
import { FormDialog, FormDialogForm, type FormErrors, formErrorsOf } from '@/components/common/form-dialog';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { Textarea } from '@/components/ui/textarea';
import { useSaveNotificationChannel } from '@/lib/api/notification-channels';

const FIELDS = ['name', 'kind', 'to', 'url', 'secret', 'botToken', 'chatId'] as const;
type FieldName = (typeof FIELDS)[number];

/** What the form holds, as typed; secret parts start empty (they are never answered). */
interface Draft {
  kind: NotificationChannelKind;
  name: string;
  enabled: boolean;
  to: string;
  url: string;
  secret: string;
  botToken: string;
  chatId: string;
}

/** Slack and Discord URLs are the credential: answered masked, so an edit starts them empty. */
const SECRET_URL_KINDS: ReadonlySet<NotificationChannelKind> = new Set(['slack', 'discord']);

function draftOf(channel: NotificationChannel | null): Draft {
  return {
    kind: channel?.kind ?? 'email',
    name: channel?.name ?? '',
    enabled: channel?.enabled ?? true,
    to: channel?.to?.join(', ') ?? '',
    url: channel && !SECRET_URL_KINDS.has(channel.kind) ? (channel.url ?? '') : '',
    secret: '',
    botToken: '',
    chatId: channel?.chatId ?? '',
  };
}

function parseAddresses(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

/** The creation body of the draft's kind. */
function createBody(draft: Draft): CreateNotificationChannel {
  const name = draft.name.trim();
  switch (draft.kind) {
    case 'email':
      return { kind: 'email', name, to: parseAddresses(draft.to) };
    case 'webhook':
      return {
        kind: 'webhook',
        name,
        url: draft.url.trim(),
        ...(draft.secret ? { secret: draft.secret } : {}),
      };
    case 'slack':
    case 'discord':
      return { kind: draft.kind, name, url: draft.url.trim() };
    case 'telegram':
      return { kind: 'telegram', name, botToken: draft.botToken.trim(), chatId: draft.chatId.trim() };
  }
}

/** The change of an existing channel: the fields of its kind; empty secret parts stay as they were. */
function updateBody(draft: Draft): UpdateNotificationChannel {
  const body: UpdateNotificationChannel = { name: draft.name.trim(), enabled: draft.enabled };
  switch (draft.kind) {
    case 'email':
      return { ...body, to: parseAddresses(draft.to) };
    case 'webhook':
      return { ...body, url: draft.url.trim(), ...(draft.secret ? { secret: draft.secret } : {}) };
    case 'slack':
    case 'discord':
      return draft.url.trim() ? { ...body, url: draft.url.trim() } : body;
    case 'telegram':
      return {
        ...body,
        chatId: draft.chatId.trim(),
        ...(draft.botToken.trim() ? { botToken: draft.botToken.trim() } : {}),
      };
  }
}

/** What must be filled before asking the server (which checks the rest and names the field). */
function missingFields(draft: Draft, editing: boolean): FieldName[] {
  const missing: FieldName[] = [];
  if (!draft.name.trim()) missing.push('name');
  if (draft.kind === 'email' && parseAddresses(draft.to).length === 0) missing.push('to');
  const urlKept = editing && SECRET_URL_KINDS.has(draft.kind);
  if (draft.kind !== 'email' && draft.kind !== 'telegram' && !urlKept && !draft.url.trim())
    missing.push('url');
  if (draft.kind === 'telegram' && !editing && !draft.botToken.trim()) missing.push('botToken');
  if (draft.kind === 'telegram' && !draft.chatId.trim()) missing.push('chatId');
  return missing;
}

/** Adds or edits a notification channel; the form shows the fields of the chosen kind. */
export function ChannelFormDialog({
  open,
  onOpenChange,
  channel,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  channel: NotificationChannel | null;
}) {
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      formKey={channel?.id ?? 'new'}
      data-testid="channel-form"
    >
      <ChannelForm channel={channel} onDone={() => onOpenChange(false)} />
    </FormDialog>
  );
}

function ChannelForm({ channel, onDone }: { channel: NotificationChannel | null; onDone: () => void }) {
  const t = useTranslations('notificationChannels.form');
  const tk = useTranslations('notificationChannels.kinds');
  const tc = useTranslations('common');
  const save = useSaveNotificationChannel();
  const [draft, setDraft] = useState<Draft>(() => draftOf(channel));
  const [errors, setErrors] = useState<FormErrors<FieldName>>({});
  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const editing = channel !== null;
  const keepHint = channel?.secretHint ? t('keepSecret', { hint: channel.secretHint }) : undefined;

  const onSubmit = () => {
    const missing = missingFields(draft, editing);
    setErrors(Object.fromEntries(missing.map((field) => [field, t('required')])));
    if (missing.length > 0) return;
    save.mutate(channel ? { id: channel.id, body: updateBody(draft) } : { body: createBody(draft) }, {
      onSuccess: () => {
        toast.success(channel ? t('updated') : t('created', { name: draft.name.trim() }));
        onDone();
      },
      onError: (error) => setErrors(formErrorsOf(error, FIELDS)),
    });
  };

  const input = (field: 'url' | 'secret' | 'botToken' | 'chatId', props: ComponentProps<'input'>) => (
    <Input
      id={`channel-${field}`}
      name={field}
      value={draft[field]}
      onChange={(event) => set({ [field]: event.target.value })}
      aria-invalid={errors[field] ? true : undefined}
      autoComplete="off"
      {...props}
    />
  );

  return (
    <FormDialogForm
      title={channel ? t('editTitle') : t('addTitle')}
      description={t('description')}
      error={errors.form}
      pending={save.isPending}
      submitLabel={channel ? tc('save') : t('add')}
      submitTestId="save-channel"
      onSubmit={onSubmit}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="channel-name" label={t('name')} error={errors.name}>
          <Input
            id="channel-name"
            name="name"
            maxLength={100}
            value={draft.name}
            onChange={(event) => set({ name: event.target.value })}
            aria-invalid={errors.name ? true : undefined}
          />
        </Field>
        <Field id="channel-kind" label={t('kind')} error={errors.kind}>
          <NativeSelect
            id="channel-kind"
            name="kind"
            value={draft.kind}
            disabled={editing}
            onChange={(event) => set({ kind: event.target.value as NotificationChannelKind })}
          >
            {notificationChannelKinds.map((kind) => (
              <option key={kind} value={kind}>
                {tk(kind)}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      {draft.kind === 'email' ? (
        <Field id="channel-to" label={t('to')} hint={t('toHint')} error={errors.to}>
          <Textarea
            id="channel-to"
            name="to"
            rows={2}
            value={draft.to}
            onChange={(event) => set({ to: event.target.value })}
            aria-invalid={errors.to ? true : undefined}
          />
        </Field>
      ) : null}
      {draft.kind === 'webhook' ? (
        <>
          <Field id="channel-url" label={t('url')} error={errors.url}>
            {input('url', { type: 'url', inputMode: 'url', placeholder: 'https://example.com/notify' })}
          </Field>
          <Field
            id="channel-secret"
            label={t('secret')}
            hint={editing ? (keepHint ?? t('secretHint')) : t('secretHint')}
            error={errors.secret}
          >
            {input('secret', { type: 'password' })}
          </Field>
        </>
      ) : null}
      {SECRET_URL_KINDS.has(draft.kind) ? (
        <Field
          id="channel-url"
          label={t('incomingUrl', { kind: tk(draft.kind) })}
          hint={editing ? keepHint : t('incomingUrlHint')}
          error={errors.url}
        >
          {input('url', {
            type: 'password',
            inputMode: 'url',
            placeholder: editing ? channel?.url : undefined,
          })}
        </Field>
      ) : null}
      {draft.kind === 'telegram' ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="channel-botToken"
            label={t('botToken')}
            hint={editing ? keepHint : t('botTokenHint')}
            error={errors.botToken}
          >
            {input('botToken', { type: 'password' })}
          </Field>
          <Field id="channel-chatId" label={t('chatId')} hint={t('chatIdHint')} error={errors.chatId}>
            {input('chatId', {})}
          </Field>
        </div>
      ) : null}
      {editing ? (
        <div className="flex items-center gap-2">
          <Checkbox
            id="channel-enabled"
            checked={draft.enabled}
            onCheckedChange={(checked) => set({ enabled: checked === true })}
          />
          <Label htmlFor="channel-enabled" className="font-normal">
            {t('enabled')}
          </Label>
        </div>
      ) : null}
    </FormDialogForm>
  );
}
