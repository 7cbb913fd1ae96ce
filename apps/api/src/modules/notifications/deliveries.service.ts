import type { TDeliveryPage, TNotificationType } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { type DeliveryFilters, deliveryRows } from './deliveries.queries';

/** The admins' view of the delivery log: newest first, filtered, keyset-paginated. */
export async function listDeliveries(
  deps: Pick<AppDeps, 'db'>,
  query: DeliveryFilters & { cursor?: string | undefined; limit: number },
): Promise<TDeliveryPage> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await deliveryRows(deps.db, query, after, query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => ({
      ...row,
      type: row.type as TNotificationType,
      dueAt: row.dueAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}
