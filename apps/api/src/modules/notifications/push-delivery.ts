import type { TNotificationType, TPushPayload } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import type { PushOutcome } from '../../platform/push/push-sender';
import type { ChannelOutcome, DeliveryRecipient, DeliveryToSend } from './channel-delivery';
import { notificationText } from './notification-texts';
import {
  deleteGonePushSubscriptions,
  markPushSubscriptionsReached,
  pushSubscriptionsOf,
} from './push-subscriptions.queries';

/**
 * The web push channel (`registerChannelSender('push', sendPushDelivery)`): one notification to every
 * device of the person, encrypted for each (RFC 8291), in their language. Devices whose push service
 * says they are gone (404/410) are removed.
 */

/** A push service keeps an undelivered message this long (the device may be off). */
export const PUSH_TTL_SECONDS = 24 * 60 * 60;

/** What the person is waiting on: shown at once even on a phone saving its battery. */
const urgentTypes: ReadonlySet<TNotificationType> = new Set([
  'document_requested',
  'document_rejected',
  'message_received',
]);

/** The body is cut beyond this: a push message carries at most about 4 KB once encrypted. */
const MAX_BODY_CHARACTERS = 1000;

function payloadOf(delivery: DeliveryToSend, recipient: DeliveryRecipient): TPushPayload {
  const text = notificationText(delivery.type, delivery.params, recipient.locale, recipient.timeZone);
  const body =
    text.body.length > MAX_BODY_CHARACTERS ? `${text.body.slice(0, MAX_BODY_CHARACTERS - 1)}…` : text.body;
  return {
    id: delivery.id,
    type: delivery.type,
    title: text.title,
    body,
    url: delivery.link ?? '/notifications',
    lang: recipient.locale,
  };
}

export async function sendPushDelivery(
  deps: AppDeps,
  delivery: DeliveryToSend,
  recipient: DeliveryRecipient,
): Promise<ChannelOutcome> {
  if (!deps.push.publicKey) return { status: 'skipped', reason: 'push_unavailable' };
  const devices = await pushSubscriptionsOf(deps.db, recipient.id);
  if (devices.length === 0) return { status: 'skipped', reason: 'no_device' };

  const payload = JSON.stringify(payloadOf(delivery, recipient));
  const options = {
    ttlSeconds: PUSH_TTL_SECONDS,
    urgency: urgentTypes.has(delivery.type) ? ('high' as const) : ('normal' as const),
    // A retried send replaces its own earlier message still waiting at the push service.
    topic: delivery.id.replaceAll('-', ''),
  };
  const outcomes: PushOutcome[] = await Promise.all(
    devices.map((device) =>
      deps.push.send(
        { endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } },
        payload,
        options,
      ),
    ),
  );

  const reached = devices.filter((_, index) => outcomes[index]?.ok).map((device) => device.id);
  const gone = devices.filter((_, index) => {
    const outcome = outcomes[index];
    return outcome && !outcome.ok && outcome.gone;
  });
  await markPushSubscriptionsReached(deps.db, reached, deps.clock.now());
  await deleteGonePushSubscriptions(deps.db, gone);

  if (reached.length > 0) return { status: 'sent' };
  if (gone.length === devices.length) return { status: 'skipped', reason: 'no_device' };
  const failure = outcomes.find(
    (outcome): outcome is Extract<PushOutcome, { ok: false }> => !outcome.ok && !outcome.gone,
  );
  return { status: 'retry', reason: `push: ${failure?.error ?? 'not delivered'}`.slice(0, 300) };
}
