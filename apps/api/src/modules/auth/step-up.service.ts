import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import type { Caller } from '../access';
import { reauthenticatedAtOf } from './factors.queries';
import { factorState, stepUpMethods, stepUpValidUntil } from './two-factor-policy.service';

/**
 * Sensitive actions (changing the password or the factors, admin decisions, exports) need a fresh proof
 * of identity in the caller's session: a second factor at sign-in or a step-up, within 10 minutes. A
 * sign-in with the password alone does not count. `POST /api/auth/step-up` gives one. Also on
 * `deps.requireStepUp`, for modules that cannot import this one.
 */
export async function requireStepUp(deps: AppDeps, caller: Pick<Caller, 'id' | 'sessionId'>): Promise<void> {
  const provenAt = caller.sessionId ? await reauthenticatedAtOf(deps.db, caller.sessionId, caller.id) : null;
  if (stepUpValidUntil(provenAt, deps.clock.now())) return;
  const methods = stepUpMethods(await factorState(deps.db, caller.id), deps.sms.available);
  throw new AppError('STEP_UP_REQUIRED', undefined, { methods });
}
