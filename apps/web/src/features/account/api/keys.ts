/** Query keys of the account; every key starts with `me`, so a change of user can drop them all. */
export const accountKeys = {
  me: ['me'] as const,
  goals: ['me', 'goals'] as const,
  notificationPreferences: ['me', 'notification-preferences'] as const,
  pushSubscriptions: ['me', 'push-subscriptions'] as const,
  notificationPhone: ['me', 'phone'] as const,
  sessions: ['me', 'sessions'] as const,
};
