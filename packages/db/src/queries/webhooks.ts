import { and, asc, count, desc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import {
  type NewWebhookRow,
  type WebhookAttemptRow,
  type WebhookDeliveryRow,
  type WebhookRow,
  webhookAttempts,
  webhookDeliveries,
  webhooks,
} from '../schema/webhooks.ts';

export interface WebhookKey {
  organizationId: string;
  id: string;
}

export async function getWebhook(
  db: DatabaseOrTransaction,
  key: WebhookKey,
): Promise<WebhookRow | undefined> {
  const [row] = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.organizationId, key.organizationId), eq(webhooks.id, key.id)));
  return row;
}

/** How a webhook's newest tried delivery went at its latest attempt. */
export interface WebhookLastDeliveryRow {
  deliveryId: string;
  event: string;
  status: WebhookDeliveryRow['status'];
  statusCode: number | null;
  at: Date;
}

/**
 * An organization's webhooks, newest first (webhooks_org_idx), each with its last delivery in the
 * same statement (a lateral join, not a query per webhook): the newest delivery that has been tried
 * (webhook_deliveries_webhook_idx, backwards) and its latest attempt (webhook_attempts_delivery_idx).
 * Newest by creation, not by attempt: a retry of an older delivery shows on that delivery, where
 * ordering by attempt would read every delivery of the webhook's retention.
 */
export async function listWebhooks(
  db: DatabaseOrTransaction,
  params: { organizationId: string; page: number; pageSize: number },
): Promise<{ rows: (WebhookRow & { lastDelivery: WebhookLastDeliveryRow | null })[]; total: number }> {
  const where = eq(webhooks.organizationId, params.organizationId);
  const last = db
    .select({
      deliveryId: webhookDeliveries.id,
      event: webhookDeliveries.event,
      status: webhookDeliveries.status,
      statusCode: webhookAttempts.statusCode,
      at: webhookAttempts.at,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookAttempts, eq(webhookAttempts.deliveryId, webhookDeliveries.id))
    .where(and(eq(webhookDeliveries.webhookId, webhooks.id), gt(webhookDeliveries.attempts, 0)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id), desc(webhookAttempts.at))
    .limit(1)
    .as('last_delivery');
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        webhook: webhooks,
        last: {
          deliveryId: last.deliveryId,
          event: last.event,
          status: last.status,
          statusCode: last.statusCode,
          at: last.at,
        },
      })
      .from(webhooks)
      .leftJoinLateral(last, sql`true`)
      .where(where)
      .orderBy(desc(webhooks.createdAt), asc(webhooks.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(webhooks).where(where),
  ]);
  return {
    rows: rows.map(({ webhook, last }) => ({ ...webhook, lastDelivery: last })),
    total: totals?.total ?? 0,
  };
}

export async function insertWebhook(
  db: DatabaseOrTransaction,
  values: NewWebhookRow & { id: string; organizationId: string },
): Promise<WebhookRow> {
  const [row] = await db.insert(webhooks).values(values).returning();
  return row!;
}

export async function updateWebhook(
  db: DatabaseOrTransaction,
  key: WebhookKey,
  values: Partial<NewWebhookRow>,
): Promise<WebhookRow | undefined> {
  const [row] = await db
    .update(webhooks)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(webhooks.organizationId, key.organizationId), eq(webhooks.id, key.id)))
    .returning();
  return row;
}

export async function deleteWebhook(
  db: DatabaseOrTransaction,
  key: WebhookKey,
): Promise<WebhookRow | undefined> {
  const [row] = await db
    .delete(webhooks)
    .where(and(eq(webhooks.organizationId, key.organizationId), eq(webhooks.id, key.id)))
    .returning();
  return row;
}

/** What the outbox needs of an organization's enabled webhooks: which events each takes (webhooks_org_idx). */
export async function listWebhookSubscriptions(
  db: DatabaseOrTransaction,
  organizationId: string,
): Promise<{ id: string; events: string[] }[]> {
  return db
    .select({ id: webhooks.id, events: webhooks.events })
    .from(webhooks)
    .where(and(eq(webhooks.organizationId, organizationId), eq(webhooks.enabled, true)));
}

export interface NewWebhookDelivery {
  id: string;
  organizationId: string;
  webhookId: string;
  event: string;
  data: unknown;
  createdAt: Date;
}

