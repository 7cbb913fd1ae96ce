// A fixed offered load, evenly paced: request i is sent at start + i / rate, whatever became of the
// earlier ones (an open loop), over a pool of keep-alive connections; its latency counts from when it
// was due, so a server that falls behind is not hidden by requests that were never sent.
//
// Why not autocannon's `overallRate`: it gives each connection a quota per second and resets the quotas
// on a one-second timer, so every connection sends its quota back to back at the top of each second and
// then waits. 500 requests/second over 50 connections arrive as 50 concurrent streams in the first part
// of each second: the latency it reports is the latency of a burst at full concurrency, not of 500
// requests/second.
//
// It starts after a pause of a second (what the previous run left queued in the server and the database
// drains), and the first `warmup` seconds are sent but not counted: they open the connections, which
// would otherwise put their set-up into the first hundred requests' latency (measured: the slowest 1 %
// of a search run all fell in its first second).
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * @param {{ port: number, rate: number, duration: number, connections: number, warmup?: number,
 *   request: () => { method?: string, path: string, headers?: Record<string, string>, body?: string } }} options
 * @returns {Promise<{ latencies: number[], statuses: Map<number, number>, errors: number }>}
 */
export async function pacedLoad({ port, rate, duration, connections, request, warmup = 1 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const unmeasured = Math.round(rate * warmup);
  const total = unmeasured + Math.round(rate * duration);
  const latencies = [];
  const statuses = new Map();
  let errors = 0;
  const inFlight = new Set();
  const send = (due, measured) => {
    const spec = request();
    const done = new Promise((resolve) => {
      const outgoing = http.request(
        {
          host: '127.0.0.1',
          port,
          agent,
          method: spec.method ?? 'GET',
          path: spec.path,
          headers: spec.headers,
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            if (measured) {
              latencies.push(performance.now() - due);
              statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
            }
            resolve();
          });
        },
      );
      outgoing.on('error', () => {
        if (measured) errors++;
        resolve();
      });
      outgoing.end(spec.body);
    });
    inFlight.add(done);
    done.then(() => inFlight.delete(done));
  };
  await sleep(1000);
  const start = performance.now() + 20;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    // Timers fire a millisecond late at best: requests due within that are sent together.
    if (wait >= 1) await sleep(wait);
    send(due, i >= unmeasured);
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { latencies, statuses, errors };
}
