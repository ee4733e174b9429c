'use client';

import { type PoolProxy, type ProxyProtocol, proxyProtocols } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Field } from '@/components/common/field';
import {
  FormDialog,
  FormDialogForm,
  type FormErrors,
  formErrorsOf,
  serverMessage,
} from '@/components/common/form-dialog';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { useSaveProxy } from '@/lib/api/proxies';
import { parseTags } from './tags';

const FIELDS = ['protocol', 'host', 'port', 'username', 'password', 'tags'] as const;
type FieldName = (typeof FIELDS)[number];

/**
 * Adds a proxy by hand, or edits one (`proxy`). The password is write-only: an edit leaves it
 * as it is unless a new one is typed or "remove" is ticked.
 */
export function ProxyFormDialog({
  open,
  onOpenChange,
  proxy,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  proxy?: PoolProxy | null;
}) {
  return (
    <FormDialog open={open} onOpenChange={onOpenChange} formKey={proxy?.id ?? 'new'} className="sm:max-w-lg">
      <ProxyForm proxy={proxy ?? null} onDone={() => onOpenChange(false)} />
    </FormDialog>
  );
}

function ProxyForm({ proxy, onDone }: { proxy: PoolProxy | null; onDone: () => void }) {
  const t = useTranslations('proxies.form');
  const tc = useTranslations('common');
  const save = useSaveProxy();
  const [protocol, setProtocol] = useState<ProxyProtocol>(proxy?.protocol ?? 'http');
  const [host, setHost] = useState(proxy?.host ?? '');
  const [port, setPort] = useState(proxy ? String(proxy.port) : '');
  const [username, setUsername] = useState(proxy?.username ?? '');
  const [password, setPassword] = useState('');
  const [removePassword, setRemovePassword] = useState(false);
  const [tags, setTags] = useState(proxy?.tags.join(', ') ?? '');
  const [errors, setErrors] = useState<FormErrors<FieldName>>({});

  const onSubmit = () => {
    const found: typeof errors = {};
    const portNumber = Number(port);
    if (!host.trim()) found.host = t('hostRequired');
    if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) found.port = t('portRange');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body = {
      protocol,
      host: host.trim(),
      port: portNumber,
      username: username.trim() || null,
      tags: parseTags(tags),
      // Left out, the stored password stays; null removes it.
      ...(password ? { password } : removePassword || !proxy ? { password: null } : {}),
    };
    save.mutate(
      { id: proxy?.id, body },
      {
        onSuccess: (saved) => {
          toast.success(proxy ? t('updated') : t('created', { host: saved.host }));
          onDone();
        },
        onError: (error) => setErrors(formErrorsOf(error, FIELDS, serverMessage)),
      },
    );
  };

  return (
    <FormDialogForm
      title={proxy ? t('editTitle') : t('addTitle')}
      description={t('description')}
      error={errors.form}
      pending={save.isPending}
      submitLabel={proxy ? tc('save') : t('add')}
      onSubmit={onSubmit}
      data-testid="proxy-form"
      className="grid gap-4"
    >
      <div className="grid grid-cols-[7rem_1fr] gap-3 sm:grid-cols-[8rem_1fr_6rem]">
        <Field id="protocol" label={t('protocol')} error={errors.protocol}>
          <NativeSelect
            id="protocol"
            name="protocol"
            value={protocol}
            onChange={(event) => setProtocol(event.target.value as ProxyProtocol)}
          >
            {proxyProtocols.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="host" label={t('host')} error={errors.host}>
          <Input
            id="host"
            name="host"
            value={host}
            autoComplete="off"
            placeholder="proxy.example.com"
            aria-invalid={errors.host ? true : undefined}
            onChange={(event) => setHost(event.target.value)}
          />
        </Field>
        <Field id="port" label={t('port')} error={errors.port}>
          <Input
            id="port"
            name="port"
            inputMode="numeric"
            value={port}
            placeholder="8080"
            aria-invalid={errors.port ? true : undefined}
            onChange={(event) => setPort(event.target.value)}
          />
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="username" label={t('username')} error={errors.username}>
          <Input
            id="username"
            name="username"
            autoComplete="off"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </Field>
        <Field
          id="password"
          label={t('password')}
          error={errors.password}
          hint={proxy?.hasPassword ? t('passwordKept') : t('passwordWriteOnly')}
        >
          <Input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            value={password}
            disabled={removePassword}
            placeholder={proxy?.hasPassword ? '••••••••' : undefined}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
      </div>
      {proxy?.hasPassword ? (
        <div className="flex items-center gap-2">
          <Checkbox
            id="remove-password"
            checked={removePassword}
            onCheckedChange={(checked) => {
              setRemovePassword(checked === true);
              setPassword('');
            }}
          />
          <Label htmlFor="remove-password" className="font-normal">
            {t('removePassword')}
          </Label>
        </div>
      ) : null}
      <Field id="tags" label={t('tags')} hint={t('tagsHint')} error={errors.tags}>
        <Input id="tags" name="tags" value={tags} onChange={(event) => setTags(event.target.value)} />
      </Field>
    </FormDialogForm>
  );
}
