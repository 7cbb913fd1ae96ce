/**
 * The face of the access module: who is calling (`Caller`, one type for every service), what they reach
 * (a pro's firm and standing: the licence's state, which decides whether a pro may reach candidates and
 * their firm's dossiers) and which dossiers they may open. The only file another module imports.
 */
export { type DossierRow, dossierFirmOf, keepsDossiers, todayParam } from './access.queries';
export {
  accessTo,
  type Caller,
  type CallerReach,
  callerOf,
  DOSSIER_STANDINGS,
  type DossierAccess,
  dossierFirm,
  dossierFor,
  requireRole,
  viewerOf,
} from './access.service';
export { addDays, GRACE_DAYS, graceEndsOn, platformToday, standingOf } from './standing';
export { standingSql } from './standing.queries';
export { assertCanReachCandidates, licenceStanding, proStanding } from './standing.service';
