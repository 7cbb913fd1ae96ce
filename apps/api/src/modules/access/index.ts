/**
 * The face of the access module: who is calling (`Caller`, one type for every service), what they reach
 * (a pro's firm and standing: the licence's state, which decides whether a pro may reach candidates and
 * their firm's dossiers; and whether the request comes from inside the firm's networks) and which
 * dossiers they may open. The only file another module imports.
 */
export {
  type DossierRow,
  dossierFirmOf,
  firmNetworkParams,
  firmNetworkValues,
  keepsDossiers,
  todayParam,
} from './access.queries';
export {
  accessTo,
  type Caller,
  type CallerReach,
  callerOf,
  DOSSIER_STANDINGS,
  type DossierAccess,
  dossierFirm,
  dossierFor,
  reachOf,
  requireRole,
  viewerOf,
} from './access.service';
// The app's hook that audits refusals; the address of a request as the firms' ranges compare it.
export { auditNetworkRefusals, clientAddress } from './network';
export { addDays, GRACE_DAYS, graceEndsOn, platformToday, standingOf } from './standing';
export { standingSql } from './standing.queries';
export { assertCanReachCandidates, licenceStanding, proStanding } from './standing.service';
