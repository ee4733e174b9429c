'use client';

import { type Webhook, type WebhookWithSecret, webhookEventNames } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Field } from '@/components/common/field';
import { FormDialog, FormDialogForm, type FormErrors, formErrorsOf } from '@/components/common/form-dialog';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { useSaveWebhook } from '@/lib/api/webhooks';

const FIELDS = ['url', 'description', 'events'] as const;
type FieldName = (typeof FIELDS)[number];

/** The first word of a catalogue event: how the form groups the checkboxes. */
type EventGroup = 'session' | 'proxy' | 'job' | 'system';

/** The catalogue by its first word, in the catalogue's order. */
const EVENT_GROUPS: ReadonlyArray<{ group: EventGroup; events: string[] }> = groupEvents(webhookEventNames);

function groupEvents(names: readonly string[]) {
  const groups = new Map<EventGroup, string[]>();
  for (const name of names) {
    const group = name.split('.')[0] as EventGroup;
    groups.set(group, [...(groups.get(group) ?? []), name]);
  }
  return [...groups].map(([group, events]) => ({ group, events }));
}

/** Adds or edits a webhook: where to POST, what for, which events. A creation hands back the secret. */
export function WebhookFormDialog({
  open,
  onOpenChange,
  webhook,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  webhook: Webhook | null;
  onCreated?: (webhook: WebhookWithSecret) => void;
}) {
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      formKey={webhook?.id ?? 'new'}
      data-testid="webhook-form"
    >
      <WebhookForm
        webhook={webhook}
        onDone={(created) => {
          if (created) onCreated?.(created);
          onOpenChange(false);
        }}
      />
    </FormDialog>
  );
}

function WebhookForm({
  webhook,
  onDone,
}: {
  webhook: Webhook | null;
  onDone: (created: WebhookWithSecret | null) => void;
}) {
  const t = useTranslations('webhooks.form');
  const tc = useTranslations('common');
  const save = useSaveWebhook();
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [description, setDescription] = useState(webhook?.description ?? '');
  const [events, setEvents] = useState<Set<string>>(new Set(webhook?.events ?? []));
  const [errors, setErrors] = useState<FormErrors<FieldName>>({});

  const toggle = (event: string, checked: boolean) =>
    setEvents((current) => {
      const next = new Set(current);
      if (checked) next.add(event);
      else next.delete(event);
      return next;
    });

  const onSubmit = () => {
    const found: typeof errors = {};
    if (!url.trim()) found.url = t('required');
    if (events.size === 0) found.events = t('eventsRequired');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    // In the catalogue's order, whatever order they were ticked in.
    const body = {
      url: url.trim(),
      description: description.trim() || null,
      events: webhookEventNames.filter((name) => events.has(name)),
    };
    save.mutate(webhook ? { id: webhook.id, body } : { body: { ...body, enabled: true } }, {
      onSuccess: (saved) => {
        toast.success(webhook ? t('updated') : t('created'));
        onDone(webhook ? null : (saved as WebhookWithSecret));
      },
      onError: (error) => setErrors(formErrorsOf(error, FIELDS)),
    });
  };

  return (
    <FormDialogForm
      title={webhook ? t('editTitle') : t('addTitle')}
      description={t('description')}
      error={errors.form}
      pending={save.isPending}
      submitLabel={webhook ? tc('save') : t('add')}
      submitTestId="save-webhook"
      onSubmit={onSubmit}
    >
      <Field id="webhook-url" label={t('url')} hint={t('urlHint')} error={errors.url}>
        <Input
          id="webhook-url"
          name="url"
          type="url"
          inputMode="url"
          placeholder="https://example.com/hooks/fleetwright"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          aria-invalid={errors.url ? true : undefined}
        />
      </Field>
      <Field id="webhook-description" label={t('descriptionLabel')} error={errors.description}>
        <Textarea
          id="webhook-description"
          name="description"
          rows={2}
          maxLength={500}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </Field>
      <fieldset className="grid min-w-0 gap-3" data-testid="webhook-events">
        <legend className="mb-2 text-sm font-medium">{t('events')}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {EVENT_GROUPS.map(({ group, events: names }) => (
            <div key={group} className="grid content-start gap-1.5">
              <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">
                {t(`groups.${group}`)}
              </p>
              {names.map((name) => (
                <div key={name} className="flex items-center gap-2">
                  <Checkbox
                    id={`event-${name}`}
                    name={name}
                    checked={events.has(name)}
                    onCheckedChange={(checked) => toggle(name, checked === true)}
                  />
                  <Label htmlFor={`event-${name}`} className="font-mono text-xs font-normal">
                    {name}
                  </Label>
                </div>
              ))}
            </div>
          ))}
        </div>
        {errors.events ? (
          <p data-testid="field-error-webhook-events" className="text-xs text-destructive">
            {errors.events}
          </p>
        ) : null}
      </fieldset>
    </FormDialogForm>
  );
}