/** Inserts many deliveries in one statement (one event for every subscribed webhook, or a burst of events). */
export async function insertWebhookDeliveries(
  db: DatabaseOrTransaction,
  rows: NewWebhookDelivery[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(webhookDeliveries).values(rows);
}

/** A webhook's deliveries, newest first (webhook_deliveries_webhook_idx), with optional filters. */
export async function listWebhookDeliveries(
  db: DatabaseOrTransaction,
  params: {
    organizationId: string;
    webhookId: string;
    status?: WebhookDeliveryRow['status'];
    event?: string;
    page: number;
    pageSize: number;
  },
): Promise<{ rows: WebhookDeliveryRow[]; total: number }> {
  const where = and(
    eq(webhookDeliveries.organizationId, params.organizationId),
    eq(webhookDeliveries.webhookId, params.webhookId),
    params.status ? eq(webhookDeliveries.status, params.status) : undefined,
    params.event ? eq(webhookDeliveries.event, params.event) : undefined,
  );
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(webhookDeliveries).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

export interface WebhookDeliveryKey {
  organizationId: string;
  webhookId: string;
  id: string;
}

export async function getWebhookDelivery(
  db: DatabaseOrTransaction,
  key: WebhookDeliveryKey,
): Promise<WebhookDeliveryRow | undefined> {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.organizationId, key.organizationId),
        eq(webhookDeliveries.webhookId, key.webhookId),
        eq(webhookDeliveries.id, key.id),
      ),
    );
  return row;
}

/** A delivery's attempts in order (webhook_attempts_delivery_idx); the delivery was found in its organization first. */
export async function listWebhookAttempts(
  db: DatabaseOrTransaction,
  deliveryId: string,
): Promise<WebhookAttemptRow[]> {
  return db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, deliveryId))
    .orderBy(asc(webhookAttempts.at), asc(webhookAttempts.id));
}

/** A delivery goes back to PENDING for a redelivery by hand (same id: receivers may deduplicate). */
export async function resetWebhookDelivery(
  db: DatabaseOrTransaction,
  key: WebhookDeliveryKey,
): Promise<WebhookDeliveryRow | undefined> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: 'PENDING' })
    .where(
      and(
        eq(webhookDeliveries.organizationId, key.organizationId),
        eq(webhookDeliveries.webhookId, key.webhookId),
        eq(webhookDeliveries.id, key.id),
      ),
    )
    .returning();
  return row;
}

/** A delivery with what sending it needs: its webhook's URL, sealed secret and state, the organization's private targets. */
export interface WebhookDeliveryToSend {
  id: string;
  organizationId: string;
  webhookId: string;
  event: string;
  data: unknown;
  createdAt: Date;
  status: WebhookDeliveryRow['status'];
  url: string;
  secret: string;
  enabled: boolean;
  privateTargets: string[];
}

