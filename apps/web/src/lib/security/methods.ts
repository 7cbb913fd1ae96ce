import type { TStepUpMethod } from '@capitune/contracts';

/**
 * The order in which the ways of proving it is you are offered: the authenticator and the passkey
 * first (the strong ones), then codes sent by email or SMS, the password (offered only to accounts
 * with no factor), and the recovery codes last, for when nothing else is at hand.
 */
const preference: readonly TStepUpMethod[] = ['totp', 'passkey', 'email', 'sms', 'password', 'recovery_code'];

/**
 * The methods offered, in the order to show them, without duplicates; a passkey is left out where the
 * browser cannot use one.
 */
export function orderMethods<T extends TStepUpMethod>(methods: readonly T[], webAuthn: boolean): T[] {
  return preference.filter(
    (method): method is T =>
      (methods as readonly string[]).includes(method) && (method !== 'passkey' || webAuthn),
  );
}

/** The methods that need something sent first (a code by email or SMS, the passkey's challenge). */
export const startedMethods = ['passkey', 'email', 'sms'] as const;
export type StartedMethod = (typeof startedMethods)[number];

export function needsStart(method: TStepUpMethod): method is StartedMethod {
  return (startedMethods as readonly string[]).includes(method);
}
