import { type AppErrorCode, wsCloseCodes, ZClientEvent } from '@capitune/contracts';
import websocket from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { AppError, isDatabaseUnavailable } from '../../lib/errors';
import { verifyAccessToken } from '../../lib/tokens';
import { callerOf, dossierFor, platformToday, reachOf } from '../access';
import { unreadTotals } from '../messages';
import { createDispatch } from './realtime.dispatch';
import { type Connection, createHub, frameOf, type ServerEvents } from './realtime.hub';
import { socketSessionIsOpen } from './realtime.service';

const AUTH_TIMEOUT_MS = 10_000;

/** The seconds-since-epoch expiry an access token carries (already verified), if any. */
function expiryOf(token: string): number | undefined {
  const [, payload] = token.split('.');
  return payload
    ? (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp?: number }).exp
    : undefined;
}

/**
 * What the browser is told of a failure: a stable code only. An AppError's own code; a database that is
 * not reachable, SERVICE_UNAVAILABLE; anything else INTERNAL (logged here, never sent).
 */
function codeOf(error: unknown): AppErrorCode {
  if (error instanceof AppError) return error.code;
  if (isDatabaseUnavailable(error)) return 'SERVICE_UNAVAILABLE';
  return 'INTERNAL';
}

/**
 * One authenticated WebSocket per browser tab at `/api/ws`. The first message carries the access
 * token (and again whenever it is renewed); the socket closes when the token expires unrenewed or its
 * session is revoked. Events from any instance arrive through the event bus and are sent only after
 * this instance has read the row and checked the receiver's access (realtime.dispatch.ts); the sockets
 * are kept by realtime.hub.ts. This file: the upgrade, the client's messages, and authentication.
 */
export const realtimeRoutes: FastifyPluginAsync = async (app) => {
  await app.register(websocket, { options: { maxPayload: 16 * 1024 } });
  const { deps } = app;
  const hub = createHub();
  const dispatch = createDispatch(deps, hub, app.log);
  const send = <K extends keyof ServerEvents>(connection: Connection, event: ServerEvents[K]) =>
    hub.send(connection, frameOf(event));

  async function authenticate(connection: Connection, token: string, ip: string) {
    const now = deps.clock.now();
    const user = await verifyAccessToken(token, deps.config.jwtSecret, now);
    if (!user || (connection.user && connection.user.id !== user.id)) {
      connection.socket.close(wsCloseCodes.unauthenticated, 'invalid token');
      return;
    }
    if (!(await socketSessionIsOpen(deps.db, user, now))) {
      connection.socket.close(wsCloseCodes.sessionRevoked, 'session ended');
      return;
    }
    const first = connection.user === null;
    connection.user = user;
    // Read again with every renewed token: a pro who changed firms sees their new firm's dossiers. Outside
    // the firm's networks the socket still carries notifications, without the firm's dossiers.
    hub.setReach(connection, await reachOf(deps.db, callerOf(user, ip), now));
    // Close when this token expires, unless a renewed one arrives first.
    clearTimeout(connection.expiry);
    const exp = expiryOf(token);
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
        connection.reach ? [connection.reach] : [],
        platformToday(now),
      );
      send(connection, { type: 'unread', total: totals.get(user.id) ?? 0 });
    }
  }

  /** One message of the browser, in the order they came (see `Connection.queue`). */
  async function handle(connection: Connection, data: string, ip: string) {
    let parsed: ReturnType<typeof ZClientEvent.safeParse>;
    try {
      parsed = ZClientEvent.safeParse(JSON.parse(data));
    } catch {
      return send(connection, { type: 'error', code: 'VALIDATION_FAILED' });
    }
    if (!parsed.success) return send(connection, { type: 'error', code: 'VALIDATION_FAILED' });
    const event = parsed.data;
    try {
      if (event.type === 'auth') return await authenticate(connection, event.token, ip);
      const { reach } = connection;
      if (!reach) return send(connection, { type: 'error', code: 'UNAUTHENTICATED' });
      if (event.type === 'unsubscribe') return hub.unsubscribe(connection, event.dossierId);
      // Subscribing and typing need access to the dossier, as reading its history does.
      await dossierFor(deps.db, reach, event.dossierId, deps.clock.now());
      if (event.type === 'subscribe') {
        if (connection.closed) return;
        hub.subscribe(connection, event.dossierId);
        return send(connection, { type: 'subscribed', dossierId: event.dossierId });
      }
      await deps.bus.publish({ type: 'typing', dossierId: event.dossierId, userId: reach.id });
    } catch (error) {
      const code = codeOf(error);
      if (!(error instanceof AppError) || error.status >= 500)
        app.log.error({ err: error, event: event.type }, 'realtime: could not handle a client event');
      send(connection, {
        type: 'error',
        code,
        ...(event.type !== 'auth' ? { dossierId: event.dossierId } : {}),
      });
    }
  }

  app.get('/api/ws', { websocket: true, schema: { hide: true } }, (socket: WebSocket, request) => {
    const connection = hub.open(socket);
    connection.expiry = setTimeout(
      () => socket.close(wsCloseCodes.unauthenticated, 'no token'),
      AUTH_TIMEOUT_MS,
    );
    connection.expiry.unref();
    socket.on('close', () => hub.forget(connection));
    socket.on('message', (data) => {
      connection.queue = connection.queue.then(() => handle(connection, String(data), request.ip));
    });
  });

  const unsubscribe = deps.bus.subscribe((event) => dispatch.deliver(event));
  const stopHeartbeat = hub.startHeartbeat(app.websocketServer);
  app.addHook('onClose', async () => {
    stopHeartbeat();
    unsubscribe();
    hub.closeAll(1001, 'server stopping');
  });
};
