import { randomBytes, randomUUID } from 'node:crypto';
import type {
  TWebhookDelivery,
  TWebhookDeliveryPage,
  TWebhookEndpoint,
  TWebhookEndpointBody,
  TWebhookEndpointWithSecret,
  TWebhookEventType,
  TWebhookPayload,
  ZWebhookEndpointUpdate,
  ZWebhookRotateBody,
} from '@capitune/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError } from '../../lib/errors';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { checkOutboundUrl } from '../../platform/http/outbound';
import { inTransaction, type QueueName } from '../../platform/jobs/jobs';
import { type Caller, platformToday } from '../access';
import { recordAudit } from '../audit';
import {
  type AttemptRow,
  attemptsOf,
  type DeliveryRow,
  deleteEndpoint as deleteEndpointRow,
  deliveryOf,
  deliveryPage,
  type EndpointRow,
  endpointCount,
  endpointOf,
  endpointsOf,
  firmExists,
  firmMembership,
  insertDeliveries,
  insertEndpoint,
  lockFirm,
  organisationOfPro,
  requeueDelivery,
  restartPendingDeliveries,
  subscribedEndpoints,
  updateEndpoint as updateEndpointRow,
} from './webhooks.queries';

/** The queue of the delivery runs (`delivery.worker.ts`): every minute, and woken when a delivery is queued. */
export const WEBHOOKS_DELIVER_QUEUE = 'webhooks.deliver' satisfies QueueName;

/**
 * Starts a delivery run once the caller's transaction commits, so a new delivery leaves within seconds
 * rather than at the next minute's run (the queue is `stately`: a run already waiting is enough).
 */
async function wakeDeliveryRun(deps: AppDeps, tx: Transaction): Promise<void> {
  await deps.jobs.send(WEBHOOKS_DELIVER_QUEUE, {}, inTransaction(tx.client));
}

/** A firm registers at most this many endpoints. */
export const MAX_ENDPOINTS_PER_FIRM = 10;
const HOUR = 60 * 60 * 1000;

/** The keyring context of an endpoint's secrets (its current and previous one). */
export const secretContext = (endpointId: string) => `webhook-secret:${endpointId}`;

/** A new signing secret, as the Standard Webhooks libraries read it: `whsec_` and 24 random bytes in base64. */
function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * A licensee of the firm `firmId` (a licence of their own), who manages its webhooks: agents, pros of
 * other firms, candidates and admins get 403; an unknown firm 404. A change (`manage`) also needs the
 * licence verified (403 PRO_NOT_VERIFIED), as for the firm's security settings.
 */
async function firmAdminOf(deps: AppDeps, caller: Caller, firmId: string, options: { manage: boolean }) {
  if (caller.role !== 'pro')
    throw new AppError('FORBIDDEN', 'Only a licensee of the firm manages its webhooks');
  const [exists, member] = await Promise.all([
    firmExists(deps.db, firmId),
    firmMembership(deps.db, caller.id, platformToday(deps.clock.now())),
  ]);
  if (!exists) throw new AppError('NOT_FOUND', 'No such firm');
  if (!member) throw new AppError('UNAUTHENTICATED');
  if (member.organisationId !== firmId) throw new AppError('FORBIDDEN', 'You are not a member of this firm');
  if (!member.hasLicence) throw new AppError('FORBIDDEN', 'Only a licensee of the firm manages its webhooks');
  if (options.manage && member.standing !== 'verified') {
    throw new AppError(
      'PRO_NOT_VERIFIED',
      'Your licence must be verified before you change the firm’s webhooks',
    );
  }
}

