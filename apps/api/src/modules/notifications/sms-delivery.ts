import type { TLocale } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import type { ChannelOutcome, DeliveryRecipient, DeliveryToSend } from './channel-delivery';
import type { ChannelSender } from './channel-senders';
import { notificationText } from './notification-texts';
import { phoneRow, smsSentToday } from './phone.queries';
import { shortLinkCode } from './signed-links';

/**
 * The text-message channel of the `notifications.deliver` worker (registered with
 * `registerChannelSender('sms', sendSmsNotification)`): one short text to the person's verified number,
 * in their language, with the notification's title and a short signed link to the exact item. Never the
 * notification's sentence or a message's words: a text is read on a locked screen, and kept by the carrier.
 */

/** One SMS segment in the GSM 7-bit alphabet. */
const SEGMENT = 160;

/** The GSM 03.38 basic character set: one septet each (the extension table's characters cost two). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

const lookalikes: Record<string, string> = {
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '\u00a0': ' ',
  '\u202f': ' ',
  '–': '-',
  '—': '-',
  '…': '...',
};

/**
 * The text in the GSM 7-bit alphabet: typographic quotes and spaces to plain ones, accents GSM lacks
 * (ê, ç, ô…) dropped, anything else left out. One character outside it would send the whole message
 * as UCS-2: 70 characters a segment instead of 160, so twice the segments and the cost.
 */
export function toGsm(text: string): string {
  let out = '';
  for (const char of text) {
    if (GSM_BASIC.has(char)) out += char;
    else if (lookalikes[char] !== undefined) out += lookalikes[char];
    else {
      const plain = char.normalize('NFD').replace(/\p{M}/gu, '');
      if ([...plain].every((c) => GSM_BASIC.has(c))) out += plain;
    }
  }
  return out.replace(/ {2,}/g, ' ');
}

/** At most `max` characters, cut at a word, "..." marking the cut. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(1, max - 3));
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}...`;
}

/**
 * "CAPITUNE : Document demandé. https://capitune.ca/l/…": one segment whenever PUBLIC_URL is of a usual
 * length (the link is PUBLIC_URL + 36 characters; the title is shortened to fit).
 */
export function notificationSms(locale: TLocale, title: string, link: string): string {
  const prefix = locale === 'fr' ? 'CAPITUNE : ' : 'CAPITUNE: ';
  const room = SEGMENT - prefix.length - link.length - 2;
  const words = shorten(toGsm(title).trim(), Math.max(room, 20));
  const sentence = /[.!?]$/.test(words) ? words : `${words}.`;
  return `${prefix}${sentence} ${link}`;
}

/** The short link of a delivery: `PUBLIC_URL/l/<delivery id>.<signature>`, followed by `GET /l/{code}`. */
export function shortLink(config: { publicUrl: string; jwtSecret: Uint8Array }, deliveryId: string): string {
  return `${config.publicUrl}/l/${shortLinkCode(config.jwtSecret, deliveryId)}`;
}

/**
 * Sends one notification by text. Skipped (final) without a verified number, after a STOP, past the daily
 * cap (SMS_DAILY_CAP texts since midnight in the person's time zone) or without a provider; a refusal
 * of the provider is retried (the adapter throws 503 SMS_UNAVAILABLE, its cause logged without the number).
 */
export const sendSmsNotification: ChannelSender = async (
  deps: AppDeps,
  delivery: DeliveryToSend,
  recipient: DeliveryRecipient,
): Promise<ChannelOutcome> => {
  if (!deps.sms.available) return { status: 'skipped', reason: 'sms_unavailable' };
  const phone = await phoneRow(deps.db, recipient.id);
  if (!phone?.verifiedAt || phone.stoppedAt) return { status: 'skipped', reason: 'no_verified_number' };
  const sentToday = await smsSentToday(deps.db, recipient.id, deps.clock.now());
  if (sentToday >= deps.config.smsDailyCap) return { status: 'skipped', reason: 'daily_cap' };
  const { title } = notificationText(delivery.type, delivery.params, recipient.locale, recipient.timeZone);
  const body = notificationSms(recipient.locale, title, shortLink(deps.config, delivery.id));
  try {
    await deps.sms.send({ to: phone.phone, body });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    return { status: 'retry', reason: code === 'SMS_UNAVAILABLE' ? 'provider_refused' : 'provider_error' };
  }
  return { status: 'sent' };
};
