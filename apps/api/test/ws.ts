import type { AddressInfo } from 'node:net';
import type { TServerEvent } from '@capitune/contracts';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `127.0.0.1:${port}`;
}

/** A WebSocket client of `/api/ws` that records what it receives. */
export async function connectSocket(host: string, accessToken?: string) {
  const socket = new WebSocket(`ws://${host}/api/ws`);
  const events: TServerEvent[] = [];
  let closed: { code: number; reason: string } | null = null;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };
  socket.on('message', (data) => {
    events.push(JSON.parse(String(data)) as TServerEvent);
    wake();
  });
  socket.on('close', (code, reason) => {
    closed = { code, reason: String(reason) };
    wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const client = {
    socket,
    events,
    get closed() {
      return closed;
    },
    send(event: object) {
      socket.send(JSON.stringify(event));
    },
    /** Waits until `predicate` holds over what was received (or the socket closed, when asked). */
    async until(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `timed out; received: ${JSON.stringify(events).slice(0, 500)}; closed: ${JSON.stringify(closed)}`,
          );
        await new Promise<void>((resolve) => {
          const done = () => {
            waiters.delete(done);
            resolve();
          };
          waiters.add(done);
          setTimeout(done, Math.min(left, 100));
        });
      }
    },
    of<T extends TServerEvent['type']>(type: T) {
      return events.filter((event): event is Extract<TServerEvent, { type: T }> => event.type === type);
    },
    close() {
      socket.close();
    },
  };
  if (accessToken) {
    client.send({ type: 'auth', token: accessToken });
    await client.until(() => client.of('ready').length > 0 || closed !== null);
  }
  return client;
}
