import type { AppDeps } from '../../deps';
import type { ChannelOutcome, DeliveryRecipient, DeliveryToSend } from './channel-delivery';

/** The channels whose sending lives in another module (web push, text message), behind this registry. */
export type RegisteredChannel = 'push' | 'sms';

export type ChannelSender = (
  deps: AppDeps,
  delivery: DeliveryToSend,
  recipient: DeliveryRecipient,
) => Promise<ChannelOutcome>;

const senders = new Map<RegisteredChannel, ChannelSender>();

/**
 * Registers how one channel sends (the push module, the SMS module, from their index or app.ts): the
 * `notifications.deliver` worker calls it with the locked delivery row, without importing those modules.
 * Registering again replaces (tests register a spy).
 */
export function registerChannelSender(channel: RegisteredChannel, send: ChannelSender): void {
  senders.set(channel, send);
}

/** Removes a channel's sender (tests). */
export function unregisterChannelSender(channel: RegisteredChannel): void {
  senders.delete(channel);
}

/** The channel's sender, or null: the worker then records the delivery skipped, `channel_unavailable`. */
export function channelSender(channel: RegisteredChannel): ChannelSender | null {
  return senders.get(channel) ?? null;
}

/** The `deliverySender` registry as one object. */
export const deliverySender = {
  register: registerChannelSender,
  unregister: unregisterChannelSender,
  get: channelSender,
};
