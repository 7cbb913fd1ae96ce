import type { TStepUpMethod } from '@capitune/contracts';

/**
 * Sensitive actions (changing the password or the factors, exports, admin decisions…) answer 401
 * STEP_UP_REQUIRED until the person proves again that it is them. The API client asks here; the
 * step-up dialog, mounted once in the layout, answers: true once proven (the request is then sent
 * again), false when the person cancelled.
 */
export type StepUpHandler = (methods: TStepUpMethod[]) => Promise<boolean>;

const knownMethods: readonly string[] = ['totp', 'passkey', 'recovery_code', 'email', 'sms', 'password'];

let handler: StepUpHandler | null = null;
let pending: Promise<boolean> | null = null;

/** Installs the dialog that answers step-up requests; returns its removal. */
export function setStepUpHandler(next: StepUpHandler): () => void {
  handler = next;
  return () => {
    if (handler === next) handler = null;
  };
}

/**
 * Asks the person to prove it is them. Requests refused together share one dialog (and its answer).
 * Resolves false at once when no dialog is there to ask.
 */
export function requestStepUp(methods: readonly string[]): Promise<boolean> {
  if (!handler) return Promise.resolve(false);
  const offered = methods.filter((method): method is TStepUpMethod => knownMethods.includes(method));
  const ask = handler;
  pending ??= ask(offered).finally(() => {
    pending = null;
  });
  return pending;
}
