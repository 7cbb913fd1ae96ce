import { excerptAround, foldWithOffsets, type TextSpan } from './inside.filter';

/**
 * Immigration fraud signals, in French and English: what scams aimed at candidates look like on a
 * community (a guaranteed visa, a work permit's job offer for sale, money to send, a private channel to
 * move the conversation to). Pure functions over the text; the rules (moderation-rules.ts) decide what a
 * signal does, depending on who writes.
 *
 * Ordinary immigration talk must pass: dates (2024-05-12), IRCC application numbers (E123456789), UCI
 * (1234-5678, 11-2233-4455), amounts (1 500 $, $1,500.00), CRS scores, processing times. The tests
 * (inside.signals.test.ts) hold both lists.
 */

export const signalNames = [
  'guaranteed_visa',
  'lmia_sale',
  'payment_request',
  'crypto_wallet',
  'phone_number',
  'messaging_handle',
] as const;
export type SignalName = (typeof signalNames)[number];

export interface Signal {
  name: SignalName;
  span: TextSpan;
  excerpt: string;
}

// Patterns run over folded text (lower case, no accents); `A` is an apostrophe, straight or curly.
const A = "['’]";
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const re = (source: string) => new RegExp(source, 'gu');

const PERMITS =
  '(?:visas?|permis(?: de travail| d' +
  A +
  'etudes?)?|residence permanente|rp|approbation|acceptation|dossiers?|immigration|admission|eimt)';
const PERMITS_EN =
  '(?:visas?|work permits?|study permits?|permits?|pr|permanent residen(?:ce|cy)|approvals?|acceptance|immigration|admission|lmia|job offers?)';

