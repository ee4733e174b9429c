'use client';

import { proxyProviderPresets, type Session } from '@fleetwright/contracts';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { ProxyCountry } from '@/components/sessions/proxy-country';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { useWorkers } from '@/lib/api/workers';
import { useFormat } from '@/lib/hooks/use-format';
import { useNow } from '@/lib/hooks/use-now';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[minmax(6rem,8.5rem)_1fr] gap-3 px-4 py-1.5">
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

/** The pool proxy or the provider entry with its country, the session's own proxy URL, or "direct". */
function ProxyValue({ session }: { session: Session }) {
  const t = useTranslations('sessions.details');
  if (session.proxyProvider) {
    const { name, kind } = session.proxyProvider;
    return (
      <span className="flex flex-wrap items-center gap-x-2" data-testid="session-provider-proxy">
        <span>{name}</span>
        <Muted>{proxyProviderPresets[kind].label}</Muted>
        <ProxyCountry country={session.proxyCountry} />
      </span>
    );
  }
  if (session.poolProxy) {
    const { protocol, host, port } = session.poolProxy;
    return (
      <span className="flex flex-wrap items-center gap-x-2" data-testid="session-pool-proxy">
        <Mono>{`${protocol}://${host.includes(':') ? `[${host}]` : host}:${port}`}</Mono>
        <ProxyCountry country={session.proxyCountry} />
      </span>
    );
  }
  if (session.proxy) return <Muted>{t('proxyNotAssigned')}</Muted>;
  return session.proxyUrl ? <Mono>{session.proxyUrl}</Mono> : <Muted>{t('direct')}</Muted>;
}

