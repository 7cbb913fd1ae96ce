import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import type { AppDeps } from '../../deps';
import { withTransaction } from '../../platform/db/transaction';
import {
  checkOutboundUrl,
  OutboundAddressError,
  type OutboundPolicy,
  outboundAgent,
} from '../../platform/http/outbound';
import { endpointDisabledEmail } from './webhooks.emails';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  disableEndpoint,
  type EndpointRow,
  endpointById,
  firmLicenseeRecipients,
  firmNameOf,
  insertAttempt,
  markDelivered,
  markFailed,
  scheduleRetry,
  seriesStart,
} from './webhooks.queries';
import { secretContext } from './webhooks.service';

/**
 * The delivery of outgoing webhooks. A due delivery is claimed with a lease (`lease_until`, one minute):
 * no other worker takes it meanwhile, and a worker killed mid-delivery leaves it to be taken again when
 * the lease passes, with the same `webhook-id` (the receiver deduplicates). Each answer is logged as an
 * attempt; a 2xx delivers; a failure is tried again with exponential backoff (30 s, doubling, at most
 * an hour apart) until 24 hours after the series' first attempt, then the delivery fails, the endpoint
 * is turned off and the firm's licensees are emailed.
 */

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
/** How long a claim holds a delivery: well past the request's timeout. */
export const LEASE_SECONDS = 60;
const BATCH = 20;
/** Tries go on for this long after the first attempt of a series. */
export const RETRY_WINDOW_MS = 24 * HOUR;
const FIRST_RETRY_MS = 30 * SECOND;
const MAX_RETRY_MS = HOUR;
/** The answer's body is read up to this many bytes (then dropped): only its status is kept. */
const MAX_BODY_BYTES = 4096;

/** The delay before the next try after the `n`th failed attempt of a series: 30 s × 2^(n−1), at most an hour. */
export function backoffMs(n: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(n - 1, 0), MAX_RETRY_MS);
}

const agents = new Map<boolean, https.Agent>();
function agentFor(policy: OutboundPolicy): https.Agent {
  let agent = agents.get(policy.allowLoopback);
  if (!agent) {
    agent = outboundAgent(policy);
    agents.set(policy.allowLoopback, agent);
  }
  return agent;
}

export interface DeliveryRunOptions {
  /** The request's time limit (10 seconds). */
  timeoutMs?: number;
  /**
   * How long a run goes on looking for due deliveries, polling every `pollMs` while none is due (real
   * time). 0 (tests): the run ends as soon as none is due.
   */
  budgetMs?: number;
  pollMs?: number;
  /** Tests only: called after the receiver answered and before the answer is recorded (a crash there). */
  afterSend?: (delivery: ClaimedDelivery) => void | Promise<void>;
}

type Outcome = { statusCode: number; error: null } | { statusCode: null; error: string };

function describeError(error: unknown): string {
  if (error instanceof OutboundAddressError) return 'address_not_allowed';
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
    const code = (error as NodeJS.ErrnoException).code;
    return (code ?? error.message).slice(0, 200);
  }
  return 'error';
}

/** One POST, no redirect followed; the body read up to 4 KB and dropped. */
function post(
  url: URL,
  body: string,
  headers: Record<string, string>,
  agent: https.Agent,
  timeoutMs: number,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const request = https.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        let read = 0;
        const done = () => resolve({ statusCode, error: null });
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= MAX_BODY_BYTES) {
            response.destroy();
            done();
          }
        });
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    request.on('error', (error) => resolve({ statusCode: null, error: describeError(error) }));
    request.end(body);
  });
}

/** The `webhook-signature` header: the current secret's, and the previous one's while it overlaps. */
function signatures(deps: AppDeps, endpoint: EndpointRow, msgId: string, at: Date, body: string): string {
  const context = secretContext(endpoint.id);
  const secrets = [deps.keyring.open(endpoint.secret, context)];
  const now = deps.clock.now();
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(deps.keyring.open(endpoint.previousSecret, context));
  }
  return secrets.map((secret) => new Webhook(secret).sign(msgId, at, body)).join(' ');
}

