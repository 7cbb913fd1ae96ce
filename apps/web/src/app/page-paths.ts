/**
 * The path patterns of the app's pages, as the router declares them (`$name` is a path parameter). The
 * build writes them to `dist/page-paths.json`, from which the server answers any other URL with a 404
 * (and the app, which shows its "page not found" screen). A unit test keeps this list equal to the router's.
 */
export const pagePaths = [
  '/',
  '/privacy',
  '/terms',
  '/signup',
  '/login',
  '/forgot-password',
  '/reset-password',
  '/verify-email',
  '/end-session',
  '/profile',
  '/profile/public',
  '/profile/security',
  '/dashboard',
  '/dossiers',
  '/dossiers/$dossierId',
  '/messages',
  '/notifications',
  '/dev/mailbox',
  '/live',
  '/live/new',
  '/live/$id',
  '/live/$id/edit',
  '/live/$id/registrants',
  '/inside',
  '/inside/new',
  '/inside/$postId',
  '/inside/$postId/edit',
  '/admin/moderation',
  '/admin/watched-words',
  '/pros',
  '/pros/$slug',
  '/pros/$slug/review',
  '/verification',
  '/reference',
  '/admin/verifications',
  '/admin/verifications/$id',
  '/firm',
  '/join-firm',
] as const;

/** The name of the file the build writes the list to, next to `index.html`. */
export const pagePathsFile = 'page-paths.json';