function toEndpoint(row: EndpointRow, now: Date): TWebhookEndpoint {
  const overlap = row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes as TWebhookEventType[],
    status: row.status,
    disabledReason: row.disabledReason,
    previousSecretExpiresAt: overlap ? (row.previousSecretExpiresAt as Date).toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

function toDelivery(row: DeliveryRow, attempts: AttemptRow[]): TWebhookDelivery {
  return {
    id: row.id,
    eventType: row.eventType as TWebhookDelivery['eventType'],
    status: row.status,
    attempts: attempts.map((attempt) => ({
      at: attempt.attemptedAt.toISOString(),
      statusCode: attempt.statusCode,
      error: attempt.error,
      durationMs: attempt.durationMs,
    })),
    nextAttemptAt: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    payload: row.payload as TWebhookPayload,
  };
}

/** The address checked as deliveries will be (https, public hosts only): 400 WEBHOOK_URL_NOT_ALLOWED otherwise. */
async function allowedUrl(deps: AppDeps, raw: string): Promise<string> {
  const url = await checkOutboundUrl(raw, { allowLoopback: deps.config.outboundAllowLoopback });
  return url.href;
}

async function endpointFor(db: AppDeps['db'], firmId: string, endpointId: string, lock = false) {
  const row = await endpointOf(db, firmId, endpointId, { lock });
  if (!row) throw new AppError('NOT_FOUND', 'No such webhook endpoint');
  return row;
}

/** The firm's endpoints, oldest first (licensees only). */
export async function listEndpoints(deps: AppDeps, caller: Caller, firmId: string) {
  await firmAdminOf(deps, caller, firmId, { manage: false });
  const now = deps.clock.now();
  return { items: (await endpointsOf(deps.db, firmId)).map((row) => toEndpoint(row, now)) };
}

/**
 * Registers an endpoint: its address is checked (https, public), and its secret made, sealed at rest and
 * shown this once. At most {@link MAX_ENDPOINTS_PER_FIRM} per firm (409 CONFLICT). Audited.
 */
export async function createEndpoint(
  deps: AppDeps,
  caller: Caller,
  firmId: string,
  body: TWebhookEndpointBody,
): Promise<TWebhookEndpointWithSecret> {
  await firmAdminOf(deps, caller, firmId, { manage: true });
  await deps.requireStepUp(caller);
  const url = await allowedUrl(deps, body.url);
  const id = randomUUID();
  const secret = newSecret();
  const now = deps.clock.now();
  const row = await withTransaction(deps.pool, async (tx) => {
    await lockFirm(tx.db, firmId);
    if ((await endpointCount(tx.db, firmId)) >= MAX_ENDPOINTS_PER_FIRM) {
      throw new AppError('CONFLICT', `A firm has at most ${MAX_ENDPOINTS_PER_FIRM} webhook endpoints`);
    }
    const inserted = await insertEndpoint(tx.db, {
      id,
      organisationId: firmId,
      url,
      description: body.description,
      eventTypes: [...new Set(body.eventTypes)],
      secret: deps.keyring.seal(secret, secretContext(id)),
      createdBy: caller.id,
      now,
    });
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'webhook.created',
      subjectType: 'webhook_endpoint',
      subjectId: id,
      organisationId: firmId,
      after: { url, eventTypes: inserted.eventTypes },
      ip: caller.ip,
    });
    return inserted;
  });
  return { ...toEndpoint(row, now), secret };
}

/**
 * Changes the events or the description, or turns the endpoint on or off. Turned on again, its
 * waiting deliveries start a new series of attempts. Turning on or off is audited.
 */
export async function updateEndpoint(
  deps: AppDeps,
  caller: Caller,
  firmId: string,
  endpointId: string,
  body: z.infer<typeof ZWebhookEndpointUpdate>,
): Promise<TWebhookEndpoint> {
  await firmAdminOf(deps, caller, firmId, { manage: true });
  const now = deps.clock.now();
  const row = await withTransaction(deps.pool, async (tx) => {
    const before = await endpointFor(tx.db, firmId, endpointId, true);
    const changes: Parameters<typeof updateEndpointRow>[2] = { updatedAt: now };
    if (body.description !== undefined) changes.description = body.description;
    if (body.eventTypes !== undefined) changes.eventTypes = [...new Set(body.eventTypes)];
    const enabling = body.enabled === true && before.status === 'disabled';
    const disabling = body.enabled === false && before.status === 'active';
    if (enabling) Object.assign(changes, { status: 'active', disabledReason: null, disabledAt: null });
    if (disabling) Object.assign(changes, { status: 'disabled', disabledReason: 'by_hand', disabledAt: now });
    const updated = await updateEndpointRow(tx.db, endpointId, changes);
    if (enabling) await restartPendingDeliveries(tx.db, endpointId, now);
    if (enabling || disabling) {
      await recordAudit(tx.db, {
        actorId: caller.id,
        action: enabling ? 'webhook.enabled' : 'webhook.disabled',
        subjectType: 'webhook_endpoint',
        subjectId: endpointId,
        organisationId: firmId,
        before: { status: before.status, disabledReason: before.disabledReason },
        after: { status: updated.status },
        ip: caller.ip,
      });
    }
    return updated;
  });
  return toEndpoint(row, now);
}

/** Removes the endpoint with its deliveries and their log. Audited. */
export async function deleteEndpoint(
  deps: AppDeps,
  caller: Caller,
  firmId: string,
  endpointId: string,
): Promise<void> {
  await firmAdminOf(deps, caller, firmId, { manage: true });
  await withTransaction(deps.pool, async (tx) => {
    const row = await endpointFor(tx.db, firmId, endpointId, true);
    await deleteEndpointRow(tx.db, endpointId);
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'webhook.deleted',
      subjectType: 'webhook_endpoint',
      subjectId: endpointId,
      organisationId: firmId,
      before: { url: row.url, eventTypes: row.eventTypes },
      ip: caller.ip,
    });
  });
}

/**
 * A new secret signs from now on, shown this once; the current one goes on signing beside it (a second
 * signature) for `overlapHours`, so the firm's tool can switch without losing a delivery. Audited.
 */
