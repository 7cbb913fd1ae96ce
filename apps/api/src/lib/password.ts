import type { TLocale } from '@capitune/contracts';
import { hash, verify } from '@node-rs/argon2';
import { type OptionsType, ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as french from '@zxcvbn-ts/language-fr';

// OWASP's argon2id baseline: 19 MiB of memory, 2 iterations, 1 lane.
// `algorithm: 2` is Argon2id (the package exports the enum as an ambient const enum).
const argon2Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** Minimum zxcvbn score (0–4): 3 means "safely unguessable", about 10^8 guesses at least. */
const MIN_SCORE = 3;

let checkers: Record<TLocale, ZxcvbnFactory> | undefined;

/** Built on first use: the dictionaries take a moment to load and most requests never need them. */
function strengthCheckers(): Record<TLocale, ZxcvbnFactory> {
  if (!checkers) {
    const base: OptionsType = {
      dictionary: { ...common.dictionary, ...english.dictionary, ...french.dictionary },
      graphs: common.adjacencyGraphs,
    };
    checkers = {
      fr: new ZxcvbnFactory({ ...base, translations: french.translations }),
      en: new ZxcvbnFactory({ ...base, translations: english.translations }),
    };
  }
  return checkers;
}

export interface PasswordStrength {
  ok: boolean;
  /** Why it is refused, in the person's language (zxcvbn's French and English feedback). */
  reason?: string;
}

/**
 * Refuses passwords that common-password lists, French and English dictionaries, keyboard patterns or
 * the person's own details (email, names) make guessable.
 */
export function checkPasswordStrength(
  password: string,
  locale: TLocale,
  userInputs: string[] = [],
): PasswordStrength {
  const result = strengthCheckers()[locale].check(password, userInputs);
  if (result.score >= MIN_SCORE) return { ok: true };
  const reason = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  const fallback =
    locale === 'fr' ? 'Ce mot de passe est trop facile à deviner.' : 'This password is too easy to guess.';
  return { ok: false, reason: reason || fallback };
}
