import { type Config, publicUrl } from '@fleetwright/config';
import {
  createNotificationChannelSchema,
  idParamsSchema,
  notificationChannelPageSchema,
  notificationChannelSchema,
  notificationTestResultSchema,
  paginationQuerySchema,
  updateNotificationChannelSchema,
} from '@fleetwright/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit-logs/service.ts';
import type { Mailer } from '../auth/mailer.ts';
import { errorResponses } from '../errors.ts';
import type { HttpPoster } from '../webhooks/http-post.ts';
import { toNotificationChannel } from './serializers.ts';
import {
  createNotificationChannel,
  deleteNotificationChannel,
  findNotificationChannel,
  listNotificationChannels,
  type NotificationChannelDeps,
  testNotificationChannel,
  updateNotificationChannel,
} from './service.ts';

const tags = ['notification-channels'];

export interface NotificationChannelRoutesOptions {
  config: Config;
  mailer: Pick<Mailer, 'send'>;
  poster: HttpPoster;
}

/** Routes under /api/v1/notification-channels: validate through the contracts, call one service function, map the result. */
export const notificationChannelRoutes: FastifyPluginAsyncZod<NotificationChannelRoutesOptions> = async (
  app,
  options,
) => {
  const deps: NotificationChannelDeps = {
    db: app.db,
    audit: app.audit,
    targets: app.targets,
    keyring: app.keyring,
    mailer: options.mailer,
    poster: options.poster,
    config: options.config,
    baseUrl: publicUrl(options.config),
  };
  const serialize = (row: Parameters<typeof toNotificationChannel>[1]) =>
    toNotificationChannel(app.keyring, row);

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: "The organization's notification channels, by name",
        querystring: paginationQuerySchema,
        response: { 200: notificationChannelPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listNotificationChannels(deps, request.organizationId, request.query);
      return {
        items: rows.map(serialize),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary:
          'Add a channel: email, signed webhook, Slack, Discord or Telegram (secret parts are write-only)',
        body: createNotificationChannelSchema,
        response: { 201: notificationChannelSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          serialize(
            await createNotificationChannel(deps, request.organizationId, request.body, actorOf(request)),
          ),
        ),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One notification channel (secret parts masked)',
        params: idParamsSchema,
        response: { 200: notificationChannelSchema, ...errorResponses },
      },
    },
    async (request) => serialize(await findNotificationChannel(deps, key(request))),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: "Change a channel's name, state or the fields of its kind",
        params: idParamsSchema,
        body: updateNotificationChannelSchema,
        response: { 200: notificationChannelSchema, ...errorResponses },
      },
    },
    async (request) =>
      serialize(await updateNotificationChannel(deps, key(request), request.body, actorOf(request))),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete a notification channel',
        params: idParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteNotificationChannel(deps, key(request), actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/:id/test',
    {
      schema: {
        tags,
        summary: 'Send a test message now; answers whether it went through',
        params: idParamsSchema,
        response: { 200: notificationTestResultSchema, ...errorResponses },
      },
    },
    async (request) => testNotificationChannel(deps, key(request)),
  );
};

function key(request: { organizationId: string; params: { id: string } }) {
  return { organizationId: request.organizationId, id: request.params.id };
}
