import type { TRecoveryCodes, TTotpSetup } from '@capitune/contracts';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { AppDeps } from '../../deps';
import { AppError, fieldError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { recordAudit } from '../audit';
import {
  confirmTotp as confirmPendingTotp,
  countUnusedRecoveryCodes,
  deleteTotp,
  savePendingTotp,
  spendTotpStep,
  totpFactorOf,
} from './factors.queries';
import { issueRecoveryCodes } from './recovery-codes.service';
import { requireStepUp } from './step-up.service';
import { factorState, policyOf } from './two-factor-policy.service';

/**
 * The authenticator app (TOTP, RFC 6238): SHA-1, six digits, 30-second steps, as every app reads them.
 * A code is accepted one step early or late (clocks drift), and only once: the last accepted step is
 * kept, and a code of that step or an earlier one is refused. The secret is sealed by the keyring.
 */

const ISSUER = 'CAPITUNE';
const PERIOD_SECONDS = 30;
const DIGITS = 6;
const WINDOW_STEPS = 1;

const sealContext = (userId: string) => `totp:${userId}`;

function authenticator(secret: Secret, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret,
  });
}

/** The time step a code belongs to, when it is right at `now` within the window; null otherwise. */
function acceptedStep(secret: Secret, code: string, now: Date): number | null {
  const timestamp = now.getTime();
  const delta = authenticator(secret, '').validate({ token: code, timestamp, window: WINDOW_STEPS });
  if (delta === null) return null;
  return TOTP.counter({ period: PERIOD_SECONDS, timestamp }) + delta;
}

function openSecret(deps: AppDeps, userId: string, secretEncrypted: string): Secret {
  return Secret.fromBase32(deps.keyring.open(secretEncrypted, sealContext(userId)));
}

/**
 * `POST /api/me/totp/setup`: a new secret, as text and as a QR code, waiting for its first code. It
 * replaces a setup that was not confirmed; a confirmed authenticator must be removed first.
 */
export async function setUpTotp(deps: AppDeps, caller: Caller): Promise<TTotpSetup> {
  await requireStepUp(deps, caller);
  const state = await factorState(deps.db, caller.id);
  if (state.totpConfirmedAt) throw new AppError('TOTP_ALREADY_ENABLED');
  const secret = new Secret({ size: 20 });
  const sealed = deps.keyring.seal(secret.base32, sealContext(caller.id));
  if (!(await savePendingTotp(deps.db, caller.id, sealed, deps.clock.now()))) {
    throw new AppError('TOTP_ALREADY_ENABLED');
  }
  const otpauthUrl = authenticator(secret, state.email).toString();
  return {
    secret: secret.base32,
    otpauthUrl,
    qrCodeSvg: await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
  };
}

/**
 * `POST /api/me/totp/confirm`: the first code from the app turns the setup on. Ten recovery codes come
 * with it when the account has none left unused (kept ones stay valid: none are shown then).
 */
export async function confirmTotp(deps: AppDeps, caller: Caller, code: string): Promise<TRecoveryCodes> {
  const now = deps.clock.now();
  const pending = await totpFactorOf(deps.db, caller.id);
  if (!pending) throw new AppError('NOT_FOUND', 'No authenticator is being set up');
  if (pending.confirmedAt) throw new AppError('TOTP_ALREADY_ENABLED');
  const step = acceptedStep(openSecret(deps, caller.id, pending.secretEncrypted), code, now);
  if (step === null) {
    throw fieldError('body.code', 'code_invalid', 'This code is not right: check the time on your phone');
  }
  return withTransaction(deps.pool, async (tx) => {
    if (!(await confirmPendingTotp(tx.db, pending, step, now))) {
      // Confirmed or started again meanwhile (another tab): this code was for a secret no longer pending.
      throw new AppError('CONFLICT', 'The authenticator setup changed meanwhile: start again');
    }
    const codes =
      (await countUnusedRecoveryCodes(tx.db, caller.id)) === 0
        ? await issueRecoveryCodes(tx.db, caller.id, now)
        : [];
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'user.totp_enabled',
      subjectType: 'user',
      subjectId: caller.id,
      ip: caller.ip ?? null,
    });
    return { codes };
  });
}

/**
 * `DELETE /api/me/totp`: removes the authenticator (or a setup in progress). An account that must keep a
 * strong factor keeps it unless a passkey remains: 409 LAST_FACTOR_REQUIRED.
 */
export async function removeTotp(deps: AppDeps, caller: Caller): Promise<void> {
  await requireStepUp(deps, caller);
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const state = await factorState(tx.db, caller.id, { lock: true });
    if (state.totpConfirmedAt && state.passkeys === 0 && policyOf(state, now).required) {
      throw new AppError('LAST_FACTOR_REQUIRED');
    }
    if (!(await deleteTotp(tx.db, caller.id))) return;
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'user.totp_removed',
      subjectType: 'user',
      subjectId: caller.id,
      ip: caller.ip ?? null,
    });
  });
}

/**
 * Checks a code of the user's confirmed authenticator and spends its time step: false for a wrong code,
 * a replay, or an account without one.
 */
export async function verifyTotpCode(deps: AppDeps, userId: string, code: string): Promise<boolean> {
  const factor = await totpFactorOf(deps.db, userId);
  if (!factor?.confirmedAt) return false;
  const step = acceptedStep(openSecret(deps, userId, factor.secretEncrypted), code, deps.clock.now());
  return step !== null && spendTotpStep(deps.db, userId, step);
}
