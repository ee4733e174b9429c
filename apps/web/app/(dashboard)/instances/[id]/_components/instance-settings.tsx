'use client';

import type { Instance } from '@fleetwright/contracts';
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
export function InstanceSettings({ instance }: { instance: Instance }) {
  const now = useNow();
  const workers = useWorkers();
  const worker = workers.data?.find((item) => item.id === instance.workerId);
  const headers = Object.entries(instance.headers);

  return (
    <Card data-testid="instance-details" className="overflow-hidden">
      <CardHeader>
        <CardTitle>Details</CardTitle>
      </CardHeader>
      {instance.lastError ? (
        <div
          data-testid="instance-last-error"
          className="border-b border-red-200 bg-red-50 px-4 py-2 text-xs text-red-700"
        >
          <span className="font-semibold">Last error: </span>
          <span className="font-mono break-all">{instance.lastError}</span>
        </div>
      ) : null}
      <dl className="divide-y divide-border/60 py-1">
        <Row label="ID">
          <Mono>{instance.id}</Mono>
        </Row>
        <Row label="Worker">
          {instance.workerId ? (
            <span title={instance.workerId}>
              {worker ? worker.host : <Mono>{instance.workerId}</Mono>}
              {instance.browserPid ? <Muted> · PID {instance.browserPid}</Muted> : null}
            </span>
          ) : (
            <Muted>Not assigned</Muted>
          )}
        </Row>
        <Row label="Restarts">{instance.restartCount}</Row>
        <Row label="Started">
          {instance.startedAt ? (
            <span title={formatDateTime(instance.startedAt)}>
              {formatRelativeTime(instance.startedAt, now)}
            </span>
          ) : (
            <Muted />
          )}
        </Row>
        <Row label="Stopped">
          {instance.stoppedAt ? (
            <span title={formatDateTime(instance.stoppedAt)}>
              {formatRelativeTime(instance.stoppedAt, now)}
            </span>
          ) : (
            <Muted />
          )}
        </Row>
        <Row label="Last activity">
          {instance.lastActivityAt ? (
            <span title={formatDateTime(instance.lastActivityAt)}>
              {formatRelativeTime(instance.lastActivityAt, now)}
            </span>
          ) : (
            <Muted />
          )}
        </Row>
        <Row label="Isolation">
          {instance.isolation === 'browser' ? 'Own browser' : 'Shared browser (context)'}
        </Row>
        <Row label="Start URL">
          <Mono>{instance.startUrl}</Mono>
        </Row>
        <Row label="Device">{instance.device ?? <Muted>None</Muted>}</Row>
        <Row label="Viewport">
          {instance.viewport ? (
            `${instance.viewport.width}×${instance.viewport.height}`
          ) : (
            <Muted>Default</Muted>
          )}
        </Row>
        <Row label="Locale">{instance.locale ?? <Muted>Default</Muted>}</Row>
        <Row label="Time zone">{instance.timezone ?? <Muted>Default</Muted>}</Row>
        <Row label="Geolocation">
          {instance.geolocation ? (
            `${instance.geolocation.latitude}, ${instance.geolocation.longitude}${
              instance.geolocation.accuracy !== undefined ? ` ±${instance.geolocation.accuracy} m` : ''
            }`
          ) : (
            <Muted>None</Muted>
          )}
        </Row>
        <Row label="User agent">
          {instance.userAgent ? <Mono>{instance.userAgent}</Mono> : <Muted>Default</Muted>}
        </Row>
        <Row label="Proxy">
          {instance.proxyUrl ? <Mono>{instance.proxyUrl}</Mono> : <Muted>Direct</Muted>}
        </Row>
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
          {instance.script ? (
            <span>
              Every {instance.script.intervalMin}–{instance.script.intervalMax} s
              <Muted> · {instance.script.source.length} chars</Muted>
            </span>
          ) : (
            <Muted>None</Muted>
          )}
        </Row>
        <Row label="Created">{formatDateTime(instance.createdAt)}</Row>
      </dl>
    </Card>
  );
}