const FOLDED_PATTERNS: Record<Exclude<SignalName, 'crypto_wallet'>, RegExp[]> = {
  guaranteed_visa: [
    // French: « visa garanti », « résidence permanente garantie », « garantie de visa », « 100 % garanti ».
    re(`${B}${PERMITS}\\s+(?:\\d+\\s*%\\s+)?garanti(?:e|s|es)?${E}`),
    re(
      `${B}garanti(?:e|s|es|r|ssons|ssez|t)?\\s+(?:(?:de|du|d${A}|votre|ton|ta|vos|tes|l${A}|la|le|un|une|a)\\s*){0,2}${PERMITS}${E}`,
    ),
    re(
      `${B}(?:succes|reussite|approbation|acceptation)\\s+(?:\\d+\\s*%\\s+)?(?:garanti(?:e)?|assure(?:e)?)${E}`,
    ),
    re(`${B}100\\s*%\\s*(?:garanti(?:e|s|es)?|d${A}approbation|de reussite|de succes|accepte(?:e|s)?)${E}`),
    re(`${B}(?:garanti(?:e|s|es)?|reussite|succes|approbation)\\s+a\\s+100\\s*%`),
    // English: "guaranteed visa", "visa guaranteed", "we guarantee your PR", "100% approval".
    re(`${B}guarantee(?:d|s)?\\s+(?:(?:you|your|a|an|the|of|for)\\s+){0,2}${PERMITS_EN}${E}`),
    re(`${B}${PERMITS_EN}\\s+(?:is\\s+|are\\s+)?(?:100\\s*%\\s+)?guaranteed${E}`),
    re(`${B}100\\s*%\\s*(?:guaranteed|approval|approved|success|acceptance|visa)${E}`),
    re(`${B}(?:approval|success|acceptance)\\s+(?:rate\\s+)?(?:of\\s+)?100\\s*%`),
  ],
  lmia_sale: [
    re(
      `${B}(?:acheter|achat|achete[zr]?|vend(?:s|re|ons|ez)?|vente)\\s+(?:(?:d${A}|de|des|une|un|votre|ton|l${A}|la|le)\\s*){0,2}(?:eimt|offres? d${A}emploi)${E}`,
    ),
    re(`${B}(?:eimt|offres? d${A}emploi)\\s+(?:a|en)\\s+vendre${E}`),
    re(
      `${B}(?:eimt|offres? d${A}emploi)\\s+(?:contre|pour)\\s+(?:\\d[\\d\\s]*\\s*\\$|de l${A}argent|paiement)`,
    ),
    re(
      `${B}(?:buy|buying|sell|selling|sale of|purchase)\\s+(?:(?:an?|the|your|my)\\s+)?(?:lmia|job offers?)${E}`,
    ),
    re(
      `${B}(?:lmia|job offers?)\\s+(?:(?:is|are)\\s+)?(?:for\\s+sale|available\\s+for\\s+purchase|for\\s+\\$\\s*\\d)`,
    ),
    re(`${B}job offers?\\s+for\\s+(?:an?\\s+)?lmia${E}`),
    re(`${B}pay\\s+(?:for\\s+)?(?:an?\\s+)?lmia${E}`),
  ],
  payment_request: [
    re(`${B}western\\s*union${E}`),
    re(`${B}money\\s*gram${E}`),
    re(`${B}send\\s+(?:me|us)?\\s*(?:the\\s+|your\\s+|a\\s+)?(?:money|payment|deposit|fees?|funds)${E}`),
    re(`${B}(?:wire|transfer)\\s+(?:me|us)\\s+(?:the\\s+)?(?:money|payment|deposit|fees?|funds)${E}`),
    re(
      `${B}(?:pay|send)\\s+(?:me|us)\\s+(?:by|via|with|through|in)\\s+(?:interac|e-?transfer|bitcoin|btc|crypto|usdt|gift\\s*cards?|paypal)${E}`,
    ),
    re(`${B}(?:virement|transfert)\\s+interac${E}`),
    re(`${B}interac\\s+e-?transfer\\s+(?:to|at)${E}`),
    re(`${B}payez(?:-|\\s+)?(?:moi|nous)${E}`),
    re(
      `${B}payez\\s+(?:par|via|en|avec)\\s+(?:western|interac|virement|bitcoin|btc|crypto|usdt|mandat|money\\s*gram|cartes?\\s+cadeaux?)`,
    ),
    re(
      `${B}envoye[zr](?:-|\\s+)?(?:moi|nous)?\\s*(?:l${A}argent|les\\s+frais|le\\s+paiement|un\\s+acompte|le\\s+depot|de\\s+l${A}argent)${E}`,
    ),
    re(`${B}frais(?:\\s+de\\s+dossier)?\\s+a\\s+(?:envoyer|virer|transferer)${E}`),
  ],
  phone_number: [
    // North American: (514) 555-0199, 514-555-0199, 514.555.0199, +1 514 555 0199 (separators required
    // without +1, so that ten-digit identifiers pass).
    re(
      `(?<![\\p{L}\\p{N}+-])(?:\\+?1[\\s.-]?)?\\(\\s*[2-9]\\d{2}\\s*\\)[\\s.-]?[2-9]\\d{2}[\\s.-]?\\d{4}(?![\\p{L}\\p{N}-])`,
    ),
    re(
      `(?<![\\p{L}\\p{N}+-])(?:\\+?1[\\s.-]?)?[2-9]\\d{2}[\\s.-][2-9]\\d{2}[\\s.-]\\d{4}(?![\\p{L}\\p{N}-])`,
    ),
    re(`(?<![\\p{L}\\p{N}])\\+1[\\s.-]?[2-9]\\d{2}[\\s.-]?[2-9]\\d{2}[\\s.-]?\\d{4}(?![\\p{L}\\p{N}])`),
    // International: +33 6 12 34 56 78, +237 6 99 99 99 99, +44 20 7946 0958, 0033 6 12 34 56 78.
    re(`(?<![\\p{L}\\p{N}])(?:\\+|00)[2-9]\\d{0,2}(?:[\\s.-]?\\(?\\d{1,4}\\)?){2,6}(?![\\p{L}\\p{N}])`),
    // French national format with separators: 06 12 34 56 78.
    re(`(?<![\\p{L}\\p{N}-])0[1-9](?:[\\s.]\\d{2}){4}(?![\\p{L}\\p{N}-])`),
    // A bare number right after a phone cue: "tel 5145550199", "appelez le 0612345678".
    re(
      `${B}(?:tel|telephone|phone|call|text|appele[zr]?|cell|cellulaire|whatsapp)\\s*[:.]?\\s*(?:me\\s+|moi\\s+|le\\s+|au\\s+|at\\s+|on\\s+)?\\+?\\d{9,14}${E}`,
    ),
  ],
  messaging_handle: [
    re(`${B}(?:wa\\.me|t\\.me|telegram\\.me|chat\\.whatsapp\\.com)\\/[\\p{L}\\p{N}_+/-]+`),
    re(
      `${B}(?:whats\\s?app|telegram|wechat|weixin|viber|signal)\\s*(?:id|number|numero|no|#|handle)?\\s*[:=]?\\s*(?:@[\\p{L}\\p{N}_.]{3,}|\\+?\\d[\\d\\s.-]{6,}\\d)`,
    ),
    re(`${B}(?:telegram|tg)\\s*(?:me|moi)?\\s*(?:@[\\p{L}\\p{N}_]{3,})`),
    re(`${B}(?:wechat|weixin)\\s*(?:id)?\\s*[:=]\\s*[\\p{L}\\p{N}_-]{4,}`),
    re(
      `${B}(?:contact|message|text|write|call|reach|add|dm|ping)\\s+(?:me|us)\\s+(?:on|via|through|at|by)\\s+(?:whats\\s?app|telegram|wechat|viber|signal)${E}`,
    ),
    re(
      `${B}(?:contacte[zr]?|ecri(?:ve)?[sz]?|ajoute[zr]?|joigne[zr]?|appele[zr]?|texte[zr]?)(?:-|\\s+)(?:moi|nous)\\s+(?:sur|via|par)\\s+(?:whats\\s?app|telegram|wechat|viber|signal)${E}`,
    ),
    re(`${B}(?:on|sur|via)\\s+(?:whats\\s?app|telegram|wechat|viber)\\s+(?:au|at|:)\\s*\\+?\\d`),
  ],
};

