'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { LoaderCircle, Plus, Trash } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
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
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { errorMessage, isApiError } from '@/lib/api/client';
import { type Device, useDevices } from '@/lib/api/devices';
import { useCreateSession } from '@/lib/api/sessions';
import { FieldError, FormField, FormSection, useFieldError } from './form-field';
import {
  type CreateSessionFormOutput,
  type CreateSessionFormValues,
  createSessionSchema,
  defaultFormValues,
  formFieldForPath,
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
      toast.success(`Session “${session.name}” created`);
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
        <Card className="px-5">
          <GeneralSection />
          <EmulationSection />
          <NetworkSection />
          <ScriptSection />
        </Card>

        {rootError ? <FormAlert>{rootError}</FormAlert> : null}

        <div className="flex items-center justify-end gap-2">
          <Button asChild variant="ghost">
            <Link href="/sessions">Cancel</Link>
          </Button>
          <Button type="submit" disabled={formState.isSubmitting} data-testid="create-session-submit">
            {formState.isSubmitting ? <LoaderCircle className="animate-spin" /> : null}
            Create session
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
  name: 'autoStart' | 'script.enabled';
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

const ISOLATION_OPTIONS = [
  {
    value: 'context',
    label: 'Shared browser',
    description: 'A private context in a browser shared with other sessions. Dense and fast.',
  },
  {
    value: 'browser',
    label: 'Own browser',
    description: 'A dedicated Chromium process and profile. Strongest isolation, more memory.',
  },
] as const;

function GeneralSection() {
  const { register } = useFormContext<CreateSessionFormValues>();
  return (
    <FormSection title="General" description="What the session is called and where it starts.">
      <div className="grid gap-4 md:grid-cols-2">
        <FormField name="name" label="Name">
          <TextField name="name" placeholder="checkout-monitor-eu" maxLength={100} />
        </FormField>
        <FormField name="tags" label="Tags" hint="Comma or space separated, e.g. eu staging" nested>
          <TextField name="tags" placeholder="eu, staging" />
        </FormField>
      </div>
      <FormField name="startUrl" label="Start URL">
        <TextField name="startUrl" type="url" inputMode="url" placeholder="https://example.com" />
      </FormField>
      <fieldset className="grid gap-1.5">
        <legend className="mb-1.5 text-xs font-medium">Isolation</legend>
        <div className="grid gap-2 md:grid-cols-2">
          {ISOLATION_OPTIONS.map((option) => (
            <label
              key={option.value}
              className="flex cursor-pointer items-start gap-2.5 rounded-md border p-3 transition-colors hover:bg-muted/40 has-[:checked]:border-primary/60 has-[:checked]:bg-muted/50"
            >
              <input
                type="radio"
                value={option.value}
                className="mt-0.5 accent-primary"
                {...register('isolation')}
              />
              <span className="grid gap-0.5">
                <span className="text-sm font-medium">{option.label}</span>
                <span className="text-xs text-muted-foreground">{option.description}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError name="isolation" />
      </fieldset>
      <CheckboxField
        name="autoStart"
        label="Start right away"
        hint="Otherwise the session is created stopped."
      />
    </FormSection>
  );
}

function EmulationSection() {
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
    <FormSection
      title="Emulation"
      description="Device, screen, language and place the page sees. Empty fields keep the browser's defaults."
    >
      <FormField
        name="device"
        label="Device preset"
        hint={
          device
            ? `${device.viewport.width}×${device.viewport.height}${device.isMobile ? ', mobile' : ''}. Fields below override it.`
            : undefined
        }
      >
        <NativeSelect
          id="device"
          aria-invalid={deviceError ? true : undefined}
          disabled={devices.isPending}
          {...register('device')}
        >
          <option value="">{devices.isPending ? 'Loading devices…' : 'None (desktop Chromium)'}</option>
          {devices.data?.map((item) => (
            <option key={item.name} value={item.name}>
              {item.name}
            </option>
          ))}
        </NativeSelect>
        {devices.isError ? (
          <p className="text-xs text-muted-foreground">Device presets could not be loaded.</p>
        ) : null}
      </FormField>
      <div className="grid gap-4 md:grid-cols-2">
        <div className="grid content-start gap-1.5">
          <span className="text-xs font-medium">Viewport (px)</span>
          <div className="grid grid-cols-[1fr_auto_1fr] items-center gap-2">
            <TextField
              name="viewport.width"
              aria-label="Viewport width"
              inputMode="numeric"
              placeholder={device ? String(device.viewport.width) : '1280'}
            />
            <span className="text-xs text-muted-foreground">×</span>
            <TextField
              name="viewport.height"
              aria-label="Viewport height"
              inputMode="numeric"
              placeholder={device ? String(device.viewport.height) : '720'}
            />
          </div>
          <FieldError name="viewport.width" />
          <FieldError name="viewport.height" />
          <FieldError name="viewport" />
        </div>
        <FormField name="userAgent" label="User agent">
          <TextField name="userAgent" placeholder={device ? device.userAgent : 'Chromium default'} />
        </FormField>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <FormField name="locale" label="Locale">
          <TextField name="locale" placeholder="en-US" list="locale-options" />
          <datalist id="locale-options">
            {COMMON_LOCALES.map((locale) => (
              <option key={locale} value={locale} />
            ))}
          </datalist>
        </FormField>
        <FormField name="timezone" label="Time zone">
          <TextField name="timezone" placeholder="Europe/Berlin" list="timezone-options" />
          <datalist id="timezone-options">
            {timezones.map((timezone) => (
              <option key={timezone} value={timezone} />
            ))}
          </datalist>
        </FormField>
      </div>
      <div className="grid content-start gap-1.5">
        <span className="text-xs font-medium">Geolocation</span>
        <div className="grid gap-2 md:grid-cols-3">
          <TextField
            name="geolocation.latitude"
            aria-label="Latitude"
            inputMode="decimal"
            placeholder="Latitude, e.g. 52.52"
          />
          <TextField
            name="geolocation.longitude"
            aria-label="Longitude"
            inputMode="decimal"
            placeholder="Longitude, e.g. 13.405"
          />
          <TextField
            name="geolocation.accuracy"
            aria-label="Accuracy in metres"
            inputMode="decimal"
            placeholder="Accuracy (m), optional"
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
  const { control } = useFormContext<CreateSessionFormValues>();
  const headers = useFieldArray({ control, name: 'headers' });
  return (
    <FormSection title="Network" description="Where traffic goes out, and headers sent with every request.">
      <FormField
        name="proxyUrl"
        label="Proxy URL"
        hint="http://, https:// or socks5:// with host and port. The password is masked once saved."
      >
        <TextField name="proxyUrl" placeholder="http://user:pass@proxy.example.com:8080" />
      </FormField>
      <div className="grid gap-1.5">
        <span className="text-xs font-medium">Extra HTTP headers</span>
        {headers.fields.length === 0 ? (
          <p className="text-xs text-muted-foreground">No extra headers.</p>
        ) : null}
        {headers.fields.map((field, index) => (
          <div key={field.id} className="grid gap-1">
            <div className="grid grid-cols-[1fr_2fr_auto] gap-2">
              <TextField
                name={`headers.${index}.name`}
                aria-label={`Header ${index + 1} name`}
                placeholder="X-Name"
              />
              <TextField
                name={`headers.${index}.value`}
                aria-label={`Header ${index + 1} value`}
                placeholder="value"
              />
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={`Remove header ${index + 1}`}
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
            Add header
          </Button>
        </div>
      </div>
    </FormSection>
  );
}

function ScriptSection() {
  const { control } = useFormContext<CreateSessionFormValues>();
  const enabled = useWatch<CreateSessionFormValues, 'script.enabled'>({ name: 'script.enabled' });
  const sourceError = useFieldError('script.source');
  return (
    <FormSection
      title="Page script"
      description="JavaScript evaluated inside the page on a jittered interval. It runs in the browser sandbox only."
    >
      <CheckboxField name="script.enabled" label="Run a page script" />
      {enabled ? (
        <>
          <div className="grid gap-1.5">
            <Label className="text-xs">Script</Label>
            <Controller
              control={control}
              name="script.source"
              render={({ field }) => (
                <CodeEditor
                  testId="script-editor"
                  ariaLabel="Page script"
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  invalid={Boolean(sourceError)}
                />
              )}
            />
            <FieldError name="script.source" />
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <FormField name="script.intervalMin" label="Interval min (s)">
              <TextField name="script.intervalMin" inputMode="decimal" />
            </FormField>
            <FormField name="script.intervalMax" label="Interval max (s)">
              <TextField name="script.intervalMax" inputMode="decimal" />
            </FormField>
          </div>
          <FieldError name="script" />
        </>
      ) : null}
    </FormSection>
  );
}