export async function rotateSecret(
  deps: AppDeps,
  caller: Caller,
  firmId: string,
  endpointId: string,
  body: z.infer<typeof ZWebhookRotateBody>,
): Promise<TWebhookEndpointWithSecret> {
  await firmAdminOf(deps, caller, firmId, { manage: true });
  await deps.requireStepUp(caller);
  const secret = newSecret();
  const now = deps.clock.now();
  const row = await withTransaction(deps.pool, async (tx) => {
    const before = await endpointFor(tx.db, firmId, endpointId, true);
    const overlap = body.overlapHours > 0;
    const expiresAt = new Date(now.getTime() + body.overlapHours * HOUR);
    const updated = await updateEndpointRow(tx.db, endpointId, {
      secret: deps.keyring.seal(secret, secretContext(endpointId)),
      previousSecret: overlap ? before.secret : null,
      previousSecretExpiresAt: overlap ? expiresAt : null,
      updatedAt: now,
    });
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'webhook.secret_rotated',
      subjectType: 'webhook_endpoint',
      subjectId: endpointId,
      organisationId: firmId,
      after: { overlapHours: body.overlapHours },
      ip: caller.ip,
    });
    return updated;
  });
  return { ...toEndpoint(row, now), secret };
}

/** Queues a `webhook.test` delivery to the endpoint (an active one: 409 CONFLICT while it is turned off). */
export async function sendTestDelivery(
  deps: AppDeps,
  caller: Caller,
  firmId: string,
  endpointId: string,
): Promise<TWebhookDelivery> {
  await firmAdminOf(deps, caller, firmId, { manage: true });
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const endpoint = await endpointFor(tx.db, firmId, endpointId);
    if (endpoint.status !== 'active') {
      throw new AppError('CONFLICT', 'This endpoint is turned off: turn it on to send a test');
    }
    const payload = { type: 'webhook.test', timestamp: now.toISOString(), data: { endpointId } };
    const [id] = await insertDeliveries(tx.db, [{ endpointId, eventType: 'webhook.test', payload, now }]);
    await wakeDeliveryRun(deps, tx);
    const row = await deliveryOf(tx.db, endpointId, id as string);
    return toDelivery(row as DeliveryRow, []);
  });
}

/** The endpoint's deliveries, newest first, each with its attempts (a keyset page). */
export async function listDeliveries(
  deps: AppDeps,
  caller: Caller,
  firmId: string,
  endpointId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<TWebhookDeliveryPage> {
  await firmAdminOf(deps, caller, firmId, { manage: false });
  await endpointFor(deps.db, firmId, endpointId);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await deliveryPage(deps.db, endpointId, cursor, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const attempts = await attemptsOf(
    deps.db,
    page.map((row) => row.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((row) =>
      toDelivery(
        row,
        attempts.filter((attempt) => attempt.deliveryId === row.id),
      ),
    ),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/**
 * "Send again": a delivered or failed delivery goes out again, a new series of attempts of the same
 * delivery (the same `webhook-id`, for the receiver to recognise), from now. 409 WEBHOOK_DELIVERY_PENDING
 * while it is still being tried. On an endpoint turned off, it waits until the endpoint is on again.
 */
export async function retryDelivery(
  deps: AppDeps,
  caller: Caller,
  firmId: string,
  endpointId: string,
  deliveryId: string,
): Promise<TWebhookDelivery> {
  await firmAdminOf(deps, caller, firmId, { manage: true });
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    await endpointFor(tx.db, firmId, endpointId);
    const delivery = await deliveryOf(tx.db, endpointId, deliveryId, { lock: true });
    if (!delivery) throw new AppError('NOT_FOUND', 'No such delivery');
    if (delivery.status === 'pending') {
      throw new AppError('WEBHOOK_DELIVERY_PENDING', 'This delivery is still being tried');
    }
    const updated = await requeueDelivery(tx.db, deliveryId, now);
    await wakeDeliveryRun(deps, tx);
    return toDelivery(updated, await attemptsOf(tx.db, [deliveryId]));
  });
}

/** What a module tells the firm's tools: the firm, the event, and ids with a few plain fields. */
export interface WebhookEvent {
  organisationId: string | null | undefined;
  type: TWebhookEventType;
  /** Ids and minimal fields only: never a document's contents, a message's text, or a person's details. */
  data: Record<string, string | number | boolean | null>;
}

/**
 * Queues the event for every active endpoint of the firm subscribed to its type, in the caller's
 * transaction (it goes out only if the action commits). Nothing for a dossier without a firm.
 */
export async function emitWebhookEvent(deps: AppDeps, tx: Transaction, event: WebhookEvent): Promise<number> {
  if (!event.organisationId) return 0;
  const endpoints = await subscribedEndpoints(tx.db, event.organisationId, event.type);
  if (endpoints.length === 0) return 0;
  const now = deps.clock.now();
  const payload: TWebhookPayload = { type: event.type, timestamp: now.toISOString(), data: event.data };
  const ids = await insertDeliveries(
    tx.db,
    endpoints.map((endpoint) => ({ endpointId: endpoint.id, eventType: event.type, payload, now })),
  );
  await wakeDeliveryRun(deps, tx);
  return ids.length;
}

/** The same, for an event of a pro's (a webinar they host): their firm's endpoints, none without a firm. */
export async function emitWebhookEventOfPro(
  deps: AppDeps,
  tx: Transaction,
  event: Omit<WebhookEvent, 'organisationId'> & { proId: string },
): Promise<number> {
  const organisationId = await organisationOfPro(tx.db, event.proId);
  return emitWebhookEvent(deps, tx, { organisationId, type: event.type, data: event.data });
}
