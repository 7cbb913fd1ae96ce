import type { TWebAuthnOptions, TWebAuthnResponse } from '@capitune/contracts';

/**
 * Passkeys through @simplewebauthn/browser, loaded only when one is used (the step-up dialog is on
 * every page; the library need not be).
 */

/** Whether this browser can use passkeys at all (the passkey buttons are hidden otherwise). */
export function supportsWebAuthn(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.PublicKeyCredential === 'function' &&
    typeof navigator.credentials?.get === 'function'
  );
}

/** Asks the browser for an assertion with the API's options; resolves with its answer for the API. */
export async function authenticateWithPasskey(options: TWebAuthnOptions): Promise<TWebAuthnResponse> {
  const { startAuthentication } = await import('@simplewebauthn/browser');
  const answer = await startAuthentication({
    optionsJSON: options as unknown as Parameters<typeof startAuthentication>[0]['optionsJSON'],
  });
  return answer as unknown as TWebAuthnResponse;
}

/** Asks the browser to create a passkey with the API's options; resolves with its answer for the API. */
export async function createPasskey(options: TWebAuthnOptions): Promise<TWebAuthnResponse> {
  const { startRegistration } = await import('@simplewebauthn/browser');
  const answer = await startRegistration({
    optionsJSON: options as unknown as Parameters<typeof startRegistration>[0]['optionsJSON'],
  });
  return answer as unknown as TWebAuthnResponse;
}

/**
 * The browser's refusal (the person closed the prompt, no passkey for this site, timed out): a
 * WebAuthnError or a DOMException, never an API error. Says which message to show.
 */
export function passkeyFailure(error: unknown): 'cancelled' | 'exists' | 'failed' | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || error.name === 'InvalidStateError') {
    return 'exists';
  }
  if (error.name === 'NotAllowedError' || error.name === 'AbortError') return 'cancelled';
  if (error.name === 'ApiError') return null;
  return 'failed';
}
