/** The face of the dossiers module: what the app, other modules and the seed may use. */

// The dashboard: the lists of requests and invitations, built in SQL within its statement.
export { incomingRequestsJson, pendingInvitationsJson } from './assignment.queries';
// Checklist rules: documents dates its uploads and expiries; the demo seed too.
export { addDays, computeExpiryDate, isoDay } from './checklist';
// Where a notification about one checklist line leads (`/dossiers/<id>?item=<item id>#checklist`).
export { checklistItemPath } from './document-requests.service';
// Emails about a dossier (documents reviewed, expiring).
export { dossierEmail, openDossier } from './dossiers.emails';
// The document as the contract shows it: documents' one mapper (the dossier page builds it in SQL too).
export { toDocument, toMilestone } from './dossiers.mapper';
// The routes plugin, for app.ts.
export { dossiersRoutes } from './dossiers.routes';
// The dashboard's dossiers; a change inside a dossier (a document, a message) moves it up the lists.
export { firmDossiersOf, ownDossiersInDetail, touchDossier } from './dossiers.service';
