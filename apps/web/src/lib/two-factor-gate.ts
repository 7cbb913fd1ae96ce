/**
 * The API answers 403 TWO_FACTOR_SETUP_REQUIRED to an account that must have a second factor and whose
 * grace is over: until one is set up, only the security page is open. The API client reports it here;
 * the layout sends the person to that page, and the page guards keep them there until it is done.
 */
let required = false;
const listeners = new Set<() => void>();

export const twoFactorGate = {
  isRequired: (): boolean => required,

  /** A request was refused for want of a second factor. */
  report(): void {
    required = true;
    for (const listener of listeners) listener();
  },

  /** A factor was set up (and the session renewed), or another person signed in. */
  clear(): void {
    if (!required) return;
    required = false;
    for (const listener of listeners) listener();
  },

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
