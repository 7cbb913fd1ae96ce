import { useSyncExternalStore } from 'react';
import { createSession, type SessionSnapshot } from './session';

export type { SessionSnapshot, SessionStatus } from './session';

function localStorageOrNull(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // storage disabled by privacy settings
  }
}

/** The session of this tab (one per page load). */
export const session = createSession({
  // Looked up at call time, so tests can stub the global.
  fetch: (input, init) => globalThis.fetch(input, init),
  storage: localStorageOrNull(),
  locks: typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null,
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
});

/** Starts the silent refresh and follows the other tabs. Called once, before the first render. */
export function startSession(): void {
  window.addEventListener('storage', (event) => session.onStorage(event));
  void session.start();
}

/** The signed-in user (or not) of this tab, re-rendering on change. */
export function useSession(): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
}
