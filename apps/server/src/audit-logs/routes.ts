import { auditLogPageSchema, auditLogQuerySchema } from '@fleetwright/contracts';
import { listAuditLogs } from '@fleetwright/db';
import { stringify } from 'csv-stringify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../errors.ts';
import { toAuditLog } from './serializers.ts';

const tags = ['audit-log'];
/** Rows in one CSV export at most. */
const EXPORT_LIMIT = 100_000;

const csvColumns = [
  'createdAt',
  'action',
  'actor',
  'ip',
  'userAgent',
  'targetType',
  'targetId',
  'details',
] as const;

/** /api/v1/audit-logs: the organization's audit trail, filtered; ADMINs only. */
export const auditLogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { permission: 'admin' },
      schema: {
        tags,
        summary: 'Audit log, newest first; format=csv downloads every matching row',
        querystring: auditLogQuerySchema,
        response: { 200: auditLogPageSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { page, pageSize, format, since, until, ...filter } = request.query;
      const where = {
        organizationId: request.organizationId,
        ...filter,
        since: since ? new Date(since) : undefined,
        until: until ? new Date(until) : undefined,
      };
      if (format === 'csv') {
        const { rows } = await listAuditLogs(app.db, where, { limit: EXPORT_LIMIT, offset: 0 });
        const csv = stringify(
          rows.map((row) => {
            const entry = toAuditLog(row);
            return { ...entry, details: entry.details ? JSON.stringify(entry.details) : '' };
          }),
          { header: true, columns: [...csvColumns] },
        );
        // The JSON serializer of this route does not apply to a stream sent as it is.
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
          )
          .send(csv as never);
      }
      const { rows, total } = await listAuditLogs(app.db, where, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: rows.map(toAuditLog), total, page, pageSize };
    },
  );
};
