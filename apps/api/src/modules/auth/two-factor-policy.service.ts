import type {
  TSecondFactorMethod,
  TSecurityOverview,
  TStepUpMethod,
  TTwoFactorPolicy,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import type { Caller } from '../access';
import { type FactorState, factorStateOf, reauthenticatedAtOf } from './factors.queries';
import { maskPhone } from './one-time-codes.service';

/**
 * Who must have a second factor, which factors an account has, and how it can prove itself. Pros and
 * admins must set up an authenticator or a passkey within a grace of 7 days; a firm can require it of
 * its members at once. Email and SMS codes are fallbacks: they never satisfy that rule.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long pros and admins may sign in without a strong factor, from the account's creation. */
export const TWO_FACTOR_GRACE_MS = 7 * DAY_MS;
/** A fresh proof of identity opens sensitive actions for this long (step-up). */
export const STEP_UP_WINDOW_MS = 10 * 60 * 1000;

/** The factors and policy inputs of an account (UNAUTHENTICATED if it is gone: a deleted caller). */
export async function factorState(
  db: Database,
  userId: string,
  options: { lock?: boolean } = {},
): Promise<FactorState> {
  const state = await factorStateOf(db, userId, options);
  if (!state) throw new AppError('UNAUTHENTICATED');
  return state;
}

/** An authenticator or a passkey: what the policy of a pro, an admin or a firm asks for. */
export const hasStrongFactor = (state: FactorState) => state.totpConfirmedAt !== null || state.passkeys > 0;

/** Whether any second factor is set up: then signing in takes one, and a step-up cannot use the password. */
export const hasFactor = (state: FactorState) =>
  hasStrongFactor(state) ||
  state.emailFactorEnabledAt !== null ||
  (state.smsConfirmedAt !== null && state.smsPhone !== null);

/** The policy of an account at `now`. */
export function policyOf(state: FactorState, now: Date): TTwoFactorPolicy {
  const byRole = state.role === 'pro' || state.role === 'admin';
  if (!byRole && !state.firmRequiresTwoFactor) {
    return {
      required: false,
      reason: null,
      graceEndsAt: null,
      satisfied: hasFactor(state),
      setupRequiredNow: false,
    };
  }
  // A firm's requirement has no grace; it outranks the role's.
  const graceEndsAt = state.firmRequiresTwoFactor
    ? null
    : (state.graceEndsAt ?? new Date(state.createdAt.getTime() + TWO_FACTOR_GRACE_MS));
  const satisfied = hasStrongFactor(state);
  return {
    required: true,
    reason: state.firmRequiresTwoFactor ? 'firm' : 'role',
    graceEndsAt: graceEndsAt?.toISOString() ?? null,
    satisfied,
    setupRequiredNow: !satisfied && (graceEndsAt === null || graceEndsAt <= now),
  };
}

export async function twoFactorPolicy(deps: AppDeps, userId: string): Promise<TTwoFactorPolicy> {
  return policyOf(await factorState(deps.db, userId), deps.clock.now());
}

/** Whether the account must keep an authenticator or a passkey (pro, admin, member of a firm requiring one). */
export async function policyNeedsStrongFactor(deps: AppDeps, userId: string): Promise<boolean> {
  return policyOf(await factorState(deps.db, userId), deps.clock.now()).required;
}

/**
 * How a sign-in can be completed: the strong factors first, recovery codes (only beside a factor: kept
 * codes alone never ask for one), then the codes sent by email or SMS (SMS while it can be sent).
 */
export function secondFactorMethods(state: FactorState, smsAvailable: boolean): TSecondFactorMethod[] {
  const methods: TSecondFactorMethod[] = [];
  if (state.totpConfirmedAt !== null) methods.push('totp');
  if (state.passkeys > 0) methods.push('passkey');
  if (state.recoveryCodesLeft > 0 && hasFactor(state)) methods.push('recovery_code');
  if (state.emailFactorEnabledAt !== null) methods.push('email');
  if (state.smsConfirmedAt !== null && state.smsPhone !== null && smsAvailable) methods.push('sms');
  return methods;
}

/** How a step-up can be proven: a second factor, or the password for an account that has none. */
export function stepUpMethods(state: FactorState, smsAvailable: boolean): TStepUpMethod[] {
  return hasFactor(state) ? secondFactorMethods(state, smsAvailable) : ['password'];
}

/** Until when a proof made at `provenAt` holds, or null when there is none or it has lapsed. */
export function stepUpValidUntil(provenAt: Date | null, now: Date): Date | null {
  if (!provenAt) return null;
  const until = new Date(provenAt.getTime() + STEP_UP_WINDOW_MS);
  return until > now ? until : null;
}

/** `GET /api/me/security`: the caller's factors, policy and step-up state. */
export async function securityOverview(deps: AppDeps, caller: Caller): Promise<TSecurityOverview> {
  const state = await factorState(deps.db, caller.id);
  const now = deps.clock.now();
  const provenAt = caller.sessionId ? await reauthenticatedAtOf(deps.db, caller.sessionId, caller.id) : null;
  const smsEnabled = state.smsConfirmedAt !== null && state.smsPhone !== null;
  return {
    totp: {
      enabled: state.totpConfirmedAt !== null,
      confirmedAt: state.totpConfirmedAt?.toISOString() ?? null,
    },
    passkeys: { count: state.passkeys },
    recoveryCodes: { remaining: state.recoveryCodesLeft },
    email: { enabled: state.emailFactorEnabledAt !== null, address: state.email },
    sms: {
      enabled: smsEnabled,
      phone: smsEnabled && state.smsPhone ? maskPhone(state.smsPhone) : null,
      available: deps.sms.available,
    },
    policy: policyOf(state, now),
    stepUp: {
      methods: stepUpMethods(state, deps.sms.available),
      validUntil: stepUpValidUntil(provenAt, now)?.toISOString() ?? null,
    },
  };
}
