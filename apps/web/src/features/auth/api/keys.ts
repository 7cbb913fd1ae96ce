/** Query keys of the auth pages: one-off checks of an emailed token, never asked twice. */
export const authKeys = {
  resetCheck: (token: string | undefined) => ['password-reset-check', token] as const,
  verifyEmail: (token: string | undefined) => ['verify-email', token] as const,
};
