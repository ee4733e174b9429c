'use client';

import { proxyProviderPresets, proxyStrategies } from '@fleetwright/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { LoaderCircle, Plus, Trash } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type ComponentProps, useEffect, useState } from 'react';
import {
  Controller,
  type FieldPath,
  FormProvider,
  useFieldArray,
  useForm,
  useFormContext,
  useWatch,
} from 'react-hook-form';
import { toast } from 'sonner';
import { CodeEditor } from '@/components/code-editor/code-editor';
import { FormAlert } from '@/components/common/form-alert';
import { FieldError, FormField, FormSection, useFieldError } from '@/components/forms/form-field';
import { ScriptPicker } from '@/components/scripts/script-picker';
import { flagEmoji } from '@/components/sessions/proxy-country';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { errorMessage, isApiError } from '@/lib/api/client';
import { type Device, useDevices } from '@/lib/api/devices';
import { useProfiles } from '@/lib/api/profiles';
import { useProxyProviders } from '@/lib/api/proxy-providers';
import { useCreateSession, useProxyChoices } from '@/lib/api/sessions';
import {
  type CreateSessionFormOutput,
  type CreateSessionFormValues,
  createSessionSchema,
  defaultFormValues,
  formFieldForPath,
  PROXY_MODES,
  SCRIPT_ORIGINS,
} from './form-schema';

type FieldName = FieldPath<CreateSessionFormValues>;

const COMMON_LOCALES = [
  'en-US',
  'en-GB',
  'de-DE',
  'fr-FR',
  'es-ES',
  'it-IT',
  'nl-NL',
  'pl-PL',
  'pt-BR',
  'ja-JP',
  'zh-CN',
];

