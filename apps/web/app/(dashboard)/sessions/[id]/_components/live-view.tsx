'use client';

import type { Session } from '@fleetwright/contracts';
import { LoaderCircle, MonitorOff } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useStatusLabel } from '@/components/sessions/status-badge';
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { useFormat } from '@/lib/hooks/use-format';
import { useSessionFrames } from '@/lib/socket';

interface Frame {
  src: string;
  width: number;
  height: number;
  at: string;
}

/** The page as the worker's screencast shows it; frames flow only while this is mounted. */
export function LiveView({ session }: { session: Session }) {
  const t = useTranslations('sessions.liveView');
  const format = useFormat();
  const statusLabel = useStatusLabel();
  const running = session.status === 'RUNNING';
  const [frame, setFrame] = useState<Frame | null>(null);

  useSessionFrames(session.id, running ? 'running' : 'idle', (event) =>
    setFrame({
      src: `data:image/jpeg;base64,${event.data}`,
      width: event.width,
      height: event.height,
      at: event.at,
    }),
  );

  // A stopped page must not keep showing its last picture as if it were live.
  const [wasRunning, setWasRunning] = useState(running);
  if (wasRunning !== running) {
    setWasRunning(running);
    if (!running) setFrame(null);
  }

  const width = frame?.width ?? session.viewport?.width ?? 1280;
  const height = frame?.height ?? session.viewport?.height ?? 720;

  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <CardDescription>
          {frame ? `${frame.width}×${frame.height} · ${format.clock(frame.at)}` : t('description')}
        </CardDescription>
        <CardAction>
          {frame ? (
            <span className="inline-flex items-center gap-1.5 rounded-md bg-red-50 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-red-700 uppercase dark:bg-red-950 dark:text-red-300">
              <span className="size-1.5 animate-pulse rounded-full bg-red-500" />
              {t('live')}
            </span>
          ) : null}
        </CardAction>
      </CardHeader>
      <div
        data-testid="live-view"
        className="relative flex max-h-[70vh] items-center justify-center bg-zinc-950"
        style={{ aspectRatio: `${width} / ${height}` }}
      >
        {frame ? (
          // biome-ignore lint/performance/noImgElement: a stream of data: URLs, nothing for next/image to optimize.
          <img
            data-testid="live-view-frame"
            src={frame.src}
            width={frame.width}
            height={frame.height}
            alt={t('alt', { name: session.name })}
            className="h-full w-full object-contain"
            draggable={false}
          />
        ) : running ? (
          <div className="flex flex-col items-center gap-2 text-xs text-zinc-400">
            <LoaderCircle className="size-5 animate-spin" />
            {t('waiting')}
          </div>
        ) : (
          <div
            data-testid="live-view-placeholder"
            className="flex flex-col items-center gap-2 text-xs text-zinc-400"
          >
            <MonitorOff className="size-6" />
            <span className="text-sm text-zinc-300">{t('notRunning')}</span>
            <span className="px-4 text-center">
              {t('startToSee', { status: statusLabel(session.status).toLowerCase() })}
            </span>
          </div>
        )}
      </div>
    </Card>
  );
}
