/** The face of the auth module: what the app and other modules may use. */

export { adminRecoveryRoutes } from './admin-recovery.routes';
// The routes plugins, for app.ts.
export { authRoutes } from './auth.routes';
// How the admin console names a member's devices.
export { deviceName } from './auth.shared';
export { contactFactorsRoutes } from './contact-factors.routes';
export { passkeysRoutes } from './passkeys.routes';
export { securityRoutes } from './security.routes';
// Suspension ends every open session of the account (Inside's moderation, admin decisions).
export { revokeAllSessions } from './sessions.service';
// The admin console sends a member a new verification link.
export { resendVerification } from './sign-up.service';
// Sensitive actions ask for a fresh proof of identity (changing factors, admin decisions, exports).
export { requireStepUp } from './step-up.service';
// The daily reminders of the two-factor grace, for workers.ts.
export { runTwoFactorReminders, TWO_FACTOR_REMINDERS_QUEUE } from './two-factor-reminders';
