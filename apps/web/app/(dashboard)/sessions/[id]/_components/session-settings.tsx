'use client';

import type { Session } from '@fleetwright/contracts';
import type * as React from 'react';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { useWorkers } from '@/lib/api/workers';
import { formatDateTime, formatRelativeTime } from '@/lib/format';
import { useNow } from '@/lib/hooks/use-now';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[7.5rem_1fr] gap-3 px-4 py-1.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words text-xs">{children}</dd>
    </div>
  );
}

function Muted({ children = '—' }: { children?: React.ReactNode }) {
  return <span className="text-muted-foreground">{children}</span>;
}

function Mono({ children, title }: { children: React.ReactNode; title?: string }) {
  return (
    <span className="font-mono break-all" title={title}>
      {children}
    </span>
  );
}

/** Settings the session was created with, and what the fleet did with it since. */
export function SessionSettings({ session }: { session: Session }) {
  const now = useNow();
  const workers = useWorkers();
  const worker = workers.data?.find((item) => item.id === session.workerId);
  const headers = Object.entries(session.headers);

  return (
    <Card data-testid="session-details" className="overflow-hidden">
      <CardHeader>
        <CardTitle>Details</CardTitle>
      </CardHeader>
      {session.lastError ? (
        <div
          data-testid="session-last-error"
          className="border-b border-red-200 bg-red-50 px-4 py-2 text-xs text-red-700"
        >
          <span className="font-semibold">Last error: </span>
          <span className="font-mono break-all">{session.lastError}</span>
        </div>
      ) : null}
      <dl className="divide-y divide-border/60 py-1">
        <Row label="ID">
          <Mono>{session.id}</Mono>
        </Row>
        <Row label="Worker">
          {session.workerId ? (
            <span title={session.workerId}>
              {worker ? worker.host : <Mono>{session.workerId}</Mono>}
              {session.browserPid ? <Muted> · PID {session.browserPid}</Muted> : null}
            </span>
          ) : (
            <Muted>Not assigned</Muted>
          )}
        </Row>
        <Row label="Restarts">{session.restartCount}</Row>
        <Row label="Started">
          {session.startedAt ? (
            <span title={formatDateTime(session.startedAt)}>
              {formatRelativeTime(session.startedAt, now)}
            </span>
          ) : (
            <Muted />
          )}
        </Row>
        <Row label="Stopped">
          {session.stoppedAt ? (
            <span title={formatDateTime(session.stoppedAt)}>
              {formatRelativeTime(session.stoppedAt, now)}
            </span>
          ) : (
            <Muted />
          )}
        </Row>
        <Row label="Last activity">
          {session.lastActivityAt ? (
            <span title={formatDateTime(session.lastActivityAt)}>
              {formatRelativeTime(session.lastActivityAt, now)}
            </span>
          ) : (
            <Muted />
          )}
        </Row>
        <Row label="Isolation">
          {session.isolation === 'browser' ? 'Own browser' : 'Shared browser (context)'}
        </Row>
        <Row label="Start URL">
          <Mono>{session.startUrl}</Mono>
        </Row>
        <Row label="Device">{session.device ?? <Muted>None</Muted>}</Row>
        <Row label="Viewport">
          {session.viewport ? `${session.viewport.width}×${session.viewport.height}` : <Muted>Default</Muted>}
        </Row>
        <Row label="Locale">{session.locale ?? <Muted>Default</Muted>}</Row>
        <Row label="Time zone">{session.timezone ?? <Muted>Default</Muted>}</Row>
        <Row label="Geolocation">
          {session.geolocation ? (
            `${session.geolocation.latitude}, ${session.geolocation.longitude}${
              session.geolocation.accuracy !== undefined ? ` ±${session.geolocation.accuracy} m` : ''
            }`
          ) : (
            <Muted>None</Muted>
          )}
        </Row>
        <Row label="User agent">
          {session.userAgent ? <Mono>{session.userAgent}</Mono> : <Muted>Default</Muted>}
        </Row>
        <Row label="Proxy">{session.proxyUrl ? <Mono>{session.proxyUrl}</Mono> : <Muted>Direct</Muted>}</Row>
        <Row label="Headers">
          {headers.length === 0 ? (
            <Muted>None</Muted>
          ) : (
            <ul className="space-y-0.5">
              {headers.map(([name, value]) => (
                <li key={name}>
                  <Mono>
                    {name}: {value}
                  </Mono>
                </li>
              ))}
            </ul>
          )}
        </Row>
        <Row label="Page script">
          {session.script ? (
            <span>
              Every {session.script.intervalMin}–{session.script.intervalMax} s
              <Muted> · {session.script.source.length} chars</Muted>
            </span>
          ) : (
            <Muted>None</Muted>
          )}
        </Row>
        <Row label="Created">{formatDateTime(session.createdAt)}</Row>
      </dl>
    </Card>
  );
}
