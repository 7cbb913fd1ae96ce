import type { TDeliveryStatus, TNotificationChannel } from '@capitune/contracts';

/** `/admin/deliveries?channel=&status=&userId=&notificationId=`: the delivery log's filters. */
export interface DeliveriesSearch {
  channel?: TNotificationChannel;
  status?: TDeliveryStatus;
  userId?: string;
  notificationId?: string;
}

// The router is in the main bundle: the lists are written here rather than imported with zod.
export const deliveryChannels = [
  'in_app',
  'email',
  'push',
  'sms',
] as const satisfies readonly TNotificationChannel[];
export const deliveryStatusList = [
  'queued',
  'waiting',
  'sent',
  'failed',
  'skipped',
] as const satisfies readonly TDeliveryStatus[];
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uuid = (value: unknown): string | undefined =>
  typeof value === 'string' && uuidPattern.test(value.trim()) ? value.trim().toLowerCase() : undefined;

/** The log's search; anything else (or malformed) is dropped rather than failing the page. */
export function validateDeliveriesSearch(search: Record<string, unknown>): DeliveriesSearch {
  const channel = deliveryChannels.find((value) => value === search.channel);
  const status = deliveryStatusList.find((value) => value === search.status);
  const userId = uuid(search.userId);
  const notificationId = uuid(search.notificationId);
  return {
    ...(channel ? { channel } : {}),
    ...(status ? { status } : {}),
    ...(userId ? { userId } : {}),
    ...(notificationId ? { notificationId } : {}),
  };
}

/** Whether a typed id is a valid one (the filter form says so rather than dropping it silently). */
export const isUuid = (value: string) => uuidPattern.test(value.trim());
