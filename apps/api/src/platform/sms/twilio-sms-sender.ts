import twilio from 'twilio';
import { AppError } from '../../lib/errors';
import type { SmsSender } from './sms-sender';

/** A Twilio account, and whom its messages come from: a Messaging Service (it picks the number) or a number. */
export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  sender: { messagingServiceSid: string } | { from: string };
}

/** A code is worth nothing after 10 minutes: a provider that does not answer within seconds has failed. */
const TIMEOUT_MS = 10_000;

/**
 * SMS through Twilio's Messages API with the `twilio` SDK. `httpClient` replaces the SDK's HTTP client
 * (its documented extension point); the tests use it to send the requests to a local stand-in.
 */
export function createTwilioSmsSender(
  settings: TwilioSettings,
  options: { httpClient?: twilio.RequestClient } = {},
): SmsSender {
  const client = twilio(settings.accountSid, settings.authToken, {
    timeout: TIMEOUT_MS,
    ...(options.httpClient ? { httpClient: options.httpClient } : {}),
  });
  return {
    available: true,
    async send(message) {
      try {
        await client.messages.create({ to: message.to, body: message.body, ...settings.sender });
      } catch (error) {
        const failure = new AppError('SMS_UNAVAILABLE', 'The SMS provider did not take the message');
        failure.cause = providerFailure(error);
        throw failure;
      }
    },
  };
}

/**
 * What is logged of a failure: Twilio's status and error code, or the network error's code. Twilio's
 * message is left out: it may quote the phone number.
 */
function providerFailure(error: unknown): Error {
  if (error instanceof twilio.RestException) {
    return new Error(`Twilio refused the message: HTTP ${error.status}, error ${error.code ?? 'none'}`);
  }
  const code = (error as { code?: unknown } | null)?.code;
  return new Error(`Twilio could not be reached: ${typeof code === 'string' ? code : 'unknown error'}`);
}
