import fp from 'fastify-plugin';
import { type EventPublisher, noopPublisher } from '../realtime/events.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Publishes the server's own events (session created/updated/deleted, status changes it makes). */
    events: EventPublisher;
  }
}

export const eventsPlugin = fp<{ events?: EventPublisher }>(
  async (app, options) => {
    app.decorate('events', options.events ?? noopPublisher);
  },
  { name: 'events' },
);
