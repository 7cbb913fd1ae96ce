/**
 * The face of the live module (webinars): the only file another module, the workers, the seed or the
 * CLI imports.
 */

// The dashboard reads the next webinar inside its own statement, and checks it with the row schema.
export { toNextWebinar } from './live.common';
export { nextRegisteredEventJson, type TNextWebinar, ZNextWebinarJson } from './live.queries';
// The routes, for app.ts.
export { liveRoutes } from './live.routes';
// The reminder jobs: the worker's handler, and the queueing of missing ones at start and after a seed.
export {
  queueMissingReminders,
  REMINDER_QUEUE,
  type ReminderJob,
  type ReminderOutcome,
  runReminderJob,
} from './reminders';
