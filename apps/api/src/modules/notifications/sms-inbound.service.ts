import type { AppDeps } from '../../deps';
import { withTransaction } from '../../platform/db/transaction';
import { recordAudit } from '../audit';
import { stopPhone } from './phone.queries';
import { maskNumber } from './phone.service';

/**
 * Answers to our texts (Twilio's inbound webhook). STOP and its French and carrier synonyms end the
 * notifications by text to that number; HELP (AIDE) says who we are. Twilio's Advanced Opt-Out also
 * blocks the number on its side after STOP (its own keywords; add ARRET to it for French): recording it
 * here stops us sending at all, and shows the person's settings as stopped.
 */

const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'ARRET', 'ARRETER']);
const HELP_WORDS = new Set(['HELP', 'INFO', 'AIDE']);
/**
 * START, UNSTOP, YES: Twilio lifts its block and answers on its own, but we do not send again. The opt-in
 * is a code the number sends back through the app (`verified_at`): a text with START proves only that
 * someone holds the phone now, not which of our accounts wants the texts, so the person verifies again.
 */
const START_WORDS = new Set(['START', 'UNSTOP', 'YES']);

/** "  Arrêt. " → "ARRET": trimmed, capitals, accents and surrounding punctuation dropped. */
export function keywordOf(body: string): string {
  return body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

export type InboundKind = 'stop' | 'help' | 'start' | 'other';

export function inboundKind(body: string): InboundKind {
  const keyword = keywordOf(body);
  if (STOP_WORDS.has(keyword)) return 'stop';
  if (HELP_WORDS.has(keyword)) return 'help';
  if (START_WORDS.has(keyword)) return 'start';
  return 'other';
}

/**
 * The answer texts, French then English (we may not know who holds the number), in the GSM 7-bit
 * alphabet (no apostrophe, no no-break space, no ê).
 */
export function inboundReply(kind: InboundKind, publicUrl: string): string | null {
  switch (kind) {
    case 'stop':
      return 'CAPITUNE : vous ne recevrez plus de notifications par texto. / You will no longer receive text notifications.';
    case 'help':
      return `CAPITUNE : notifications de votre compte. Réglages : ${publicUrl}/profile. Répondez STOP pour y mettre fin. / Account notifications. Settings: ${publicUrl}/profile. Reply STOP to end them.`;
    default:
      return null;
  }
}

/**
 * Handles one inbound text whose signature was checked: a STOP word stops every person who gave the
 * number (audited as theirs: they answered). Returns the reply to send back, or null.
 */
export async function handleInboundSms(
  deps: AppDeps,
  message: { from: string; body: string },
): Promise<string | null> {
  const kind = inboundKind(message.body);
  if (kind === 'stop' && message.from) {
    const now = deps.clock.now();
    await withTransaction(deps.pool, async (tx) => {
      const stopped = await stopPhone(tx.db, message.from, now);
      for (const userId of stopped) {
        await recordAudit(tx.db, {
          actorId: userId,
          action: 'user.notification_phone_stopped',
          subjectType: 'user',
          subjectId: userId,
          after: { phone: maskNumber(message.from), keyword: keywordOf(message.body) },
        });
      }
    });
  }
  return inboundReply(kind, deps.config.publicUrl);
}