// Crypto wallets, case-sensitive: Bitcoin (legacy and bech32), Ethereum and tokens on it, Tron (USDT).
const WALLET_PATTERNS = [
  /(?<![\p{L}\p{N}])bc1[02-9ac-hj-np-z]{25,60}(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])0x[0-9a-fA-F]{40}(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])T[1-9A-HJ-NP-Za-km-z]{33}(?![\p{L}\p{N}])/gu,
];

/** A base58 run must mix letters and digits to be taken for a wallet (not a long word). */
const looksLikeWallet = (value: string) => /\d/.test(value) && /[A-Za-z]/.test(value.slice(1));

/** A phone number has 9 to 15 digits (E.164); fewer is a code or an amount. */
function plausible(name: SignalName, value: string): boolean {
  if (name !== 'phone_number') return true;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 9 && digits <= 15;
}

/** Every signal in a text (at most one of each name, the first), in the order of {@link signalNames}. */
export function findSignals(text: string): Signal[] {
  const { folded, origin } = foldWithOffsets(text);
  const found: Signal[] = [];
  for (const name of signalNames) {
    let span: TextSpan | null = null;
    if (name === 'crypto_wallet') {
      for (const pattern of WALLET_PATTERNS) {
        const match = [...text.matchAll(pattern)].find((m) => looksLikeWallet(m[0]));
        if (match) {
          span = { start: match.index, end: match.index + match[0].length };
          break;
        }
      }
    } else {
      for (const pattern of FOLDED_PATTERNS[name]) {
        const match = [...folded.matchAll(pattern)].find((m) => plausible(name, m[0]));
        if (match) {
          span = {
            start: origin[match.index] ?? 0,
            end: origin[match.index + match[0].length] ?? text.length,
          };
          break;
        }
      }
    }
    if (span) found.push({ name, span, excerpt: excerptAround(text, span) });
  }
  return found;
}

/**
 * The signals that hold a text of this author: all of them for candidates; for pros (licensed and
 * identified, their contact details are public) only the promises and sales a licensed pro may not make;
 * none for admins.
 */
export function signalsHolding(role: 'candidate' | 'pro' | 'admin', signals: Signal[]): Signal[] {
  if (role === 'admin') return [];
  if (role === 'pro') return signals.filter((s) => s.name === 'guaranteed_visa' || s.name === 'lmia_sale');
  return signals;
}
