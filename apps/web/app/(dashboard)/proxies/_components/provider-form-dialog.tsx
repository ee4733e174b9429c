'use client';

import type { ProxyProvider, ProxyProviderKind, ProxyProviderPresetInfo } from '@fleetwright/contracts';
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
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { useProviderPresets, useSaveProxyProvider } from '@/lib/api/proxy-providers';

const FIELDS = [
  'name',
  'kind',
  'username',
  'zone',
  'password',
  'host',
  'port',
  'countries',
  'stickyMinutes',
] as const;
type FieldName = (typeof FIELDS)[number];

function parseCountries(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((code) => code.toUpperCase()),
    ),
  ];
}

/**
 * Adds or edits a provider entry. The chosen preset decides the form: a zone for Bright Data, the
 * countries it has gateways for, whether a sticky exit's length can be set. The password is write-only.
 */
export function ProviderFormDialog({
  open,
  onOpenChange,
  provider,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  provider: ProxyProvider | null;
}) {
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      formKey={provider?.id ?? 'new'}
      className="sm:max-w-lg"
    >
      <ProviderForm provider={provider} onDone={() => onOpenChange(false)} />
    </FormDialog>
  );
}

function ProviderForm({ provider, onDone }: { provider: ProxyProvider | null; onDone: () => void }) {
  const t = useTranslations('proxies.providerForm');
  const tc = useTranslations('common');
  const presets = useProviderPresets();
  const save = useSaveProxyProvider();
  const [kind, setKind] = useState<ProxyProviderKind>(provider?.kind ?? 'brightdata');
  const preset: ProxyProviderPresetInfo | undefined = presets.find((item) => item.kind === kind);
  const [name, setName] = useState(provider?.name ?? '');
  const [username, setUsername] = useState(provider?.username ?? '');
  const [zone, setZone] = useState(provider?.zone ?? '');
  const [password, setPassword] = useState('');
  // An entry's gateway is shown only when it differs from the preset's.
  const ownGateway = provider && preset && (provider.host !== preset.host || provider.port !== preset.port);
  const [host, setHost] = useState(ownGateway ? provider.host : '');
  const [port, setPort] = useState(ownGateway ? String(provider.port) : '');
  const [countries, setCountries] = useState(provider?.countries.join(', ') ?? '');
  const [stickyMinutes, setStickyMinutes] = useState(
    provider?.stickyMinutes ? String(provider.stickyMinutes) : '',
  );
  const [errors, setErrors] = useState<FormErrors<FieldName>>({});

  const onSubmit = () => {
    const found: typeof errors = {};
    if (!name.trim()) found.name = t('required');
    if (!username.trim()) found.username = t('required');
    if (preset?.needsZone && !zone.trim()) found.zone = t('zoneRequired');
    if (!provider && !password) found.password = t('required');
    const portNumber = port ? Number(port) : null;
    if (portNumber !== null && (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535)) {
      found.port = t('portRange');
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const common = {
      name: name.trim(),
      username: username.trim(),
      zone: preset?.needsZone ? zone.trim() : null,
      host: host.trim() || null,
      port: portNumber,
      countries: parseCountries(countries),
      stickyMinutes: preset?.sticky && stickyMinutes ? Number(stickyMinutes) : null,
    };
    save.mutate(
      provider
        ? { id: provider.id, body: { ...common, ...(password ? { password } : {}) } }
        : { body: { ...common, kind, password } },
      {
        onSuccess: () => {
          toast.success(provider ? t('updated') : t('created', { name: common.name }));
          onDone();
        },
        onError: (error) => setErrors(formErrorsOf(error, FIELDS, serverMessage)),
      },
    );
  };

  return (
    <FormDialogForm
      title={provider ? t('editTitle') : t('addTitle')}
      description={t('description')}
      error={errors.form}
      pending={save.isPending}
      submitLabel={provider ? tc('save') : t('add')}
      onSubmit={onSubmit}
      data-testid="provider-form"
      className="grid gap-4"
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="provider-kind" label={t('kind')} error={errors.kind}>
          <NativeSelect
            id="provider-kind"
            name="kind"
            value={kind}
            // The kind decides the username syntax: another kind is another entry.
            disabled={provider !== null}
            onChange={(event) => setKind(event.target.value as ProxyProviderKind)}
          >
            {presets.map((item) => (
              <option key={item.kind} value={item.kind}>
                {item.label}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="provider-name" label={t('name')} error={errors.name}>
          <Input
            id="provider-name"
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field
          id="provider-username"
          label={preset?.needsZone ? t('customerId') : t('username')}
          error={errors.username}
        >
          <Input
            id="provider-username"
            name="username"
            autoComplete="off"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </Field>
        <Field
          id="provider-password"
          label={t('password')}
          error={errors.password}
          hint={provider?.hasPassword ? t('passwordKept') : t('passwordWriteOnly')}
        >
          <Input
            id="provider-password"
            name="password"
            type="password"
            autoComplete="new-password"
            placeholder={provider?.hasPassword ? '••••••••' : undefined}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        {preset?.needsZone ? (
          <Field id="provider-zone" label={t('zone')} hint={t('zoneHint')} error={errors.zone}>
            <Input
              id="provider-zone"
              name="zone"
              value={zone}
              onChange={(event) => setZone(event.target.value)}
            />
          </Field>
        ) : null}
        {preset?.sticky ? (
          <Field
            id="provider-sticky"
            label={t('stickyMinutes')}
            hint={t('stickyHint')}
            error={errors.stickyMinutes}
          >
            <Input
              id="provider-sticky"
              name="stickyMinutes"
              inputMode="numeric"
              value={stickyMinutes}
              onChange={(event) => setStickyMinutes(event.target.value)}
            />
          </Field>
        ) : null}
      </div>
      <Field
        id="provider-countries"
        label={t('countries')}
        error={errors.countries}
        hint={
          preset && preset.countries !== 'any'
            ? t('countriesListed', { countries: preset.countries.join(', ') })
            : t('countriesAny')
        }
      >
        <Input
          id="provider-countries"
          name="countries"
          placeholder="DE, FR, US"
          value={countries}
          onChange={(event) => setCountries(event.target.value)}
        />
      </Field>
      <div className="grid grid-cols-[1fr_6rem] gap-3">
        <Field
          id="provider-host"
          label={t('host')}
          error={errors.host}
          hint={preset ? t('gatewayDefault', { gateway: `${preset.host}:${preset.port}` }) : undefined}
        >
          <Input
            id="provider-host"
            name="host"
            placeholder={preset?.host}
            value={host}
            onChange={(event) => setHost(event.target.value)}
          />
        </Field>
        <Field id="provider-port" label={t('port')} error={errors.port}>
          <Input
            id="provider-port"
            name="port"
            inputMode="numeric"
            placeholder={preset ? String(preset.port) : undefined}
            value={port}
            onChange={(event) => setPort(event.target.value)}
          />
        </Field>
      </div>
    </FormDialogForm>
  );
}
