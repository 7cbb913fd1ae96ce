/**
 * TanStack Query keys of the signed-in person's data, shared by the pages and the header (which
 * refreshes them on realtime events). Every key starts with `me`: a change of user drops them all.
 */
export const queryKeys = {
  dashboard: ['me', 'dashboard'] as const,
  dossiers: ['me', 'dossiers'] as const,
  dossierList: (filters: Record<string, string | undefined>) => ['me', 'dossiers', 'list', filters] as const,
  dossier: (id: string) => ['me', 'dossiers', 'detail', id] as const,
  notes: (id: string) => ['me', 'dossiers', 'notes', id] as const,
  invitations: ['me', 'dossiers', 'invitations'] as const,
  pros: (query: string) => ['me', 'pros', query] as const,
  conversations: ['me', 'conversations'] as const,
  unreadMessages: ['me', 'messages', 'unread'] as const,
  notifications: ['me', 'notifications', 'list'] as const,
  unreadNotifications: ['me', 'notifications', 'unread'] as const,
};
