import { type TServerEvent, wsCloseCodes, ZClientEvent } from '@capitune/contracts';
import websocket from '@fastify/websocket';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { dossiers, notifications, sessions, users } from '../../db/schema';
import { type AuthUser, verifyAccessToken } from '../../lib/tokens';
import type { BusEvent } from '../../platform/realtime/event-bus';
import { accessTo, dossierFor, type Viewer, viewerOf } from '../dossiers/dossiers.service';
import { messageById, unreadCounts } from '../messages/messages.service';
import { unreadCount } from '../notifications/notifications.service';

const AUTH_TIMEOUT_MS = 10_000;

interface Connection {
  socket: WebSocket;
  user: AuthUser | null;
  viewer: Viewer | null;
  subscriptions: Set<string>;
  expiry?: NodeJS.Timeout;
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
  const byUser = new Map<string, Set<Connection>>();

  const send = (connection: Connection, event: TServerEvent) => {
    if (connection.socket.readyState === connection.socket.OPEN)
      connection.socket.send(JSON.stringify(event));
  };
  const connectionsOf = (userId: string) => [...(byUser.get(userId) ?? [])];
  const forget = (connection: Connection) => {
    clearTimeout(connection.expiry);
    if (connection.user) byUser.get(connection.user.id)?.delete(connection);
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
    connection.viewer = await viewerOf(deps.db, user);
    if (!byUser.has(user.id)) byUser.set(user.id, new Set());
    byUser.get(user.id)?.add(connection);
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
      if (connection.viewer)
        send(connection, { type: 'unread', total: (await unreadCounts(deps, connection.viewer)).total });
    }
  }

  app.get('/api/ws', { websocket: true, schema: { hide: true } }, (socket) => {
    const connection: Connection = {
      socket,
      user: null,
      viewer: null,
      subscriptions: new Set(),
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
          return;
        }
        // Subscribing and typing need access to the dossier, as reading its history does.
        await dossierFor(deps.db, connection.viewer, event.dossierId);
        if (event.type === 'subscribe') {
          connection.subscriptions.add(event.dossierId);
          return send(connection, { type: 'subscribed', dossierId: event.dossierId });
        }
        await deps.events.publish({
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

  /** Sockets of this instance allowed to see a dossier now. */
  async function participants(dossierId: string): Promise<Connection[]> {
    const [dossier] = await deps.db.select().from(dossiers).where(eq(dossiers.id, dossierId));
    if (!dossier) return [];
    const all = [...byUser.values()].flatMap((set) => [...set]);
    return all.filter((connection) => connection.viewer && accessTo(connection.viewer, dossier) !== null);
  }

  async function dispatch(event: BusEvent) {
    if (byUser.size === 0) return;
    switch (event.type) {
      case 'message': {
        const message = await messageById(deps.db, event.messageId);
        if (!message) return;
        const receivers = await participants(event.dossierId);
        for (const connection of receivers) {
          if (connection.subscriptions.has(event.dossierId)) send(connection, { type: 'message', message });
        }
        for (const userId of new Set(receivers.map((connection) => connection.viewer?.id ?? ''))) {
          const [first] = connectionsOf(userId);
          if (!first?.viewer) continue;
          const { total } = await unreadCounts(deps, first.viewer);
          for (const connection of connectionsOf(userId)) send(connection, { type: 'unread', total });
        }
        return;
      }
      case 'read':
      case 'typing': {
        for (const connection of await participants(event.dossierId)) {
          if (!connection.subscriptions.has(event.dossierId)) continue;
          if (event.type === 'typing' && connection.viewer?.id === event.userId) continue;
          send(
            connection,
            event.type === 'read'
              ? { type: 'read', dossierId: event.dossierId, userId: event.userId, seq: event.seq }
              : { type: 'typing', dossierId: event.dossierId, userId: event.userId },
          );
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
        for (const connection of receivers)
          send(connection, { type: 'notification', notification, unreadCount: count });
        return;
      }
      case 'sessions_revoked': {
        for (const connection of connectionsOf(event.userId)) {
          if (event.sessionIds === 'all' || event.sessionIds.includes(connection.user?.sessionId ?? '')) {
            connection.socket.close(wsCloseCodes.sessionRevoked, 'session ended');
          }
        }
        return;
      }
      case 'resync': {
        for (const set of byUser.values()) for (const connection of set) send(connection, { type: 'resync' });
        return;
      }
    }
  }

  // Events of one dossier (or one user) are delivered one after the other, in the order they were
  // published: each dispatch awaits database reads, and messages must never overtake each other.
  const lanes = new Map<string, Promise<void>>();
  const unsubscribe = deps.events.subscribe((event) => {
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
