import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdminAlertMessage } from './admin-alert-sender';
import { createAdminAlertSender } from './create-admin-alert-sender';
import { createSlackWebApiSender } from './slack-web-api-sender';
import { createSlackWebhookSender } from './slack-webhook-sender';

/** A local stand-in for Slack: records each request and answers what the test sets. */
interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('Slack adapters (against a local stand-in for Slack)', () => {
  let server: Server;
  let base: string;
  const received: Received[] = [];
  let answer: { status: number; type: string; body: string };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
    answer = { status: 200, type: 'text/plain', body: 'ok' };
  });

  const message: AdminAlertMessage = {
    text: 'Nouvelle demande de vérification\u00a0: Julien <Tremblay> / New verification request: Julien <Tremblay>',
    lines: [
      'Nouvelle demande de vérification\u00a0: Julien <Tremblay>',
      'New verification request: Julien <Tremblay>',
    ],
    link: 'https://capitune.test/admin/verifications/abc',
  };

  it('posts the text and Block Kit blocks to the incoming webhook, escaping what Slack reads as markup', async () => {
    await createSlackWebhookSender({ webhookUrl: `${base}/services/T000/B000/XXXX` }).send(message);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/services/T000/B000/XXXX');
    expect(request?.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request?.body ?? '');
    expect(body.text).toContain('New verification request: Julien &lt;Tremblay&gt;');
    expect(body.text).toContain('<https://capitune.test/admin/verifications/abc|');
    expect(body.blocks).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'Nouvelle demande de vérification\u00a0: Julien &lt;Tremblay&gt;\nNew verification request: Julien &lt;Tremblay&gt;',
        },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: '<https://capitune.test/admin/verifications/abc|https://capitune.test/admin/verifications/abc>',
          },
        ],
      },
    ]);
  });

  it('throws with Slack’s status and reason when the webhook refuses, never with its URL', async () => {
    answer = { status: 404, type: 'text/plain', body: 'no_service' };
    const sending = createSlackWebhookSender({ webhookUrl: `${base}/services/secret` }).send(message);
    await expect(sending).rejects.toThrow('Slack webhook refused the alert: HTTP 404 no_service');
    await expect(sending).rejects.not.toThrow(/secret/);
  });

  it('posts through chat.postMessage of the Web API with the real @slack/web-api client', async () => {
    answer = { status: 200, type: 'application/json', body: JSON.stringify({ ok: true, ts: '1' }) };
    const sender = createSlackWebApiSender(
      { botToken: 'xoxb-test-token', channelId: 'C0123456789' },
      { slackApiUrl: `${base}/api/` },
    );
    await sender.send(message);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api/chat.postMessage');
    expect(request?.headers.authorization).toBe('Bearer xoxb-test-token');
    const body = parseBody(request as Received);
    expect(body.channel).toBe('C0123456789');
    expect(body.text).toContain('New verification request: Julien &lt;Tremblay&gt;');
    const blocks = typeof body.blocks === 'string' ? JSON.parse(body.blocks) : body.blocks;
    expect(blocks[0].text.text).toContain('Nouvelle demande de vérification\u00a0: Julien &lt;Tremblay&gt;');
  });

  it('throws with Slack’s error code when the Web API answers ok: false', async () => {
    answer = {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ ok: false, error: 'channel_not_found' }),
    };
    const sender = createSlackWebApiSender(
      { botToken: 'xoxb-test-token', channelId: 'C0123456789' },
      { slackApiUrl: `${base}/api/` },
    );
    const sending = sender.send(message);
    await expect(sending).rejects.toThrow('Slack Web API refused the alert: channel_not_found');
    await expect(sending).rejects.not.toThrow(/xoxb/);
    // The client's own retries are off: the job retries.
    expect(received).toHaveLength(1);
  });

  it('picks the adapter from the configuration: Web API, webhook, or none', () => {
    expect(createAdminAlertSender({ slack: null }).available).toBe(false);
    expect(createAdminAlertSender({ slack: { webhookUrl: `${base}/hook` } }).available).toBe(true);
    expect(
      createAdminAlertSender({ slack: { botToken: 'xoxb-1', channelId: 'C0123456789' } }).available,
    ).toBe(true);
  });
});

/** The Web API client sends a form (`blocks` as JSON text) or JSON, depending on the method. */
function parseBody(request: Received): Record<string, unknown> {
  if (String(request.headers['content-type']).startsWith('application/json')) return JSON.parse(request.body);
  return Object.fromEntries(new URLSearchParams(request.body));
}