export function CreateSessionForm() {
  const t = useTranslations('sessions.new');
  const router = useRouter();
  const createSession = useCreateSession();
  const form = useForm<CreateSessionFormValues, unknown, CreateSessionFormOutput>({
    resolver: zodResolver(createSessionSchema),
    defaultValues: defaultFormValues,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { handleSubmit, setError, formState } = form;

  const onSubmit = handleSubmit(async (body) => {
    try {
      const session = await createSession.mutateAsync(body);
      toast.success(t('created', { name: session.name }));
      router.push(`/sessions/${session.id}`);
    } catch (error) {
      // A 400 (or a 409 such as a taken name) names the offending input: show it under that input.
      const field =
        isApiError(error) && error.status >= 400 && error.status < 500 ? formFieldForPath(error.field) : null;
      if (field) {
        setError(field as FieldName, { type: 'server', message: errorMessage(error) }, { shouldFocus: true });
      } else {
        setError('root.server', { type: 'server', message: errorMessage(error) });
      }
    }
  });

  const rootError = formState.errors.root?.server?.message;

  return (
    <FormProvider {...form}>
      <form data-testid="create-session-form" noValidate onSubmit={onSubmit} className="space-y-4">
        <Card className="px-4 sm:px-5">
          <GeneralSection />
          <EmulationSection />
          <NetworkSection />
          <ScriptSection />
        </Card>

        {rootError ? <FormAlert>{rootError}</FormAlert> : null}

        <div className="flex items-center justify-end gap-2">
          <Button asChild variant="ghost">
            <Link href="/sessions">{t('cancel')}</Link>
          </Button>
          <Button type="submit" disabled={formState.isSubmitting} data-testid="create-session-submit">
            {formState.isSubmitting ? <LoaderCircle className="animate-spin" /> : null}
            {t('submit')}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}

/** An `<Input>` registered under `name`, with `id`, `aria-invalid` and `aria-describedby` wired. */
function TextField({ name, ...props }: { name: FieldName } & Omit<ComponentProps<'input'>, 'name'>) {
  const { register } = useFormContext<CreateSessionFormValues>();
  const error = useFieldError(name, true);
  return (
    <Input
      id={name}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${name}-error` : undefined}
      autoComplete="off"
      {...props}
      {...register(name)}
    />
  );
}

function CheckboxField({
  name,
  label,
  hint,
}: {
  name: 'autoStart' | 'script.enabled' | 'proxyRotation.onFailure' | 'geoFromProxy' | 'proxy.sticky';
  label: string;
  hint?: string;
}) {
  const { control } = useFormContext<CreateSessionFormValues>();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <div className="flex items-start gap-2">
          <Checkbox
            id={name}
            name={name}
            checked={field.value}
            onCheckedChange={(checked) => field.onChange(checked === true)}
            onBlur={field.onBlur}
            ref={field.ref}
            className="mt-0.5"
          />
          <div className="grid gap-1">
            <Label htmlFor={name} className="text-sm font-normal">
              {label}
            </Label>
            {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
          </div>
        </div>
      )}
    />
  );
}

const ISOLATION_OPTIONS = ['context', 'browser'] as const;

function GeneralSection() {
  const t = useTranslations('sessions.new.general');
  const { register } = useFormContext<CreateSessionFormValues>();
  return (
    <FormSection title={t('title')} description={t('description')}>
      <div className="grid gap-4 md:grid-cols-2">
        <FormField name="name" label={t('name')}>
          <TextField name="name" placeholder="checkout-monitor-eu" maxLength={100} />
        </FormField>
        <FormField name="tags" label={t('tags')} hint={t('tagsHint')} nested>
          <TextField name="tags" placeholder="eu, staging" />
        </FormField>
      </div>
      <FormField name="startUrl" label={t('startUrl')}>
        <TextField name="startUrl" type="url" inputMode="url" placeholder="https://example.com" />
      </FormField>
      <fieldset className="grid gap-1.5">
        <legend className="mb-1.5 text-xs font-medium">{t('isolation')}</legend>
        <div className="grid gap-2 md:grid-cols-2">
          {ISOLATION_OPTIONS.map((option) => (
            <label
              key={option}
              className="flex cursor-pointer items-start gap-2.5 rounded-md border p-3 transition-colors hover:bg-muted/40 has-[:checked]:border-primary/60 has-[:checked]:bg-muted/50"
            >
              <input
                type="radio"
                value={option}
                className="mt-0.5 accent-primary"
                {...register('isolation')}
              />
              <span className="grid gap-0.5">
                <span className="text-sm font-medium">{t(`isolations.${option}.label`)}</span>
                <span className="text-xs text-muted-foreground">{t(`isolations.${option}.description`)}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError name="isolation" />
      </fieldset>
      <ProfileField />
      <CheckboxField name="autoStart" label={t('autoStart')} hint={t('autoStartHint')} />
    </FormSection>
  );
}

/** A saved profile (issue 12): the session starts with its cookies and storage. */
function ProfileField() {
  const t = useTranslations('profiles.picker');
  const { register } = useFormContext<CreateSessionFormValues>();
  const profiles = useProfiles();
  const error = useFieldError('profileId');
  return (
    <FormField name="profileId" label={t('label')} hint={t('hint')}>
      <NativeSelect
        id="profileId"
        data-testid="session-profile"
        aria-invalid={error ? true : undefined}
        disabled={profiles.isPending}
        {...register('profileId')}
      >
        <option value="">{profiles.isPending ? t('loading') : t('none')}</option>
        {profiles.data?.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.name}
          </option>
        ))}
      </NativeSelect>
      {profiles.isError ? <p className="text-xs text-muted-foreground">{t('failed')}</p> : null}
    </FormField>
  );
}

function EmulationSection() {
  const t = useTranslations('sessions.new.emulation');
  const { register } = useFormContext<CreateSessionFormValues>();
  const devices = useDevices();
  const deviceName = useWatch<CreateSessionFormValues, 'device'>({ name: 'device' });
  const device: Device | undefined = devices.data?.find((item) => item.name === deviceName);
  const deviceError = useFieldError('device');

  // Time zones differ between Node and browsers: list them after hydration only.
  const [timezones, setTimezones] = useState<string[]>([]);
  useEffect(() => {
    setTimezones(Intl.supportedValuesOf('timeZone'));
  }, []);

  return (
    <FormSection title={t('title')} description={t('description')}>
      <FormField
        name="device"
        label={t('device')}
        hint={
          device
            ? t('deviceHint', {
                width: device.viewport.width,
                height: device.viewport.height,
                mobile: String(device.isMobile),
              })
            : undefined
        }
      >
        <NativeSelect
          id="device"
          aria-invalid={deviceError ? true : undefined}
          disabled={devices.isPending}
          {...register('device')}
        >
          <option value="">{devices.isPending ? t('loadingDevices') : t('noDevice')}</option>
          {devices.data?.map((item) => (
            <option key={item.name} value={item.name}>
              {item.name}
            </option>
          ))}
        </NativeSelect>
        {devices.isError ? <p className="text-xs text-muted-foreground">{t('devicesFailed')}</p> : null}
      </FormField>
      <div className="grid gap-4 md:grid-cols-2">
        <div className="grid content-start gap-1.5">
          <span className="text-xs font-medium">{t('viewport')}</span>
          <div className="grid grid-cols-[1fr_auto_1fr] items-center gap-2">
            <TextField
              name="viewport.width"
              aria-label={t('viewportWidth')}
              inputMode="numeric"
              placeholder={device ? String(device.viewport.width) : '1280'}
            />
            <span className="text-xs text-muted-foreground">×</span>
            <TextField
              name="viewport.height"
              aria-label={t('viewportHeight')}
              inputMode="numeric"
              placeholder={device ? String(device.viewport.height) : '720'}
            />
          </div>
          <FieldError name="viewport.width" />
          <FieldError name="viewport.height" />
          <FieldError name="viewport" />
        </div>
        <FormField name="userAgent" label={t('userAgent')}>
          <TextField name="userAgent" placeholder={device ? device.userAgent : t('userAgentDefault')} />
        </FormField>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <FormField name="locale" label={t('locale')}>
          <TextField name="locale" placeholder="en-US" list="locale-options" />
          <datalist id="locale-options">
            {COMMON_LOCALES.map((locale) => (
              <option key={locale} value={locale} />
            ))}
          </datalist>
        </FormField>
        <FormField name="timezone" label={t('timezone')}>
          <TextField name="timezone" placeholder="Europe/Berlin" list="timezone-options" />
          <datalist id="timezone-options">
            {timezones.map((timezone) => (
              <option key={timezone} value={timezone} />
            ))}
          </datalist>
        </FormField>
      </div>
      <div className="grid content-start gap-1.5">
        <span className="text-xs font-medium">{t('geolocation')}</span>
        <div className="grid gap-2 md:grid-cols-3">
          <TextField
            name="geolocation.latitude"
            aria-label={t('latitude')}
            inputMode="decimal"
            placeholder={t('latitudePlaceholder')}
          />
          <TextField
            name="geolocation.longitude"
            aria-label={t('longitude')}
            inputMode="decimal"
            placeholder={t('longitudePlaceholder')}
          />
          <TextField
            name="geolocation.accuracy"
            aria-label={t('accuracy')}
            inputMode="decimal"
            placeholder={t('accuracyPlaceholder')}
          />
        </div>
        <FieldError name="geolocation.latitude" />
        <FieldError name="geolocation.longitude" />
        <FieldError name="geolocation.accuracy" />
        <FieldError name="geolocation" />
      </div>
    </FormSection>
  );
}

function NetworkSection() {
  const t = useTranslations('sessions.new.network');
  const { control } = useFormContext<CreateSessionFormValues>();
  const headers = useFieldArray({ control, name: 'headers' });
  return (
    <FormSection title={t('title')} description={t('description')}>
      <ProxyFields />
      <div className="grid gap-1.5">
        <span className="text-xs font-medium">{t('headers')}</span>
        {headers.fields.length === 0 ? (
          <p className="text-xs text-muted-foreground">{t('noHeaders')}</p>
        ) : null}
        {headers.fields.map((field, index) => (
          <div key={field.id} className="grid gap-1">
            <div className="grid grid-cols-[1fr_2fr_auto] gap-2">
              <TextField
                name={`headers.${index}.name`}
                aria-label={t('headerName', { number: index + 1 })}
                placeholder="X-Name"
              />
              <TextField
                name={`headers.${index}.value`}
                aria-label={t('headerValue', { number: index + 1 })}
                placeholder={t('headerValuePlaceholder')}
              />
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={t('removeHeader', { number: index + 1 })}
                onClick={() => headers.remove(index)}
              >
                <Trash />
              </Button>
            </div>
            <FieldError name={`headers.${index}.name`} />
            <FieldError name={`headers.${index}.value`} />
          </div>
        ))}
        <FieldError name="headers" />
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            data-testid="add-header"
            onClick={() => headers.append({ name: '', value: '' })}
          >
            <Plus />
            {t('addHeader')}
          </Button>
        </div>
      </div>
    </FormSection>
  );
}

/** Rotation on failure or on a timer: to the pool's next proxy, or a provider entry's next exit. */
function RotationFields() {
  const t = useTranslations('sessions.new.network');
  return (
    <>
      <div className="grid gap-4 md:grid-cols-2">
        <CheckboxField
          name="proxyRotation.onFailure"
          label={t('rotateOnFailure')}
          hint={t('rotateOnFailureHint')}
        />
        <FormField name="proxyRotation.everyMinutes" label={t('rotateEvery')} hint={t('rotateEveryHint')}>
          <TextField name="proxyRotation.everyMinutes" inputMode="numeric" placeholder="30" />
        </FormField>
      </div>
      <FieldError name="proxyRotation" />
    </>
  );
}

/** A provider entry of the organization, the exit's country, and whether the exit is sticky. */
function ProviderFields() {
  const t = useTranslations('sessions.new.network');
  const { register } = useFormContext<CreateSessionFormValues>();
  const providers = useProxyProviders();
  const providerIdError = useFieldError('proxy.providerId');
  return (
    <>
      <div className="grid gap-4 md:grid-cols-2">
        <FormField name="proxy.providerId" label={t('providerEntry')}>
          <NativeSelect
            id="proxy.providerId"
            aria-invalid={providerIdError ? true : undefined}
            disabled={providers.isPending}
            {...register('proxy.providerId')}
          >
            <option value="">{providers.isPending ? t('loadingProviders') : t('chooseProvider')}</option>
            {providers.data?.map((provider) => (
              <option key={provider.id} value={provider.id}>
                {`${provider.name} · ${proxyProviderPresets[provider.kind].label}`}
              </option>
            ))}
          </NativeSelect>
          {providers.data && providers.data.length === 0 ? (
            <p className="text-xs text-muted-foreground">{t('providersEmpty')}</p>
          ) : null}
        </FormField>
        <FormField name="proxy.country" label={t('country')} hint={t('providerCountryHint')}>
          <TextField name="proxy.country" placeholder="DE" maxLength={2} />
        </FormField>
      </div>
      <CheckboxField name="proxy.sticky" label={t('sticky')} hint={t('stickyHint')} />
      <RotationFields />
    </>
  );
}

/** The proxy: none, a URL of the session's own, one proxy of the pool, a strategy over the pool, or a provider entry. */
function ProxyFields() {
  const t = useTranslations('sessions.new.network');
  const { register } = useFormContext<CreateSessionFormValues>();
  const mode = useWatch<CreateSessionFormValues, 'proxy.mode'>({ name: 'proxy.mode' });
  const choices = useProxyChoices(mode === 'pool');
  const proxyIdError = useFieldError('proxy.proxyId');
  return (
    <div className="grid gap-4" data-testid="proxy-fields">
      <FormField name="proxy.mode" label={t('proxySource')}>
        <NativeSelect id="proxy.mode" {...register('proxy.mode')}>
          {PROXY_MODES.map((option) => (
            <option key={option} value={option}>
              {t(`proxyModes.${option}`)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      {mode === 'url' ? (
        <FormField name="proxyUrl" label={t('proxyUrl')} hint={t('proxyUrlHint')}>
          <TextField name="proxyUrl" placeholder="http://user:pass@proxy.example.com:8080" />
        </FormField>
      ) : null}
      {mode === 'pool' ? (
        <FormField name="proxy.proxyId" label={t('poolProxy')}>
          <NativeSelect
            id="proxy.proxyId"
            aria-invalid={proxyIdError ? true : undefined}
            disabled={choices.isPending}
            {...register('proxy.proxyId')}
          >
            <option value="">{choices.isPending ? t('loadingProxies') : t('chooseProxy')}</option>
            {choices.data?.items.map((proxy) => (
              <option key={proxy.id} value={proxy.id}>
                {`${proxy.host.includes(':') ? `[${proxy.host}]` : proxy.host}:${proxy.port}`}
                {proxy.country ? ` ${flagEmoji(proxy.country)} ${proxy.country}` : ''} · {proxy.status}
              </option>
            ))}
          </NativeSelect>
          {choices.data && choices.data.items.length === 0 ? (
            <p className="text-xs text-muted-foreground">{t('poolEmpty')}</p>
          ) : null}
        </FormField>
      ) : null}
      {mode === 'strategy' ? (
        <>
          <div className="grid gap-4 md:grid-cols-3">
            <FormField name="proxy.strategy" label={t('strategy')}>
              <NativeSelect id="proxy.strategy" {...register('proxy.strategy')}>
                {proxyStrategies.map((strategy) => (
                  <option key={strategy} value={strategy}>
                    {t(`strategies.${strategy}`)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField name="proxy.country" label={t('country')} hint={t('countryHint')}>
              <TextField name="proxy.country" placeholder="DE" maxLength={2} />
            </FormField>
            <FormField name="proxy.tags" label={t('proxyTags')} hint={t('proxyTagsHint')}>
              <TextField name="proxy.tags" placeholder="residential" />
            </FormField>
          </div>
          <RotationFields />
        </>
      ) : null}
      {mode === 'provider' ? <ProviderFields /> : null}
      {mode === 'pool' || mode === 'strategy' || mode === 'provider' ? (
        <>
          <CheckboxField name="geoFromProxy" label={t('geoFromProxy')} hint={t('geoFromProxyHint')} />
          <FieldError name="proxy" />
        </>
      ) : null}
    </div>
  );
}

/** A saved script of the library, by reference: followed at its latest version or pinned to one. */
function SavedScriptField() {
  const t = useTranslations('sessions.new.script');
  const { setValue } = useFormContext<CreateSessionFormValues>();
  const scriptId = useWatch<CreateSessionFormValues, 'script.scriptId'>({ name: 'script.scriptId' });
  const version = useWatch<CreateSessionFormValues, 'script.version'>({ name: 'script.version' });
  const error = useFieldError('script.scriptId');
  return (
    <FormField name="script.scriptId" label={t('saved')}>
      <ScriptPicker
        id="script.scriptId"
        scriptId={scriptId}
        version={version === '' ? null : Number(version)}
        invalid={Boolean(error)}
        onChange={(choice) => {
          const options = { shouldDirty: true, shouldValidate: Boolean(error) };
          setValue('script.scriptId', choice.scriptId, options);
          setValue('script.version', choice.version === null ? '' : String(choice.version), options);
        }}
      />
      <FieldError name="script.version" />
    </FormField>
  );
}

function ScriptSection() {
  const t = useTranslations('sessions.new.script');
  const { control, register } = useFormContext<CreateSessionFormValues>();
  const enabled = useWatch<CreateSessionFormValues, 'script.enabled'>({ name: 'script.enabled' });
  const origin = useWatch<CreateSessionFormValues, 'script.origin'>({ name: 'script.origin' });
  const sourceError = useFieldError('script.source');
  return (
    <FormSection title={t('title')} description={t('description')}>
      <CheckboxField name="script.enabled" label={t('enabled')} />
      {enabled ? (
        <>
          <fieldset className="grid gap-2 sm:grid-cols-2">
            <legend className="sr-only">{t('origin')}</legend>
            {SCRIPT_ORIGINS.map((option) => (
              <label
                key={option}
                className="flex cursor-pointer items-start gap-2.5 rounded-md border p-3 transition-colors hover:bg-muted/40 has-[:checked]:border-primary/60 has-[:checked]:bg-muted/50"
              >
                <input
                  type="radio"
                  value={option}
                  className="mt-0.5 accent-primary"
                  data-testid={`script-origin-${option}`}
                  {...register('script.origin')}
                />
                <span className="grid gap-0.5">
                  <span className="text-sm font-medium">{t(`origins.${option}.label`)}</span>
                  <span className="text-xs text-muted-foreground">{t(`origins.${option}.hint`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {origin === 'saved' ? (
            <SavedScriptField />
          ) : (
            <div className="grid gap-1.5">
              <Label className="text-xs">{t('source')}</Label>
              <Controller
                control={control}
                name="script.source"
                render={({ field }) => (
                  <CodeEditor
                    testId="script-editor"
                    ariaLabel={t('title')}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    invalid={Boolean(sourceError)}
                  />
                )}
              />
              <FieldError name="script.source" />
            </div>
          )}
          <div className="grid gap-4 md:grid-cols-2">
            <FormField name="script.intervalMin" label={t('intervalMin')}>
              <TextField name="script.intervalMin" inputMode="decimal" />
            </FormField>
            <FormField name="script.intervalMax" label={t('intervalMax')}>
              <TextField name="script.intervalMax" inputMode="decimal" />
            </FormField>
          </div>
          <FieldError name="script" />
        </>
      ) : null}
    </FormSection>
  );
}
