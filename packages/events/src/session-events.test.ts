import { type SessionStatusEvent, toStatusEvent } from '@fleetwright/contracts';
import { Emitter } from '@socket.io/postgres-emitter';
import { describe, expect, it } from 'vitest';
import { SessionEvents } from './session-events.ts';
import { broadcastMessage } from './socket-packets.ts';

/** What the emitter sends to Postgres for one emit: [channel, payload] of its pg_notify. */
async function emitterPublishes(to: string[], name: string, payload: unknown): Promise<unknown[]> {
  const sent: unknown[][] = [];
  const emitter = new Emitter({
    query: async (_text: string, values: unknown[]) => {
      sent.push(values);
      return { rows: [] };
    },
  });
  emitter.to(to).emit(name, payload);
  await new Promise((resolve) => setImmediate(resolve));
  return sent[0]!;
}

const event: SessionStatusEvent = toStatusEvent(
  {
    id: '3b0c7c8e-8a53-4ad6-9a4c-4a1b1b7e0f01',
    organizationId: '0d5e1a9c-5c89-4f8f-9a2e-6c1f0f7b2a11',
    status: 'RUNNING',
    workerId: '9f2f5f0e-2b1a-4d1c-8f4e-0c7a2b9d6e55',
    updatedAt: new Date('2026-11-24T05:00:00.123Z'),
  },
  'STARTING',
  null,
);

describe('session events', () => {
  it('builds the very message @socket.io/postgres-emitter publishes, so the adapter takes either', async () => {
    const to = ['org:x', 'session:y'];
    const payload = { sessionId: 'y', message: 'hello "quoted" \\ text', data: { n: 1 } };
    const [channel, message] = await emitterPublishes(to, 'session.log', payload);
    expect(channel).toBe('socket.io#/');
    expect(broadcastMessage('session.log', to, payload)).toBe(message);
  });

  it('hands a transition its status and named events to send with the row, in order', () => {
    const events = new SessionEvents({} as never, {} as never);
    const notify = events.statusNotify(event);
    expect(notify?.channel).toBe('socket.io#/');
    const names = notify?.payloads.map((payload) => JSON.parse(payload).data.packet.data[0]);
    expect(names).toEqual(['session.status', 'session.started']);
    expect(JSON.parse(notify!.payloads[0]!).data.packet.data[1]).toEqual(event);
  });

  it('leaves an event too large for NOTIFY to the emitter', () => {
    const events = new SessionEvents({} as never, {} as never);
    expect(events.statusNotify({ ...event, reason: 'x'.repeat(9000) })).toBeUndefined();
  });

  it('offers every event of an organization to the sink, those a transition statement sent included', () => {
    const offered: [string, string][] = [];
    const sink = { offer: (organizationId: string, name: string) => offered.push([organizationId, name]) };
    const pool = { query: async () => ({ rows: [] }) };
    const events = new SessionEvents(pool as never, {} as never, sink);
    events.statusSent(event);
    events.urlChanged(
      { id: event.sessionId, organizationId: event.organizationId },
      'http://x.test/',
      new Date(),
    );
    expect(offered).toEqual([
      [event.organizationId, 'session.status'],
      [event.organizationId, 'session.started'],
      [event.organizationId, 'session.url_changed'],
    ]);
  });
});
