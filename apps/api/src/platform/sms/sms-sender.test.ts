import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { AppError } from '../../lib/errors';
import type { Database } from '../db/database';
import { createSmsSender } from './create-sms-sender';
import { unavailableSmsSender } from './sms-sender';
import { createTwilioSmsSender } from './twilio-sms-sender';

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'stand-in-auth-token-0123456789';
const SERVICE_SID = `MG${'fedcba9876543210'.repeat(2)}`;

interface ReceivedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  form: Record<string, string>;
}

/**
 * A local stand-in for Twilio's Messages API: `POST /2010-04-01/Accounts/{sid}/Messages.json` with a
 * form body, answered as Twilio answers (201 and the message resource), or with Twilio's error body when
 * told to refuse.
 */
async function startTwilioStandIn() {
  const received: ReceivedRequest[] = [];
  let refusal: { status: number; code: number; message: string } | null = null;
  const readBody = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const path = request.url ?? '';
      received.push({
        method: request.method ?? '',
        path,
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        form: Object.fromEntries(new URLSearchParams(body)),
      });
      response.setHeader('content-type', 'application/json');
      const messages = path.match(/^\/2010-04-01\/Accounts\/(AC\w{32})\/Messages\.json$/);
      if (request.method !== 'POST' || !messages) {
        response.statusCode = 404;
        response.end(
          JSON.stringify({ code: 20404, message: 'The requested resource was not found', status: 404 }),
        );
        return;
      }
      if (refusal) {
        response.statusCode = refusal.status;
        response.end(
          JSON.stringify({
            code: refusal.code,
            message: refusal.message,
            more_info: `https://www.twilio.com/docs/errors/${refusal.code}`,
            status: refusal.status,
          }),
        );
        return;
      }
      const form = new URLSearchParams(body);
      response.statusCode = 201;
      response.end(
        JSON.stringify({
          sid: `SM${'a'.repeat(32)}`,
          account_sid: messages[1],
          to: form.get('To'),
          from: form.get('From'),
          messaging_service_sid: form.get('MessagingServiceSid'),
          body: form.get('Body'),
          status: 'queued',
          num_segments: '1',
          direction: 'outbound-api',
          api_version: '2010-04-01',
          date_created: new Date().toUTCString(),
          uri: `/2010-04-01/Accounts/${messages[1]}/Messages/SM${'a'.repeat(32)}.json`,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    refuse(next: typeof refusal) {
      refusal = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The SDK's own HTTP client (axios, form encoding, basic auth), sending to `origin` instead of
 * api.twilio.com: the SDK's documented way to customise its requests is to hand it an `httpClient`.
 */
class StandInRequestClient extends twilio.RequestClient {
  constructor(private readonly origin: string) {
    super({ timeout: 2_000 });
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    const url = new URL(options.uri);
    return super.request<TData>({ ...options, uri: `${this.origin}${url.pathname}${url.search}` });
  }
}

describe('the Twilio adapter, against a stand-in of the Messages API', () => {
  let standIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
  beforeAll(async () => {
    standIn = await startTwilioStandIn();
  });
  afterAll(() => standIn.close());

  const sender = (senderOf: { from: string } | { messagingServiceSid: string }) =>
    createTwilioSmsSender(
      { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, sender: senderOf },
      { httpClient: new StandInRequestClient(standIn.origin) },
    );

  it('posts To, From and Body as a form, with the account’s basic auth', async () => {
    standIn.refuse(null);
    const sms = sender({ from: '+15145550100' });
    expect(sms.available).toBe(true);
    await sms.send({ to: '+15145550123', body: 'CAPITUNE : 123 456' });
    const request = standIn.received.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request?.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
    );
    expect(request?.form).toEqual({ To: '+15145550123', From: '+15145550100', Body: 'CAPITUNE : 123 456' });
  });

  it('sends through a Messaging Service instead of a number when given one', async () => {
    standIn.refuse(null);
    await sender({ messagingServiceSid: SERVICE_SID }).send({ to: '+33612345678', body: 'Code 654 321' });
    expect(standIn.received.at(-1)?.form).toEqual({
      To: '+33612345678',
      MessagingServiceSid: SERVICE_SID,
      Body: 'Code 654 321',
    });
  });

  it('answers 503 SMS_UNAVAILABLE when Twilio refuses, keeping the phone number out of the logged cause', async () => {
    standIn.refuse({
      status: 400,
      code: 21211,
      message: "The 'To' number +15145550199 is not a valid phone number.",
    });
    const failure = await sender({ from: '+15145550100' })
      .send({ to: '+15145550199', body: 'x' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('SMS_UNAVAILABLE');
    expect((failure as AppError).status).toBe(503);
    const cause = String((failure as AppError).cause);
    expect(cause).toContain('HTTP 400, error 21211');
    expect(cause).not.toContain('5550199');
  });

  it('answers 503 SMS_UNAVAILABLE when Twilio cannot be reached', async () => {
    const closed = await startTwilioStandIn();
    await closed.close();
    const sms = createTwilioSmsSender(
      { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, sender: { from: '+15145550100' } },
      { httpClient: new StandInRequestClient(closed.origin) },
    );
    const failure = await sms.send({ to: '+15145550123', body: 'x' }).catch((error: unknown) => error);
    expect((failure as AppError).code).toBe('SMS_UNAVAILABLE');
    expect(String((failure as AppError).cause)).toContain('ECONNREFUSED');
  });
});

describe('the SMS adapter chosen by the configuration', () => {
  const db = {} as Database;
  const server = { DATABASE_URL: 'postgres://app@db/capitune', JWT_SECRET: 'x'.repeat(40) };
  const keys = { ENCRYPTION_KEYS: `k:${Buffer.alloc(32, 1).toString('base64')}` };

  it('is the dev mailbox in embedded mode, Twilio when configured, none in server mode without it', async () => {
    expect(createSmsSender(loadConfig({}), db).available).toBe(true);
    const withTwilio = loadConfig({
      ...server,
      ...keys,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM: '+15145550100',
    });
    expect(createSmsSender(withTwilio, db).available).toBe(true);
    const none = createSmsSender(loadConfig({ ...server, ...keys }), db);
    expect(none).toBe(unavailableSmsSender);
    expect(none.available).toBe(false);
    await expect(none.send({ to: '+15145550123', body: 'x' })).rejects.toMatchObject({
      code: 'SMS_UNAVAILABLE',
      status: 503,
    });
  });
});