/** The deliveries of a batch of queue jobs, in one query. Deleted ones (their webhook deleted) are missing. */
export async function loadWebhookDeliveriesToSend(
  db: DatabaseOrTransaction,
  ids: string[],
): Promise<WebhookDeliveryToSend[]> {
  if (ids.length === 0) return [];
  const result = await db.execute<Omit<WebhookDeliveryToSend, 'createdAt'> & { createdAt: string }>(sql`
    SELECT d.id, d.organization_id AS "organizationId", d.webhook_id AS "webhookId", d.event, d.data,
      d.created_at AS "createdAt", d.status, w.url, w.secret, w.enabled,
      o.private_targets AS "privateTargets"
    FROM webhook_deliveries d
    JOIN webhooks w ON w.id = d.webhook_id
    JOIN organizations o ON o.id = d.organization_id
    WHERE d.id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`);
  return result.rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

/** How one attempt went; `final` when no retry follows (delivered, or the last retry failed). */
export interface WebhookAttemptOutcome {
  deliveryId: string;
  webhookId: string;
  at: Date;
  delivered: boolean;
  final: boolean;
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

/**
 * Records a batch of attempts in one statement: the attempt rows, the deliveries' state, and the
 * webhooks' consecutive failures (reset by a delivery; raised by a delivery whose last attempt
 * failed). Webhooks that reach `disableAfter` failures in a row are disabled here and returned, so
 * the caller alerts once (only the statement that crossed the line returns them).
 */
export async function recordWebhookAttempts(
  db: DatabaseOrTransaction,
  outcomes: WebhookAttemptOutcome[],
  options: { disableAfter: number },
): Promise<{ id: string; organizationId: string; url: string; consecutiveFailures: number }[]> {
  if (outcomes.length === 0) return [];
  const values = JSON.stringify(outcomes);
  const result = await db.execute<{
    id: string;
    organizationId: string;
    url: string;
    consecutiveFailures: number;
  }>(
    sql`
    WITH r AS (
      SELECT * FROM jsonb_to_recordset(${values}::jsonb) AS r(
        "deliveryId" uuid, "webhookId" uuid, at timestamptz, delivered boolean, final boolean,
        "statusCode" int, "durationMs" int, "responseExcerpt" text, error text)
    ), attempts AS (
      INSERT INTO webhook_attempts (delivery_id, at, status_code, duration_ms, response_excerpt, error)
      SELECT r."deliveryId", r.at, r."statusCode", r."durationMs", r."responseExcerpt", r.error FROM r
    ), deliveries AS (
      UPDATE webhook_deliveries d SET
        attempts = d.attempts + 1,
        status = CASE WHEN r.delivered THEN 'DELIVERED'::webhook_delivery_status
                      WHEN r.final THEN 'FAILED'::webhook_delivery_status
                      ELSE 'PENDING'::webhook_delivery_status END,
        last_status_code = r."statusCode",
        last_error = r.error,
        delivered_at = CASE WHEN r.delivered THEN r.at ELSE d.delivered_at END
      FROM r WHERE d.id = r."deliveryId"
    ), counts AS (
      SELECT r."webhookId" AS id, bool_or(r.delivered) AS delivered,
        count(*) FILTER (WHERE r.final AND NOT r.delivered)::int AS failed
      FROM r WHERE r.delivered OR r.final GROUP BY r."webhookId"
    ), changed AS (
      UPDATE webhooks w SET
        consecutive_failures = CASE WHEN c.delivered THEN 0 ELSE w.consecutive_failures + c.failed END,
        enabled = CASE WHEN NOT c.delivered AND w.enabled
                         AND w.consecutive_failures + c.failed >= ${options.disableAfter} THEN false
                       ELSE w.enabled END,
        disabled_at = CASE WHEN NOT c.delivered AND w.enabled
                             AND w.consecutive_failures + c.failed >= ${options.disableAfter} THEN now()
                           ELSE w.disabled_at END,
        disabled_reason = CASE WHEN NOT c.delivered AND w.enabled
                             AND w.consecutive_failures + c.failed >= ${options.disableAfter}
                             THEN (w.consecutive_failures + c.failed) || ' deliveries in a row failed'
                           ELSE w.disabled_reason END
      FROM counts c
      -- A delivery resets only a webhook with failures: no write per delivery in the common case.
      WHERE w.id = c.id AND (c.failed > 0 OR w.consecutive_failures <> 0)
      RETURNING w.id, w.organization_id, w.url, w.consecutive_failures, w.enabled,
        (w.disabled_at IS NOT NULL AND w.disabled_at >= now()) AS "disabledNow"
    )
    SELECT id, organization_id AS "organizationId", url, consecutive_failures AS "consecutiveFailures"
    FROM changed WHERE NOT enabled AND "disabledNow"`,
  );
  return result.rows;
}

/** Marks deliveries FAILED without an attempt (their webhook is disabled): nothing is sent. */
export async function skipWebhookDeliveries(
  db: DatabaseOrTransaction,
  ids: string[],
  reason: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(webhookDeliveries)
    .set({ status: 'FAILED', lastError: reason })
    .where(inArray(webhookDeliveries.id, ids));
}

/** The e-mail addresses of an organization's administrators (told when a webhook is disabled). */
export async function listOrganizationAdminEmails(
  db: DatabaseOrTransaction,
  organizationId: string,
): Promise<string[]> {
  const result = await db.execute<{ email: string }>(sql`
    SELECT u.email FROM members m JOIN users u ON u.id = m.user_id
    WHERE m.organization_id = ${organizationId} AND m.role = 'ADMIN' ORDER BY u.email`);
  return result.rows.map((row) => row.email);
}

/**
 * Deliveries created before `before` that are settled (DELIVERED or FAILED), with their attempts
 * (cascade): webhook_deliveries_created_idx. A PENDING one may still have retries coming.
 */
export async function pruneWebhookDeliveries(db: DatabaseOrTransaction, before: Date): Promise<number> {
  const result = await db
    .delete(webhookDeliveries)
    .where(and(lt(webhookDeliveries.createdAt, before), ne(webhookDeliveries.status, 'PENDING')));
  return result.rowCount ?? 0;
}
