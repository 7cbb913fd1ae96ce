/**
 * TanStack Query keys shared across features: the signed-in person's data that the header (realtime
 * events), the dashboard and other features refresh. Every `me` key starts with `me`: a change of user
 * drops them all. A key used by one feature only lives in that feature's `api/keys.ts`.
 */
export const queryKeys = {
  dashboard: ['me', 'dashboard'] as const,
  /** Prefix of every dossier key (lists, detail pages, notes): see `features/dossiers/api/keys.ts`. */
  dossiers: ['me', 'dossiers'] as const,
  conversations: ['me', 'conversations'] as const,
  unreadMessages: ['me', 'messages', 'unread'] as const,
  notifications: ['me', 'notifications', 'list'] as const,
  unreadNotifications: ['me', 'notifications', 'unread'] as const,
  /** The account's second factors and policy (`GET /api/me/security`): the grace banner and the security page. */
  security: ['me', 'security'] as const,
  /** Every key of the Inside pages (posts, comments, feeds), refreshed after a moderation decision. */
  inside: ['inside'] as const,
};
