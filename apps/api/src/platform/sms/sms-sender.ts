import { AppError } from '../../lib/errors';

/** One text message: an E.164 number (`+15145550123`) and its words. */
export interface SmsMessage {
  to: string;
  body: string;
}

/**
 * Sends text messages (SMS codes). One adapter per setting: a provider (Twilio) in server mode, the dev
 * mailbox's table in embedded mode, or none.
 */
export interface SmsSender {
  /** Whether this installation can send SMS at all: false in server mode without a provider. */
  readonly available: boolean;
  /** Sends one message; 503 SMS_UNAVAILABLE when there is no provider or it did not take the message. */
  send(message: SmsMessage): Promise<void>;
}

/** Server mode without a provider: SMS codes are not offered. */
export const unavailableSmsSender: SmsSender = {
  available: false,
  async send() {
    throw new AppError('SMS_UNAVAILABLE', 'No SMS provider is configured');
  },
};
