/**
 * The face of the Inside module (the community: posts, comments, likes, flags, moderation): what the
 * app, other modules and the seed may use. The only file another module imports.
 */

// Reviews of pros are flagged and moderated as Inside content is (pros/reviews).
export { createFlag } from './flags.service';
// The emails of the module (the mailer's template tests).
export { commentRepliedEmail, contentModeratedEmail, postCommentedEmail } from './inside.emails';
// Markdown as the API stores it (the demo seed).
export { htmlToText, renderMarkdown } from './inside.render';
export { insideRoutes } from './inside.routes';
// The routes, for app.ts.
export { insideAdminRoutes } from './inside-admin.routes';
// Automated decisions a person reviewed and reversed: held content released, a trust level restored.
export { reverseModerationHold } from './moderation.service';
// A member's trust level (the admins' user page).
export { reverseTrustLevel, trustLevelOf } from './trust.service';
// Reviews of pros go through the same watched words (pros/reviews).
export { checkReviewText } from './watched-words.service';
