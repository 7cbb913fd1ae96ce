import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { sendProblem } from '../lib/errors';

/** Equal-length digests, compared in constant time whatever the length of what was sent. */
const digest = (token: string) => createHash('sha256').update(token).digest();

/**
 * Prometheus metrics at `GET /metrics` (behind METRICS_TOKEN in server mode): request counts and durations
 * labelled by route pattern (`/api/dossiers/:id`, never the raw URL, so the number of series stays
 * bounded), plus the process's default metrics (memory, event-loop lag, GC).
 */
export async function registerMetrics(app: FastifyInstance) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, route pattern and status code',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const labels = { method: request.method, route, status_code: String(reply.statusCode) };
    requests.inc(labels);
    durations.observe(labels, reply.elapsedTime / 1000);
  });

  const { metricsToken, embedded } = app.deps.config;
  const expected = metricsToken ? digest(metricsToken) : null;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    // Open in embedded mode without a token (it listens on this machine only, see config.ts); otherwise
    // the scraper sends `Authorization: Bearer <METRICS_TOKEN>`, and no token configured means closed.
    if (expected || !embedded) {
      const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!expected || !given || !timingSafeEqual(digest(given), expected)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        return sendProblem(reply, 'UNAUTHENTICATED', {
          detail: expected ? 'A valid metrics token is required' : 'Set METRICS_TOKEN to read the metrics',
        });
      }
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });

  return registry;
}
