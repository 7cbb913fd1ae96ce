/** The face of the pros module: what other modules may use. */

// Directory, profiles and reviews: moderation of reviews (community), page titles (web-app plugin).
export { listedProfile, professionLabel } from './directory.service';
export { profileComplete } from './profile.service';
export { reviewModerated, reviewSubject } from './reviews.service';
export { proSlug } from './slug';
export {
  assertCanReachCandidates,
  GRACE_DAYS,
  graceEndsOn,
  licenceStanding,
  platformToday,
  proStanding,
  standingOf,
  standingSql,
} from './standing';
export {
  type Claimant,
  isLicenceClaimViolation,
  type LicenceDeclaration,
  licenceClaimedBy,
  openVerificationFile,
  refuseLicenceClaim,
} from './verification.service';
export { runVerificationWatch, VERIFICATION_WATCH_QUEUE } from './verification-watch';
