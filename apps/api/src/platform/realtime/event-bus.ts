import { is, SQL, sql } from 'drizzle-orm';
import pg from 'pg';

/** The lists every instance keeps alike (platform/read-cache.ts), forgotten through the bus when they change. */
export type CachedList = 'inside_search' | 'live_calendar' | 'pros_directory';

/**
 * What one instance tells the others. Payloads carry ids only: the receiving instance reads the rows
 * and checks access before sending anything to a socket.
 */
export type BusEvent =
  | { type: 'message'; dossierId: string; messageId: string }
  | { type: 'read'; dossierId: string; userId: string; seq: number }
  | { type: 'typing'; dossierId: string; userId: string }
  | { type: 'notification'; userId: string; notificationId: string }
  | { type: 'sessions_revoked'; userId: string; sessionIds: string[] }
  /** A cached list changed: every instance forgets it (platform/read-cache.ts). */
  | { type: 'stale'; list: CachedList }
  /** Local only: the listener reconnected, events may have been missed; clients refetch. */
  | { type: 'resync' };

export const BUS_CHANNEL = 'capitune_events';

/** An event whose fields may also be SQL expressions. */
export type WithSqlFields<E> = E extends unknown ? { [K in keyof E]: E[K] | SQL } : never;

export interface EventBus {
  /** Calls `handler` for every event published by any instance, this one included. */
  subscribe(handler: (event: BusEvent) => void): () => void;
  /** Publishes outside a transaction (pass a transaction's client to publish on its commit). */
  publish(event: BusEvent, client?: Pick<pg.ClientBase, 'query'>): Promise<void>;
  /**
   * The publication as an SQL expression, for a statement that publishes what it writes: a field may be
   * SQL (a column of the row written, such as its new id) as well as a value. Sent once per row the
   * expression is evaluated for, delivered when that statement's transaction commits.
   */
  publishing(event: WithSqlFields<BusEvent>): SQL;
  close(): Promise<void>;
}

/**
 * Fan-out across API instances through PostgreSQL LISTEN/NOTIFY: one dedicated connection per instance
 * listens; NOTIFY sent inside a transaction is delivered only if it commits. The listener reconnects
 * with backoff when the database goes away.
 */
export function createEventBus(
  url: string,
  pool: pg.Pool,
  onWarning: (message: string, error: unknown) => void = () => undefined,
): EventBus {
  const handlers = new Set<(event: BusEvent) => void>();
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let attempt = 0;

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: url, application_name: 'capitune-events' });
    next.on('notification', (message) => {
      if (!message.payload) return;
      let event: BusEvent;
      try {
        event = JSON.parse(message.payload) as BusEvent;
      } catch {
        return;
      }
      for (const handler of handlers) handler(event);
    });
    next.on('error', (error) => {
      onWarning('event bus connection lost, reconnecting', error);
      next.end().catch(() => undefined);
      scheduleReconnect();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${BUS_CHANNEL}`);
      const wasReconnect = attempt > 0;
      client = next;
      attempt = 0;
      if (wasReconnect) for (const handler of handlers) handler({ type: 'resync' });
    } catch (error) {
      next.end().catch(() => undefined);
      onWarning('event bus could not connect, retrying', error);
      scheduleReconnect();
    }
  };
  const scheduleReconnect = () => {
    if (closed || retry) return;
    client = undefined;
    const delay = Math.min(10_000, 250 * 2 ** attempt++);
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, delay);
  };
  const ready = connect();

  return {
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async publish(event, through) {
      await (through ?? pool).query('select pg_notify($1, $2)', [BUS_CHANNEL, JSON.stringify(event)]);
    },
    publishing(event) {
      // The same JSON object as `publish` sends, built by the statement: SQL fields as they are, values
      // as JSON parameters.
      const fields = Object.entries(event).map(
        ([key, value]) => sql`${key}::text, ${is(value, SQL) ? value : sql`${JSON.stringify(value)}::json`}`,
      );
      return sql`pg_notify(${BUS_CHANNEL}, json_build_object(${sql.join(fields, sql`, `)})::text)`;
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      await ready;
      await client?.end().catch(() => undefined);
    },
  };
}