/** Sends one claimed delivery and records what came of it. */
async function deliverOne(
  deps: AppDeps,
  claimed: ClaimedDelivery,
  options: DeliveryRunOptions,
): Promise<void> {
  // A claim that never finished (its worker killed, its lease passed): logged as an interrupted attempt,
  // so that the series counts it.
  if (claimed.abandoned_lease) {
    await insertAttempt(deps.db, {
      deliveryId: claimed.id,
      attemptedAt: new Date(new Date(claimed.abandoned_lease).getTime() - LEASE_SECONDS * SECOND),
      statusCode: null,
      error: 'interrupted',
      durationMs: 0,
    });
  }
  const endpoint = await endpointById(deps.db, claimed.endpoint_id);
  if (!endpoint) return;
  const policy: OutboundPolicy = { allowLoopback: deps.config.outboundAllowLoopback };
  const attemptedAt = deps.clock.now();
  const started = performance.now();
  const body = JSON.stringify(claimed.payload);
  let outcome: Outcome;
  try {
    // Checked again at each attempt (an address literal never reaches the agent's own check).
    const url = await checkOutboundUrl(endpoint.url, policy);
    const msgId = `msg_${claimed.id}`;
    // The signature's time is the real one: the receiver compares it with its own clock.
    const signedAt = new Date();
    outcome = await post(
      url,
      body,
      {
        'content-type': 'application/json',
        'user-agent': 'CAPITUNE-Webhooks/1.0',
        'webhook-id': msgId,
        'webhook-timestamp': String(Math.floor(signedAt.getTime() / SECOND)),
        'webhook-signature': signatures(deps, endpoint, msgId, signedAt, body),
      },
      agentFor(policy),
      options.timeoutMs ?? 10 * SECOND,
    );
  } catch (error) {
    outcome = {
      statusCode: null,
      error:
        error instanceof Error && 'code' in error && error.code === 'WEBHOOK_URL_NOT_ALLOWED'
          ? 'address_not_allowed'
          : describeError(error),
    };
  }
  const durationMs = Math.round(performance.now() - started);
  await options.afterSend?.(claimed);
  await recordOutcome(deps, claimed, endpoint, { attemptedAt, durationMs, outcome }).catch(
    (error: unknown) => {
      // The endpoint was removed meanwhile (its deliveries with it): nothing left to record.
      if (pgCode(error) !== FOREIGN_KEY_VIOLATION) throw error;
    },
  );
}

const FOREIGN_KEY_VIOLATION = '23503';

/** PostgreSQL's error code, under drizzle's wrapping. */
function pgCode(error: unknown): string | undefined {
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string') return current.code;
    current = current.cause as typeof current;
  }
  return undefined;
}

/** The attempt logged, and the delivery delivered, tried again later, or failed (the endpoint turned off). */
async function recordOutcome(
  deps: AppDeps,
  claimed: ClaimedDelivery,
  endpoint: EndpointRow,
  { attemptedAt, durationMs, outcome }: { attemptedAt: Date; durationMs: number; outcome: Outcome },
): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    await insertAttempt(tx.db, {
      deliveryId: claimed.id,
      attemptedAt,
      statusCode: outcome.statusCode,
      error: outcome.error,
      durationMs,
    });
    if (outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300) {
      await markDelivered(tx.db, claimed.id, deps.clock.now());
      return;
    }
    const start = (await seriesStart(tx.db, claimed.id, claimed.attempt_count)) ?? attemptedAt;
    const deadline = start.getTime() + RETRY_WINDOW_MS;
    if (attemptedAt.getTime() < deadline) {
      const next = Math.min(attemptedAt.getTime() + backoffMs(claimed.attempt_count), deadline);
      await scheduleRetry(tx.db, claimed.id, new Date(next));
      return;
    }
    // 24 hours of failures: the delivery fails and the endpoint is turned off, its licensees told once.
    if (!(await markFailed(tx.db, claimed.id))) return;
    const disabled = await disableEndpoint(tx.db, endpoint.id, 'failing_24h', deps.clock.now());
    if (!disabled) return;
    const [firmName, licensees] = await Promise.all([
      firmNameOf(tx.db, endpoint.organisationId),
      firmLicenseeRecipients(tx.db, endpoint.organisationId),
    ]);
    for (const licensee of licensees) {
      await deps.outbox.enqueue(
        tx,
        endpointDisabledEmail(licensee, { firmName, url: endpoint.url }, `${deps.config.publicUrl}/firm`),
      );
    }
  });
}

/**
 * Works through the due deliveries, a batch of claims at a time, while some are due (and, given a
 * budget, polls for more until it is spent). The job `webhooks.deliver` runs it every minute; tests call
 * it with the clock they drive.
 */
export async function runWebhookDeliveries(
  deps: AppDeps,
  options: DeliveryRunOptions = {},
): Promise<{ attempted: number }> {
  const budgetMs = options.budgetMs ?? 0;
  const pollMs = options.pollMs ?? 15 * SECOND;
  const until = Date.now() + budgetMs;
  let attempted = 0;
  for (;;) {
    const claimed = await claimDueDeliveries(deps.db, deps.clock.now(), LEASE_SECONDS, BATCH);
    if (claimed.length > 0) {
      attempted += claimed.length;
      await Promise.all(claimed.map((delivery) => deliverOne(deps, delivery, options)));
      if (budgetMs > 0 && Date.now() >= until) break;
      continue;
    }
    if (Date.now() + pollMs >= until) break;
    await sleep(pollMs);
  }
  return { attempted };
}
