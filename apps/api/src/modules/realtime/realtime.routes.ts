import { type TServerEvent, wsCloseCodes, ZClientEvent } from '@capitune/contracts';
import websocket from '@fastify/websocket';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { dossiers, notifications, sessions, users } from '../../db/schema';
import { type AuthUser, verifyAccessToken } from '../../lib/tokens';
import type { BusEvent } from '../../platform/realtime/event-bus';
import { accessTo, dossierFirm, dossierFor, type Viewer, viewerOf } from '../dossiers/dossiers.service';
import { messageToDeliver, unreadTotals } from '../messages/messages.service';
import { unreadCount } from '../notifications/notifications.service';
import { platformToday } from '../pros';

const AUTH_TIMEOUT_MS = 10_000;

interface Connection {
  socket: WebSocket;
  user: AuthUser | null;
  viewer: Viewer | null;
  subscriptions: Set<string>;
  expiry?: NodeJS.Timeout;
  closed: boolean;
  /** Messages of one socket are handled one after the other: `subscribe` right after `auth` waits for it. */
  queue: Promise<void>;
}

/**
 * One authenticated WebSocket per browser tab at `/api/ws`. The first message carries the access
 * token (and again whenever it is renewed); the socket closes when the token expires unrenewed or its
 * session is revoked. Events from any instance arrive through the event bus and are sent only after
 * this instance has read the row and checked the receiver's access.
 */