/** Settings the session was created with, and what the fleet did with it since. */
export function SessionSettings({ session }: { session: Session }) {
  const t = useTranslations('sessions.details');
  const tScripts = useTranslations('scripts.reference');
  const format = useFormat();
  const now = useNow();
  const workers = useWorkers();
  const worker = workers.data?.find((item) => item.id === session.workerId);
  const headers = Object.entries(session.headers);

  return (
    <Card data-testid="session-details" className="overflow-hidden">
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
      </CardHeader>
      {session.lastError ? (
        <div
          data-testid="session-last-error"
          className="border-b border-red-200 bg-red-50 px-4 py-2 text-xs text-red-700 dark:border-red-900 dark:bg-red-950/50 dark:text-red-300"
        >
          <span className="font-semibold">{t('lastError')} </span>
          <span className="font-mono break-all">{session.lastError}</span>
        </div>
      ) : null}
      <dl className="divide-y divide-border/60 py-1">
        <Row label={t('id')}>
          <Mono>{session.id}</Mono>
        </Row>
        <Row label={t('worker')}>
          {session.workerId ? (
            <span title={session.workerId}>
              {worker ? worker.host : <Mono>{session.workerId}</Mono>}
              {session.browserPid ? <Muted> · {t('pid', { pid: session.browserPid })}</Muted> : null}
            </span>
          ) : (
            <Muted>{t('notAssigned')}</Muted>
          )}
        </Row>
        <Row label={t('restarts')}>{format.number(session.restartCount)}</Row>
        <Row label={t('started')}>
          {session.startedAt ? (
            <span title={format.dateTime(session.startedAt)}>
              {format.relativeTime(session.startedAt, now)}
            </span>
          ) : (
            <Muted />
          )}
        </Row>
        <Row label={t('stopped')}>
          {session.stoppedAt ? (
            <span title={format.dateTime(session.stoppedAt)}>
              {format.relativeTime(session.stoppedAt, now)}
            </span>
          ) : (
            <Muted />
          )}
        </Row>
        <Row label={t('lastActivity')}>
          {session.lastActivityAt ? (
            <span title={format.dateTime(session.lastActivityAt)}>
              {format.relativeTime(session.lastActivityAt, now)}
            </span>
          ) : (
            <Muted />
          )}
        </Row>
        <Row label={t('isolation')}>{t(`isolations.${session.isolation}`)}</Row>
        <Row label={t('startUrl')}>
          <Mono>{session.startUrl}</Mono>
        </Row>
        <Row label={t('device')}>{session.device ?? <Muted>{t('none')}</Muted>}</Row>
        <Row label={t('viewport')}>
          {session.viewport ? (
            `${session.viewport.width}×${session.viewport.height}`
          ) : (
            <Muted>{t('default')}</Muted>
          )}
        </Row>
        <Row label={t('locale')}>{session.locale ?? <Muted>{t('default')}</Muted>}</Row>
        <Row label={t('timezone')}>{session.timezone ?? <Muted>{t('default')}</Muted>}</Row>
        <Row label={t('geolocation')}>
          {session.geolocation ? (
            `${format.number(session.geolocation.latitude, 6)}, ${format.number(session.geolocation.longitude, 6)}${
              session.geolocation.accuracy !== undefined
                ? ` ±${format.number(session.geolocation.accuracy)} m`
                : ''
            }`
          ) : (
            <Muted>{t('none')}</Muted>
          )}
        </Row>
        <Row label={t('userAgent')}>
          {session.userAgent ? <Mono>{session.userAgent}</Mono> : <Muted>{t('default')}</Muted>}
        </Row>
        <Row label={t('proxy')}>
          <ProxyValue session={session} />
        </Row>
        {session.proxy ? (
          <>
            <Row label={t('proxyChoice')}>
              {'strategy' in session.proxy ? (
                <span data-testid="session-proxy-strategy">
                  {t(`strategies.${session.proxy.strategy}`)}
                  {session.proxy.country ? <Muted> · {session.proxy.country}</Muted> : null}
                  {session.proxy.tags?.length ? <Muted> · {session.proxy.tags.join(', ')}</Muted> : null}
                </span>
              ) : 'providerId' in session.proxy ? (
                <span data-testid="session-proxy-provider">
                  {t('providerEntry')}
                  {session.proxy.country ? <Muted> · {session.proxy.country}</Muted> : null}
                  <Muted> · {session.proxy.sticky ? t('stickyExit') : t('rotatingExits')}</Muted>
                </span>
              ) : (
                t('specificProxy')
              )}
            </Row>
            <Row label={t('proxyRotation')}>
              {session.proxyRotation.onFailure || session.proxyRotation.everyMinutes ? (
                <span>
                  {[
                    session.proxyRotation.onFailure ? t('rotateOnFailure') : null,
                    session.proxyRotation.everyMinutes
                      ? t('rotateEvery', { minutes: session.proxyRotation.everyMinutes })
                      : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              ) : (
                <Muted>{t('none')}</Muted>
              )}
            </Row>
            <Row label={t('geoFromProxy')}>{session.geoFromProxy ? t('yes') : <Muted>{t('no')}</Muted>}</Row>
          </>
        ) : null}
        <Row label={t('headers')}>
          {headers.length === 0 ? (
            <Muted>{t('none')}</Muted>
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
        <Row label={t('script')}>
          {session.script ? (
            <span>
              {t('scriptEvery', { min: session.script.intervalMin, max: session.script.intervalMax })}
              <Muted>
                {' · '}
                {session.script.source !== undefined ? (
                  t('scriptLength', { count: session.script.source.length })
                ) : (
                  // A saved script by reference (issue 11): its editor has the source and history.
                  <Link
                    href={`/scripts/${session.script.scriptId}`}
                    className="underline hover:text-foreground"
                  >
                    {tScripts('savedScript', { version: session.script.version ?? 0 })}
                  </Link>
                )}
              </Muted>
            </span>
          ) : (
            <Muted>{t('none')}</Muted>
          )}
        </Row>
        <Row label={t('created')}>{format.dateTime(session.createdAt)}</Row>
      </dl>
    </Card>
  );
}
