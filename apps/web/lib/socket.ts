'use client';

import type {
  ClientToServerEvents,
  ServerEvent,
  ServerEventName,
  ServerToClientEvents,
  SubscribeMessage,
} from '@fleetwright/contracts';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';

export type FleetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SocketState = 'live' | 'connecting' | 'offline';

let socket: FleetSocket | null = null;

/**
 * Rooms and live views wanted by mounted components, reference-counted: two components may
 * ask for the same room, and React's strict mode mounts every effect twice in development.
 * They are (re)sent on every `connect`, so a reconnect (or a server restart) restores them.
 */
const subscriptions = new Map<string, { message: SubscribeMessage; count: number }>();
const watches = new Map<string, number>();

/** The one Socket.IO connection of the tab, to the same origin the dashboard came from. */
export function getSocket(): FleetSocket {
  if (socket) return socket;
  socket = io({ path: '/socket.io', withCredentials: true });
  socket.on('connect', () => {
    for (const { message } of subscriptions.values()) socket?.emit('subscribe', message);
    for (const sessionId of watches.keys()) socket?.emit('watch', { sessionId });
  });
  return socket;
}

function subscriptionKey(message: SubscribeMessage): string {
  return 'organization' in message ? 'organization' : `session:${message.sessionId}`;
}

function subscribe(message: SubscribeMessage): () => void {
  const s = getSocket();
  const key = subscriptionKey(message);
  const entry = subscriptions.get(key);
  if (entry) {
    entry.count += 1;
  } else {
    subscriptions.set(key, { message, count: 1 });
    // While disconnected, the `connect` handler sends it; emitting now would queue a duplicate.
    if (s.connected) s.emit('subscribe', message);
  }
  return () => {
    const current = subscriptions.get(key);
    if (!current) return;
    current.count -= 1;
    if (current.count > 0) return;
    subscriptions.delete(key);
    if (s.connected) s.emit('unsubscribe', message);
  };
}

function watch(sessionId: string): () => void {
  const s = getSocket();
  const count = watches.get(sessionId) ?? 0;
  watches.set(sessionId, count + 1);
  if (count === 0 && s.connected) s.emit('watch', { sessionId });
  return () => {
    const current = watches.get(sessionId) ?? 0;
    if (current > 1) {
      watches.set(sessionId, current - 1);
      return;
    }
    watches.delete(sessionId);
    // The server stops the screencast when nobody watches: it costs worker CPU per frame.
    if (s.connected) s.emit('unwatch', { sessionId });
  };
}

/** Joins a room for as long as the calling component is mounted. `null` joins nothing. */
export function useSocketSubscription(message: SubscribeMessage | null): void {
  const key = message ? JSON.stringify(message) : null;
  useEffect(() => {
    if (key === null) return;
    return subscribe(JSON.parse(key) as SubscribeMessage);
  }, [key]);
}

/** Calls `handler` for every `name` event; the latest handler is used without re-registering. */
export function useSocketEvent<N extends ServerEventName>(
  name: N,
  handler: (payload: ServerEvent<N>) => void,
): void {
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });
  useEffect(() => {
    // The typed socket cannot relate a generic event name to its payload; the map above does.
    const s = getSocket() as unknown as Socket;
    const listener = (payload: unknown) => handlerRef.current(payload as ServerEvent<N>);
    s.on(name as string, listener);
    return () => {
      s.off(name as string, listener);
    };
  }, [name]);
}

/**
 * Receives `session.frame` events of one session: emits `watch` on mount and `unwatch` on
 * unmount, since the worker only runs a screencast while someone watches. A new `epoch` (say,
 * the session just became RUNNING) sends `unwatch` + `watch` again, so the server re-attaches
 * the live view to the new page.
 */
export function useSessionFrames(
  sessionId: string,
  epoch: string,
  onFrame: (frame: ServerEvent<'session.frame'>) => void,
): void {
  useSocketEvent('session.frame', (frame) => {
    if (frame.sessionId === sessionId) onFrame(frame);
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `epoch` only re-arms the watch.
  useEffect(() => watch(sessionId), [sessionId, epoch]);
}

function subscribeToState(onChange: () => void): () => void {
  const s = getSocket();
  s.on('connect', onChange);
  s.on('disconnect', onChange);
  s.on('connect_error', onChange);
  s.io.on('reconnect_attempt', onChange);
  return () => {
    s.off('connect', onChange);
    s.off('disconnect', onChange);
    s.off('connect_error', onChange);
    s.io.off('reconnect_attempt', onChange);
  };
}

function getState(): SocketState {
  const s = getSocket();
  if (s.connected) return 'live';
  return s.active ? 'connecting' : 'offline';
}

/** Whether live updates currently flow. */
export function useSocketState(): SocketState {
  return useSyncExternalStore(subscribeToState, getState, () => 'connecting');
}
