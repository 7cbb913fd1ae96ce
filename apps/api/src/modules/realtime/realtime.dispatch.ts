import { wsCloseCodes } from '@capitune/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../deps';
import type { BusEvent } from '../../platform/realtime/event-bus';
import type { CallerReach } from '../access';
import { platformToday } from '../access';
import { conversationOf, messageToDeliver, unreadTotals } from '../messages';
import { notificationToDeliver } from '../notifications';
import { type Frame, frameOf, type Hub } from './realtime.hub';

type Reads = Pick<AppDeps, 'db' | 'clock'>;
type Handlers = { [K in BusEvent['type']]: (event: Extract<BusEvent, { type: K }>) => Promise<void> | void };

/**
 * Bus events to frames: for each event, the rows it names are read through the modules' faces, the
 * receivers' access checked against them, and each frame serialised once for all its receivers. Work per
 * event does not grow with the number of receivers.
 */
export function createDispatch(deps: Reads, hub: Hub, log: FastifyBaseLogger) {
  const handlers: Handlers = {
    /**
     * One read of the message with its dossier, one query for the unread totals of every receiving person;
     * everyone who can see the dossier gets their new total (the header badge) once, subscribed or not; the
     * subscribed also get the message.
     */
    async message(event) {
      const found = await messageToDeliver(deps.db, event.messageId);
      if (!found || found.message.dossierId !== event.dossierId) return;
      const indexed = hub.receiversOf(found.dossier);
      if (indexed.length === 0) return;
      const people = new Map<string, CallerReach>();
      for (const { reach } of indexed) if (reach && !people.has(reach.id)) people.set(reach.id, reach);
      const totals = await unreadTotals(deps.db, [...people.values()], platformToday(deps.clock.now()));
      // The totals query reads each pro's standing now: one suspended since their socket authenticated
      // has no total, and gets neither the message nor a count.
      const receivers = indexed.filter((connection) => totals.has(connection.reach?.id ?? ''));
      const message = frameOf({ type: 'message', message: found.message });
      for (const connection of receivers) {
        if (connection.subscriptions.has(event.dossierId)) hub.send(connection, message);
      }
      const unread = new Map<number, Frame>();
      for (const connection of receivers) {
        const total = totals.get(connection.reach?.id ?? '') ?? 0;
        let frame = unread.get(total);
        if (!frame) {
          frame = frameOf({ type: 'unread', total });
          unread.set(total, frame);
        }
        hub.send(connection, frame);
      }
    },

    read: ({ dossierId, userId, seq }) =>
      toSubscribers(dossierId, frameOf({ type: 'read', dossierId, userId, seq })),

    // Everyone subscribed but the one typing.
    typing: ({ dossierId, userId }) =>
      toSubscribers(dossierId, frameOf({ type: 'typing', dossierId, userId }), userId),

    async notification(event) {
      const receivers = hub.ofUser(event.userId);
      if (receivers.length === 0) return;
      const found = await notificationToDeliver(deps.db, event.userId, event.notificationId);
      if (!found) return;
      const frame = frameOf({ type: 'notification', ...found });
      for (const connection of receivers) hub.send(connection, frame);
    },

    sessions_revoked(event) {
      for (const connection of hub.ofUser(event.userId)) {
        if (event.sessionIds.includes(connection.user?.sessionId ?? '')) {
          connection.socket.close(wsCloseCodes.sessionRevoked, 'session ended');
        }
      }
    },

    resync() {
      const frame = frameOf({ type: 'resync' });
      for (const connection of hub.all()) hub.send(connection, frame);
    },

    // For the read cache: nothing to send.
    stale() {},
  };

  /**
   * Read receipts and typing go to the sockets subscribed to the dossier that may still see it (but
   * `except` its author): with none here, there is nothing to read.
   */
  async function toSubscribers(dossierId: string, frame: Frame, except?: string) {
    if (!hub.hasSubscribers(dossierId)) return;
    const dossier = await conversationOf(deps.db, dossierId);
    if (!dossier) return;
    for (const connection of hub.subscribersOf(dossierId, dossier)) {
      if (except !== undefined && connection.reach?.id === except) continue;
      hub.send(connection, frame);
    }
  }

  const handle = (event: BusEvent): Promise<void> | void =>
    (handlers[event.type] as (event: BusEvent) => Promise<void> | void)(event);

  // Events of one dossier (or one user) are delivered one after the other, in the order they were
  // published: each dispatch awaits database reads, and messages must never overtake each other.
  const lanes = new Map<string, Promise<void>>();

  return {
    /** Queues the event on its lane (its dossier, else its user, else its type). */
    deliver(event: BusEvent): void {
      if (event.type === 'stale') return;
      const lane = 'dossierId' in event ? event.dossierId : 'userId' in event ? event.userId : event.type;
      const next = (lanes.get(lane) ?? Promise.resolve())
        .then(() => (hub.isEmpty() ? undefined : handle(event)))
        .catch((error: unknown) => log.warn({ err: error }, 'could not deliver a realtime event'));
      lanes.set(lane, next);
      void next.then(() => {
        if (lanes.get(lane) === next) lanes.delete(lane);
      });
    },
  };
}
