import {
  createWebhookSchema,
  errorResponseSchema,
  idParamsSchema,
  paginationQuerySchema,
  updateWebhookSchema,
  webhookDeliveryDetailSchema,
  webhookDeliveryPageSchema,
  webhookDeliveryParamsSchema,
  webhookDeliveryQuerySchema,
  webhookDeliverySchema,
  webhookPageSchema,
  webhookSchema,
  webhookWithSecretSchema,
} from '@fleetwright/contracts';
import type { WebhookOutbox, WebhookRetry } from '@fleetwright/queue';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit-logs/service.ts';
import { errorResponses } from '../errors.ts';
import {
  toWebhook,
  toWebhookAttempt,
  toWebhookDelivery,
  toWebhookListItem,
  webhookBody,
} from './serializers.ts';
import {
  createWebhook,
  deleteWebhook,
  findDeliveryWithAttempts,
  findWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  rotateWebhookSecret,
  sendWebhookPing,
  updateWebhook,
  type WebhookDeps,
} from './service.ts';

const tags = ['webhooks'];
const conflict = { 409: errorResponseSchema };

export interface WebhookRoutesOptions {
  outbox: Pick<WebhookOutbox, 'forget'> | null;
  retry: WebhookRetry;
}

/** Routes under /api/v1/webhooks: validate through the contracts, call one service function, map the result. */
export const webhookRoutes: FastifyPluginAsyncZod<WebhookRoutesOptions> = async (app, options) => {
  const deps: WebhookDeps = {
    db: app.db,
    pool: app.pool,
    boss: app.boss,
    keyring: app.keyring,
    audit: app.audit,
    targets: app.targets,
    outbox: options.outbox,
    retry: options.retry,
  };

  app.get(
    '/',
    {
      schema: {
        tags,
        summary:
          "The organization's webhooks, newest first, each with its last delivery's status, HTTP status and time",
        querystring: paginationQuerySchema,
        response: { 200: webhookPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listWebhooks(deps, request.organizationId, request.query);
      return {
        items: rows.map(toWebhookListItem),
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
        summary: 'Add a webhook; the answer holds its signing secret, shown this once',
        body: createWebhookSchema,
        response: { 201: webhookWithSecretSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { row, secret } = await createWebhook(
        deps,
        request.organizationId,
        request.body,
        actorOf(request),
      );
      return reply.status(201).send({ ...toWebhook(row), secret });
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One webhook (never its secret)',
        params: idParamsSchema,
        response: { 200: webhookSchema, ...errorResponses },
      },
    },
    async (request) => toWebhook(await findWebhook(deps, key(request))),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change a webhook; `enabled: true` re-enables a disabled one and clears its failures',
        params: idParamsSchema,
        body: updateWebhookSchema,
        response: { 200: webhookSchema, ...errorResponses },
      },
    },
    async (request) => toWebhook(await updateWebhook(deps, key(request), request.body, actorOf(request))),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete a webhook and its deliveries',
        params: idParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteWebhook(deps, key(request), actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: 'Replace the signing secret; the new one is answered this once',
        params: idParamsSchema,
        response: { 200: webhookWithSecretSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { row, secret } = await rotateWebhookSecret(deps, key(request), actorOf(request));
      return { ...toWebhook(row), secret };
    },
  );

  app.post(
    '/:id/test',
    {
      schema: {
        tags,
        summary: 'Queue a `webhook.ping` delivery to this webhook',
        params: idParamsSchema,
        response: { 202: webhookDeliverySchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(202).send(toWebhookDelivery(await sendWebhookPing(deps, key(request)))),
  );

  app.get(
    '/:id/deliveries',
    {
      schema: {
        tags,
        summary: "A webhook's deliveries, newest first, by status or event",
        params: idParamsSchema,
        querystring: webhookDeliveryQuerySchema,
        response: { 200: webhookDeliveryPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listDeliveries(deps, key(request), request.query);
      return {
        items: rows.map(toWebhookDelivery),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.get(
    '/:id/deliveries/:deliveryId',
    {
      schema: {
        tags,
        summary: 'One delivery with its body and every attempt',
        params: webhookDeliveryParamsSchema,
        response: { 200: webhookDeliveryDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { row, attempts } = await findDeliveryWithAttempts(deps, deliveryKey(request));
      return {
        ...toWebhookDelivery(row),
        payload: webhookBody(row),
        attemptLog: attempts.map(toWebhookAttempt),
      };
    },
  );

  app.post(
    '/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        tags,
        summary: 'Send a delivery again (same id and body)',
        params: webhookDeliveryParamsSchema,
        response: { 202: webhookDeliverySchema, ...conflict, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(202).send(toWebhookDelivery(await redeliver(deps, deliveryKey(request)))),
  );
};

function key(request: { organizationId: string; params: { id: string } }) {
  return { organizationId: request.organizationId, id: request.params.id };
}

function deliveryKey(request: { organizationId: string; params: { id: string; deliveryId: string } }) {
  return {
    organizationId: request.organizationId,
    webhookId: request.params.id,
    id: request.params.deliveryId,
  };
}
