'use client';

import { httpUrlSchema, type Session } from '@fleetwright/contracts';
import { Camera, LoaderCircle, Navigation, Play, RotateCw, Square } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { SaveProfileButton } from '@/components/profiles/save-profile-dialog';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { useCan } from '@/lib/api/accounts';
import { errorMessage } from '@/lib/api/client';
import {
  fetchSessionScreenshot,
  type SessionAction,
  useNavigateSession,
  useSessionAction,
} from '@/lib/api/sessions';
import { useValidationMessage } from '@/lib/validation-messages';
import { DeleteSessionDialog } from './delete-session-dialog';

/** Start / stop / restart, screenshot and delete; enabled according to the live status. */
export function SessionActions({ session }: { session: Session }) {
  const t = useTranslations('sessions.actions');
  const action = useSessionAction(session.id);
  // Screenshots only read; start, stop, restart and delete need write permission.
  const canWrite = useCan('write');
  const [screenshotPending, setScreenshotPending] = useState(false);
  const { status } = session;
  const running = status === 'RUNNING';

  const run = (next: SessionAction) =>
    action.mutate(next, {
      onSuccess: () => toast.success(t(`${next}.done`, { name: session.name })),
      onError: (error) => toast.error(t(`${next}.failed`), { description: errorMessage(error) }),
    });

  const takeScreenshot = async () => {
    setScreenshotPending(true);
    try {
      const blob = await fetchSessionScreenshot(session.id);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${session.name.replace(/[^\w.-]+/g, '-')}-${new Date().toISOString().replace(/[:.]/g, '-')}.jpg`;
      document.body.append(link);
      link.click();
      link.remove();
      // Give the download a moment to start before the URL is revoked.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      toast.error(t('screenshotFailed'), { description: errorMessage(error) });
    } finally {
      setScreenshotPending(false);
    }
  };

  const pending = action.isPending ? action.variables : undefined;
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      {canWrite ? (
        <>
          <Button
            variant="outline"
            data-testid="session-start"
            disabled={action.isPending || !(status === 'STOPPED' || status === 'ERROR')}
            onClick={() => run('start')}
          >
            {pending === 'start' ? <LoaderCircle className="animate-spin" /> : <Play />}
            {t('start.button')}
          </Button>
          <Button
            variant="outline"
            data-testid="session-stop"
            disabled={
              action.isPending || !(status === 'PENDING' || status === 'STARTING' || status === 'RUNNING')
            }
            onClick={() => run('stop')}
          >
            {pending === 'stop' ? <LoaderCircle className="animate-spin" /> : <Square />}
            {t('stop.button')}
          </Button>
          <Button
            variant="outline"
            data-testid="session-restart"
            disabled={action.isPending || !(status === 'RUNNING' || status === 'ERROR')}
            onClick={() => run('restart')}
          >
            {pending === 'restart' ? <LoaderCircle className="animate-spin" /> : <RotateCw />}
            {t('restart.button')}
          </Button>
        </>
      ) : null}
      <Button
        variant="outline"
        data-testid="session-screenshot"
        disabled={!running || screenshotPending}
        onClick={() => void takeScreenshot()}
      >
        {screenshotPending ? <LoaderCircle className="animate-spin" /> : <Camera />}
        {t('screenshot')}
      </Button>
      {canWrite ? <SaveProfileButton session={session} /> : null}
      {canWrite ? <DeleteSessionDialog session={session} /> : null}
    </div>
  );
}

/** Sends the running page to another URL. */
export function NavigateForm({ session }: { session: Session }) {
  const t = useTranslations('sessions.navigate');
  const translateValidation = useValidationMessage();
  const navigate = useNavigateSession(session.id);
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const running = session.status === 'RUNNING';

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = httpUrlSchema.safeParse(url.trim());
    if (!parsed.success) {
      setError(
        translateValidation(parsed.error.issues[0]?.message ?? 'must be an absolute http:// or https:// URL'),
      );
      return;
    }
    setError(null);
    navigate.mutate(parsed.data, {
      onSuccess: (result) => {
        toast.success(t('done'), { description: result.url });
        setUrl('');
      },
      onError: (failure) => setError(errorMessage(failure)),
    });
  };

  return (
    <form data-testid="navigate-form" noValidate onSubmit={onSubmit} className="grid gap-1">
      <div className="flex gap-1.5">
        <Input
          name="url"
          type="url"
          inputMode="url"
          aria-label={t('url')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'navigate-url-error' : undefined}
          placeholder={running ? (session.currentUrl ?? 'https://') : t('notRunning')}
          disabled={!running}
          value={url}
          onChange={(event) => {
            setUrl(event.target.value);
            if (error) setError(null);
          }}
          className="font-mono text-xs"
        />
        <Button
          type="submit"
          variant="secondary"
          disabled={!running || navigate.isPending || url.trim() === ''}
        >
          {navigate.isPending ? <LoaderCircle className="animate-spin" /> : <Navigation />}
          {t('go')}
        </Button>
      </div>
      {error ? (
        <p
          id="navigate-url-error"
          data-testid="field-error-url"
          role="alert"
          className="text-xs text-destructive"
        >
          {error}
        </p>
      ) : null}
    </form>
  );
}
