/**
 * The face of the pros module (the trust layer: verification files and standing, references, firms,
 * the public directory, profiles and reviews): what the app, other modules, workers and the seed may
 * use. The only file another module imports.
 *
 * Who uses what: app.ts the four route plugins; the web-app plugin `listedProfile` and
 * `professionLabel` (page titles); Inside's moderation `reviewModerated` and `reviewSubject`; sign-up the
 * licence claims and `openVerificationFile`; workers.ts the verification watch; the seed and test helpers
 * `proSlug`; the mailer's template tests the two email namespaces.
 */

export {
  addDays,
  assertCanReachCandidates,
  GRACE_DAYS,
  graceEndsOn,
  licenceStanding,
  platformToday,
  proStanding,
  standingOf,
  standingSql,
} from '../access';
export { prosRoutes } from './directory.routes';
export { listedProfile, professionLabel } from './directory.service';
export * as firmEmails from './firm.emails';
export { firmRoutes } from './firm.routes';
export { firmNetworkRoutes } from './firm-network.routes';
export { profileComplete } from './profile.service';
export { reviewSubject } from './reviews.queries';
export { reviewModerated, useReviewTextCheck } from './reviews.service';
export { proSlug } from './slug';
export * as verificationEmails from './verification.emails';
export { verificationRoutes } from './verification.routes';
export {
  type Claimant,
  isLicenceClaimViolation,
  type LicenceDeclaration,
  licenceClaimedBy,
  openVerificationFile,
  refuseLicenceClaim,
} from './verification.service';
export { runVerificationWatch, VERIFICATION_WATCH_QUEUE } from './verification-watch';