export const realtimeRoutes: FastifyPluginAsync = async (app) => {
  await app.register(websocket, { options: { maxPayload: 16 * 1024 } });
  const { deps } = app;
  // Authenticated sockets of this instance, found by who may receive an event without scanning them
  // all: by user (a candidate owns their dossiers), by firm (its pros see its dossiers), and by the
  // dossiers they subscribed to (live messages, read receipts, typing).
  const byUser = new Map<string, Set<Connection>>();
  const byFirm = new Map<string, Set<Connection>>();
  const byDossier = new Map<string, Set<Connection>>();
  const add = (index: Map<string, Set<Connection>>, key: string, connection: Connection) => {
    const set = index.get(key);
    if (set) set.add(connection);
    else index.set(key, new Set([connection]));
  };
  const remove = (index: Map<string, Set<Connection>>, key: string, connection: Connection) => {
    const set = index.get(key);
    if (set?.delete(connection) && set.size === 0) index.delete(key);
  };
  const firmOf = (viewer: Viewer | null) => (viewer ? dossierFirm(viewer) : null);
  const setViewer = (connection: Connection, viewer: Viewer) => {
    const previous = connection.viewer;
    if (previous) remove(byUser, previous.id, connection);
    const previousFirm = firmOf(previous);
    if (previousFirm) remove(byFirm, previousFirm, connection);
    connection.viewer = viewer;
    if (connection.closed) return;
    add(byUser, viewer.id, connection);
    const firm = firmOf(viewer);
    if (firm) add(byFirm, firm, connection);
  };

  /** Sends a frame serialised once for all its receivers. */
  const sendFrame = (connection: Connection, frame: string) => {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(frame);
  };
  const send = (connection: Connection, event: TServerEvent) => sendFrame(connection, JSON.stringify(event));
  const connectionsOf = (userId: string) => [...(byUser.get(userId) ?? [])];
  const forget = (connection: Connection) => {
    clearTimeout(connection.expiry);
    connection.closed = true;
    if (connection.viewer) remove(byUser, connection.viewer.id, connection);
    const firm = firmOf(connection.viewer);
    if (firm) remove(byFirm, firm, connection);
    for (const dossierId of connection.subscriptions) remove(byDossier, dossierId, connection);
  };

  async function authenticate(connection: Connection, token: string) {
    const now = deps.clock.now();
    const user = await verifyAccessToken(token, deps.config.jwtSecret, now);
    if (!user || (connection.user && connection.user.id !== user.id)) {
      connection.socket.close(wsCloseCodes.unauthenticated, 'invalid token');
      return;
    }
    const [session] = await deps.db
      .select({ id: sessions.id, status: users.status })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, user.sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
    if (session?.status !== 'active') {
      connection.socket.close(wsCloseCodes.sessionRevoked, 'session ended');
      return;
    }
    const first = connection.user === null;
    connection.user = user;
    // Read again with every renewed token: a pro who changed firms sees their new firm's dossiers.
    setViewer(connection, await viewerOf(deps.db, user, now));
    // Close when this token expires, unless a renewed one arrives first.
    clearTimeout(connection.expiry);
    const [, payload] = token.split('.');
    const exp = payload
      ? (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp?: number }).exp
      : undefined;
    const lifetime = exp ? exp * 1000 - now.getTime() : 0;
    connection.expiry = setTimeout(
      () => connection.socket.close(wsCloseCodes.unauthenticated, 'token expired'),
      Math.max(lifetime, 1_000),
    );
    connection.expiry.unref();
    if (first) {
      send(connection, { type: 'ready', userId: user.id });
      const totals = await unreadTotals(
        deps.db,
        connection.viewer ? [connection.viewer] : [],
        platformToday(now),
      );
      send(connection, { type: 'unread', total: totals.get(user.id) ?? 0 });
    }
  }

  app.get('/api/ws', { websocket: true, schema: { hide: true } }, (socket) => {
    const connection: Connection = {
      socket,
      user: null,
      viewer: null,
      subscriptions: new Set(),
      closed: false,
      queue: Promise.resolve(),
    };
    connection.expiry = setTimeout(
      () => socket.close(wsCloseCodes.unauthenticated, 'no token'),
      AUTH_TIMEOUT_MS,
    );
    connection.expiry.unref();
    socket.on('close', () => forget(connection));
    socket.on('message', (data) => {
      connection.queue = connection.queue.then(() => handle(String(data)));
    });
    const handle = async (data: string) => {
      let parsed: ReturnType<typeof ZClientEvent.safeParse>;
      try {
        parsed = ZClientEvent.safeParse(JSON.parse(data));
      } catch {
        return send(connection, { type: 'error', code: 'VALIDATION_FAILED' });
      }
      if (!parsed.success) return send(connection, { type: 'error', code: 'VALIDATION_FAILED' });
      const event = parsed.data;
      try {
        if (event.type === 'auth') return await authenticate(connection, event.token);
        if (!connection.viewer) return send(connection, { type: 'error', code: 'UNAUTHENTICATED' });
        if (event.type === 'unsubscribe') {
          connection.subscriptions.delete(event.dossierId);
          remove(byDossier, event.dossierId, connection);
          return;
        }
        // Subscribing and typing need access to the dossier, as reading its history does.
        await dossierFor(deps.db, connection.viewer, event.dossierId, deps.clock.now());
        if (event.type === 'subscribe') {
          if (connection.closed) return;
          connection.subscriptions.add(event.dossierId);
          add(byDossier, event.dossierId, connection);
          return send(connection, { type: 'subscribed', dossierId: event.dossierId });
        }
        await deps.bus.publish({
          type: 'typing',
          dossierId: event.dossierId,
          userId: connection.viewer.id,
        });
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'INTERNAL';
        send(connection, {
          type: 'error',
          code,
          ...(event.type !== 'auth' ? { dossierId: event.dossierId } : {}),
        });
      }
    };
  });

  /**
   * Sockets of this instance allowed to see a dossier now: its owner's and its firm's pros', found
   * through the indexes, each checked against the dossier as read from the database.
   */
  function receiversOf(dossier: { ownerId: string; organisationId: string | null }): Connection[] {
    const found = new Set(byUser.get(dossier.ownerId));
    if (dossier.organisationId)
      for (const connection of byFirm.get(dossier.organisationId) ?? []) found.add(connection);
    return [...found].filter(
      (connection) => connection.viewer && accessTo(connection.viewer, dossier) !== null,
    );
  }

  /**
   * Work per event does not grow with the number of receivers: one read of the message with its
   * dossier, one query for the unread totals of every receiving person, each frame serialised once.
   */
  async function dispatch(event: BusEvent) {
    if (byUser.size === 0) return;
    switch (event.type) {
      case 'message': {
        const found = await messageToDeliver(deps.db, event.messageId);
        if (!found || found.message.dossierId !== event.dossierId) return;
        const indexed = receiversOf(found.dossier);
        if (indexed.length === 0) return;
        // Everyone who can see the dossier gets their new total, subscribed or not (the header badge).
        const viewers = new Map<string, Viewer>();
        for (const { viewer } of indexed)
          if (viewer && !viewers.has(viewer.id)) viewers.set(viewer.id, viewer);
        const totals = await unreadTotals(deps.db, [...viewers.values()], platformToday(deps.clock.now()));
        // The totals query reads each pro's standing now: one suspended since their socket authenticated
        // has no total, and gets neither the message nor a count.
        const receivers = indexed.filter((connection) => totals.has(connection.viewer?.id ?? ''));
        const frame = JSON.stringify({ type: 'message', message: found.message } satisfies TServerEvent);
        for (const connection of receivers) {
          if (connection.subscriptions.has(event.dossierId)) sendFrame(connection, frame);
        }
        const frames = new Map<number, string>();
        for (const connection of receivers) {
          const total = totals.get(connection.viewer?.id ?? '') ?? 0;
          let unread = frames.get(total);
          if (!unread) {
            unread = JSON.stringify({ type: 'unread', total } satisfies TServerEvent);
            frames.set(total, unread);
          }
          sendFrame(connection, unread);
        }
        return;
      }
      case 'read':
      case 'typing': {
        // Only subscribed sockets get these: with none here, there is nothing to read.
        const subscribed = byDossier.get(event.dossierId);
        if (!subscribed) return;
        const [dossier] = await deps.db
          .select({ ownerId: dossiers.ownerId, organisationId: dossiers.organisationId })
          .from(dossiers)
          .where(eq(dossiers.id, event.dossierId));
        if (!dossier) return;
        const frame = JSON.stringify(
          (event.type === 'read'
            ? { type: 'read', dossierId: event.dossierId, userId: event.userId, seq: event.seq }
            : { type: 'typing', dossierId: event.dossierId, userId: event.userId }) satisfies TServerEvent,
        );
        for (const connection of subscribed) {
          if (!connection.viewer || accessTo(connection.viewer, dossier) === null) continue;
          if (event.type === 'typing' && connection.viewer.id === event.userId) continue;
          sendFrame(connection, frame);
        }
        return;
      }
      case 'notification': {
        const receivers = connectionsOf(event.userId);
        if (receivers.length === 0) return;
        const [row] = await deps.db
          .select()
          .from(notifications)
          .where(and(eq(notifications.id, event.notificationId), eq(notifications.userId, event.userId)));
        if (!row) return;
        const count = await unreadCount(deps, event.userId);
        const notification = {
          id: row.id,
          type: row.type as never,
          params: row.params,
          link: row.link,
          readAt: row.readAt?.toISOString() ?? null,
          createdAt: row.createdAt.toISOString(),
        };
        const frame = JSON.stringify({
          type: 'notification',
          notification,
          unreadCount: count,
        } satisfies TServerEvent);
        for (const connection of receivers) sendFrame(connection, frame);
        return;
      }
      case 'sessions_revoked': {
        for (const connection of connectionsOf(event.userId)) {
          if (event.sessionIds.includes(connection.user?.sessionId ?? '')) {
            connection.socket.close(wsCloseCodes.sessionRevoked, 'session ended');
          }
        }
        return;
      }
      case 'resync': {
        const frame = JSON.stringify({ type: 'resync' } satisfies TServerEvent);
        for (const set of byUser.values()) for (const connection of set) sendFrame(connection, frame);
        return;
      }
    }
  }

  // Events of one dossier (or one user) are delivered one after the other, in the order they were
  // published: each dispatch awaits database reads, and messages must never overtake each other.
  const lanes = new Map<string, Promise<void>>();
  const unsubscribe = deps.bus.subscribe((event) => {
    if (event.type === 'stale') return; // for the read cache, nothing to send
    const lane = 'dossierId' in event ? event.dossierId : 'userId' in event ? event.userId : event.type;
    const next = (lanes.get(lane) ?? Promise.resolve())
      .then(() => dispatch(event))
      .catch((error: unknown) => app.log.warn({ err: error }, 'could not deliver a realtime event'));
    lanes.set(lane, next);
    void next.then(() => {
      if (lanes.get(lane) === next) lanes.delete(lane);
    });
  });
  // Pings keep idle sockets open through proxies (which cut silent connections) and find dead peers.
  const alive = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const client of app.websocketServer.clients) {
      if (!alive.has(client)) {
        client.terminate();
        continue;
      }
      alive.delete(client);
      client.ping();
    }
  }, 25_000);
  heartbeat.unref();
  app.websocketServer.on('connection', (client: WebSocket) => {
    alive.add(client);
    client.on('pong', () => alive.add(client));
  });
  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    unsubscribe();
    for (const set of byUser.values())
      for (const connection of set) connection.socket.close(1001, 'server stopping');
  });
};
