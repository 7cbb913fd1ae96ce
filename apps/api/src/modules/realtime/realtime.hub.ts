import type { TServerEvent } from '@capitune/contracts';
import type { WebSocket, WebSocketServer } from 'ws';
import type { AuthUser } from '../../lib/tokens';
import { accessTo, type CallerReach, dossierFirm } from '../access';

/** What the server sends, by event type: `ServerEvents['unread']` is the `unread` frame's content. */
export type ServerEvents = { [K in TServerEvent['type']]: Extract<TServerEvent, { type: K }> };

/** An event serialised once, sent as it is to any number of sockets. */
export type Frame = string & { readonly frame: unique symbol };

export function frameOf<K extends keyof ServerEvents>(event: ServerEvents[K]): Frame {
  return JSON.stringify(event) as Frame;
}

/** Who may see a dossier: its owner and its firm. */
export type DossierParties = { ownerId: string; organisationId: string | null };

/** One browser tab's socket, and what the hub knows of it. */
export interface Connection {
  readonly socket: WebSocket;
  /** The bearer of the last accepted token; null until the first `auth`. */
  user: AuthUser | null;
  /** The bearer with their firm and standing, read with each accepted token. */
  reach: CallerReach | null;
  readonly subscriptions: Set<string>;
  expiry?: NodeJS.Timeout;
  closed: boolean;
  /** Messages of one socket are handled one after the other: `subscribe` right after `auth` waits for it. */
  queue: Promise<void>;
}

type Index = Map<string, Set<Connection>>;

function add(index: Index, key: string, connection: Connection) {
  const set = index.get(key);
  if (set) set.add(connection);
  else index.set(key, new Set([connection]));
}

function remove(index: Index, key: string, connection: Connection) {
  const set = index.get(key);
  if (set?.delete(connection) && set.size === 0) index.delete(key);
}

const firmOf = (reach: CallerReach | null) => (reach ? dossierFirm(reach) : null);

/** Pings keep idle sockets open through proxies (which cut silent connections) and find dead peers. */
const HEARTBEAT_MS = 25_000;

/**
 * The authenticated sockets of this instance, found by who may receive an event without scanning them
 * all: by user (a candidate owns their dossiers), by firm (its pros see its dossiers), and by the
 * dossiers they subscribed to (live messages, read receipts, typing).
 */
export function createHub() {
  const byUser: Index = new Map();
  const byFirm: Index = new Map();
  const byDossier: Index = new Map();

  const isOpen = (connection: Connection) => connection.socket.readyState === connection.socket.OPEN;

  return {
    /** A new socket, known to no index until its first token is accepted. */
    open(socket: WebSocket): Connection {
      return {
        socket,
        user: null,
        reach: null,
        subscriptions: new Set(),
        closed: false,
        queue: Promise.resolve(),
      };
    },

    /** Files the socket under its bearer and their firm (again with each renewed token: firms change). */
    setReach(connection: Connection, reach: CallerReach) {
      const previous = connection.reach;
      if (previous) remove(byUser, previous.id, connection);
      const previousFirm = firmOf(previous);
      if (previousFirm) remove(byFirm, previousFirm, connection);
      connection.reach = reach;
      if (connection.closed) return;
      add(byUser, reach.id, connection);
      const firm = firmOf(reach);
      if (firm) add(byFirm, firm, connection);
    },

    subscribe(connection: Connection, dossierId: string) {
      if (connection.closed) return;
      connection.subscriptions.add(dossierId);
      add(byDossier, dossierId, connection);
    },

    unsubscribe(connection: Connection, dossierId: string) {
      connection.subscriptions.delete(dossierId);
      remove(byDossier, dossierId, connection);
    },

    /** The socket closed: out of every index. */
    forget(connection: Connection) {
      clearTimeout(connection.expiry);
      connection.closed = true;
      if (connection.reach) remove(byUser, connection.reach.id, connection);
      const firm = firmOf(connection.reach);
      if (firm) remove(byFirm, firm, connection);
      for (const dossierId of connection.subscriptions) remove(byDossier, dossierId, connection);
    },

    /** Whether no authenticated socket is open here (then no event needs reading). */
    isEmpty: () => byUser.size === 0,

    ofUser: (userId: string): Connection[] => [...(byUser.get(userId) ?? [])],

    /** Every authenticated socket. */
    *all(): Generator<Connection> {
      for (const set of byUser.values()) yield* set;
    },

    /**
     * Sockets allowed to see a dossier now: its owner's and its firm's pros', found through the indexes,
     * each checked against the dossier as read from the database.
     */
    receiversOf(dossier: DossierParties): Connection[] {
      const found = new Set(byUser.get(dossier.ownerId));
      if (dossier.organisationId)
        for (const connection of byFirm.get(dossier.organisationId) ?? []) found.add(connection);
      return [...found].filter(
        (connection) => connection.reach && accessTo(connection.reach, dossier) !== null,
      );
    },

    /** Whether some socket here subscribed to the dossier. */
    hasSubscribers: (dossierId: string) => byDossier.has(dossierId),

    /** Sockets subscribed to the dossier that may still see it. */
    subscribersOf(dossierId: string, dossier: DossierParties): Connection[] {
      return [...(byDossier.get(dossierId) ?? [])].filter(
        (connection) => connection.reach && accessTo(connection.reach, dossier) !== null,
      );
    },

    send(connection: Connection, frame: Frame) {
      if (isOpen(connection)) connection.socket.send(frame);
    },

    /** Pings every socket of `server` now and then; one that did not answer the last ping is cut. */
    startHeartbeat(server: WebSocketServer): () => void {
      const alive = new WeakSet<WebSocket>();
      const timer = setInterval(() => {
        for (const client of server.clients) {
          if (!alive.has(client)) {
            client.terminate();
            continue;
          }
          alive.delete(client);
          client.ping();
        }
      }, HEARTBEAT_MS);
      timer.unref();
      server.on('connection', (client: WebSocket) => {
        alive.add(client);
        client.on('pong', () => alive.add(client));
      });
      return () => clearInterval(timer);
    },

    closeAll(code: number, reason: string) {
      for (const set of byUser.values()) for (const connection of set) connection.socket.close(code, reason);
    },
  };
}

export type Hub = ReturnType<typeof createHub>;
