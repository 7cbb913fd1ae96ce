import type { TDecisionFactor } from '@capitune/contracts';

/**
 * The main factors of an automated decision, as the API names them, explained in plain words. A code the
 * web does not know yet (a new rule) is shown generically with its code, never hidden.
 */
export const knownFactorCodes = [
  'watched_word',
  'scam_signal',
  'new_member_link',
  'new_member_image',
  'first_posts',
  'account_age_days',
  'approved_texts',
  'upheld_flags',
] as const;
export type KnownFactorCode = (typeof knownFactorCodes)[number];

/** The fraud signals the community's rules look for (see the API's inside/signals.ts). */
export const knownSignals = [
  'guaranteed_visa',
  'lmia_sale',
  'payment_request',
  'crypto_wallet',
  'phone_number',
  'messaging_handle',
] as const;

/** The factors that count something (days, texts, flags): their sentence says how many when the API does. */
const countedCodes: readonly KnownFactorCode[] = [
  'first_posts',
  'account_age_days',
  'approved_texts',
  'upheld_flags',
];

const isKnownCode = (code: string): code is KnownFactorCode =>
  (knownFactorCodes as readonly string[]).includes(code);

/** The number a factor counts (days, texts, flags), under whichever name the API gives it. */
export function factorCount(params: TDecisionFactor['params']): number | null {
  for (const name of ['count', 'days', 'value', 'n']) {
    const value = params[name];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  }
  return null;
}

export interface FactorExplanation {
  /** A key of the `privacy-account` namespace. */
  key: string;
  values: Record<string, string | number>;
  /** For `scam_signal`: the key of the signal's name, to translate and pass as `signal`. */
  signalKey?: string;
}

/** Which sentence explains the factor, with what to put in it. */
export function explainFactor(factor: TDecisionFactor): FactorExplanation {
  const { code, params } = factor;
  if (!isKnownCode(code)) return { key: 'decisions.factors.unknown', values: { code } };
  if (code === 'scam_signal') {
    const signal = typeof params.signal === 'string' ? params.signal : '';
    const known = (knownSignals as readonly string[]).includes(signal);
    return {
      key: 'decisions.factors.scam_signal',
      values: {},
      signalKey: known ? `decisions.signals.${signal}` : 'decisions.signals.other',
    };
  }
  // `first_posts` says how many first posts are checked (`held`); the others count what they name.
  const count = !countedCodes.includes(code)
    ? null
    : code === 'first_posts'
      ? factorCount({ count: params.held ?? '' })
      : factorCount(params);
  if (count === null) return { key: `decisions.factors.${code}`, values: {} };
  // Upheld flags are counted over a window (`days`): the sentence says which.
  const days = code === 'upheld_flags' ? factorCount({ days: params.days ?? '' }) : null;
  if (days !== null) return { key: 'decisions.factors.upheld_flags_window', values: { count, days } };
  return { key: `decisions.factors.${code}_count`, values: { count } };
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The factor in the reader's language. */
export function factorSentence(t: Translate, factor: TDecisionFactor): string {
  const { key, values, signalKey } = explainFactor(factor);
  const signal = signalKey ? t(signalKey) : undefined;
  return t(key, { ...values, ...(signal ? { signal } : {}) });
}
