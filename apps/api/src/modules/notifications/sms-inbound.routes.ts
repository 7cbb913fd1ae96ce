import { ZString } from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import twilio from 'twilio';
import { AppError } from '../../lib/errors';
import { handleInboundSms } from './sms-inbound.service';

/** Twilio's inbound message fields are a few hundred bytes; a long text is at most ~1.6 KB. */
const BODY_LIMIT = 64 * 1024;

const escapeXml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');

/** TwiML: nothing to send back, or one message. */
export const twiml = (reply: string | null) =>
  reply === null
    ? '<?xml version="1.0" encoding="UTF-8"?><Response/>'
    : `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escapeXml(reply)}</Message></Response>`;

/** A form's fields as Twilio signs them: each name once, with its (last) value. */
function formFields(body: unknown): Record<string, string> | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string') return null;
    fields[name] = value;
  }
  return fields;
}

/**
 * Whether the request comes from Twilio: `X-Twilio-Signature` is the HMAC-SHA1, under the account's auth
 * token, of the full URL Twilio called (PUBLIC_URL + the path and query) followed by the form's fields.
 * False when Twilio is not configured here (no token to check against).
 */
function signedByTwilio(request: FastifyRequest, authToken: string | undefined, publicUrl: string): boolean {
  const signature = request.headers['x-twilio-signature'];
  const fields = formFields(request.body);
  if (!authToken || typeof signature !== 'string' || !signature || !fields) return false;
  try {
    return twilio.validateRequest(authToken, signature, `${publicUrl}${request.url}`, fields);
  } catch {
    return false;
  }
}

/**
 * `POST /api/sms/inbound`: Twilio's webhook for texts sent to our number (configure it on the number or
 * the Messaging Service). Public, but only Twilio's signed requests get past the check: 403 otherwise.
 */
export const smsInboundRoutes: FastifyPluginAsyncZod = async (app) => {
  // Twilio posts `application/x-www-form-urlencoded`: parsed here, for this plugin's route only.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (_request, body, done) => {
      const fields: Record<string, string> = {};
      for (const [name, value] of new URLSearchParams(body as string)) fields[name] = value;
      done(null, fields);
    },
  );

  app.post(
    '/api/sms/inbound',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        operationId: 'receiveInboundSms',
        tags: ['notifications'],
        security: [],
        summary:
          'Twilio’s webhook for texts answered to CAPITUNE: STOP / ARRÊT ends the texts, HELP / AIDE answers',
        description:
          'An `application/x-www-form-urlencoded` form as Twilio posts it (`From`, `Body`, …), signed with `X-Twilio-Signature` over PUBLIC_URL + this path and the fields: 403 FORBIDDEN when the signature is missing or wrong, or Twilio is not configured. STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, ARRET or ARRÊT (any case or accents) stops the texts to every person who gave that number; START does not turn them back on (the person confirms the number again in the app). Answers TwiML (`text/xml`).',
        problems: ['FORBIDDEN'],
        response: { 200: ZString.describe('text/xml (TwiML)') },
      },
      preValidation: async (request) => {
        const { twilio: settings, publicUrl } = app.deps.config;
        if (!signedByTwilio(request, settings?.authToken, publicUrl)) {
          throw new AppError('FORBIDDEN', 'This request is not signed by Twilio');
        }
      },
    },
    async (request, reply) => {
      const fields = formFields(request.body) ?? {};
      const answer = await handleInboundSms(app.deps, { from: fields.From ?? '', body: fields.Body ?? '' });
      return reply.type('text/xml; charset=utf-8').send(twiml(answer));
    },
  );
};
