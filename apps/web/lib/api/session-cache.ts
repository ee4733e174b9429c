import type { LogLevel, Session, SessionLog, SessionMetric, SessionPage } from '@fleetwright/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { sessionKeys } from './query-keys';

/** The logs panel keeps at most this many lines in memory; older ones are a page away in the API. */
export const MAX_LOG_LINES = 1000;
/** One hour of samples at the workers' 5 s metrics interval. */
export const MAX_METRIC_POINTS = 720;

const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** `level` is a minimum, as in the API: `warn` keeps warn and error. */
export function logMatchesLevel(log: Pick<SessionLog, 'level'>, level: LogLevel | undefined): boolean {
  return level === undefined || LEVEL_RANK[log.level] >= LEVEL_RANK[level];
}

type SessionPatch = Partial<Session> | ((session: Session) => Session);

function applyPatch(session: Session, patch: SessionPatch): Session {
  return typeof patch === 'function' ? patch(session) : { ...session, ...patch };
}

/** Changes one session wherever it is cached: its detail query and every list page that shows it. */
export function patchCachedSession(queryClient: QueryClient, id: string, patch: SessionPatch): void {
  queryClient.setQueryData<Session>(sessionKeys.detail(id), (current) =>
    current ? applyPatch(current, patch) : current,
  );
  queryClient.setQueriesData<SessionPage>({ queryKey: sessionKeys.lists() }, (page) => {
    if (!page?.items.some((item) => item.id === id)) return page;
    return { ...page, items: page.items.map((item) => (item.id === id ? applyPatch(item, patch) : item)) };
  });
}

/** Stores a full session the API (or an event) just gave us. */
export function storeSession(queryClient: QueryClient, session: Session): void {
  queryClient.setQueryData(sessionKeys.detail(session.id), session);
  patchCachedSession(queryClient, session.id, () => session);
}

export function forgetSession(queryClient: QueryClient, id: string): void {
  queryClient.removeQueries({ queryKey: sessionKeys.detail(id) });
  queryClient.removeQueries({ queryKey: sessionKeys.logs(id) });
  queryClient.removeQueries({ queryKey: sessionKeys.metrics(id) });
  queryClient.setQueriesData<SessionPage>({ queryKey: sessionKeys.lists() }, (page) => {
    if (!page?.items.some((item) => item.id === id)) return page;
    return {
      ...page,
      items: page.items.filter((item) => item.id !== id),
      total: Math.max(0, page.total - 1),
    };
  });
}

/** Prepends a live log line to the cached log queries of its session whose level filter it passes. */
export function appendCachedLog(queryClient: QueryClient, log: SessionLog): void {
  for (const [key, lines] of queryClient.getQueriesData<SessionLog[]>({
    queryKey: sessionKeys.logs(log.sessionId),
  })) {
    if (!lines) continue;
    const level = key[3] === 'all' ? undefined : (key[3] as LogLevel);
    if (!logMatchesLevel(log, level)) continue;
    // The same line can arrive through both the organization and the session room.
    if (lines.some((line) => line.id === log.id)) continue;
    queryClient.setQueryData<SessionLog[]>(key, [log, ...lines].slice(0, MAX_LOG_LINES));
  }
}

export function appendCachedMetric(queryClient: QueryClient, metric: SessionMetric): void {
  queryClient.setQueryData<SessionMetric[]>(sessionKeys.metrics(metric.sessionId), (points) => {
    if (!points) return points;
    if (points.some((point) => point.at === metric.at)) return points;
    const next = [...points, metric];
    // Events can overtake each other: keep the series ordered by time.
    if (points.length > 0 && Date.parse(points[points.length - 1]!.at) > Date.parse(metric.at)) {
      next.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    }
    return next.slice(-MAX_METRIC_POINTS);
  });
}
