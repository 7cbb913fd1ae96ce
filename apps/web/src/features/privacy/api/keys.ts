/** Query keys of the privacy page; every key starts with `me`, so a change of user drops them all. */
export const privacyKeys = {
  all: ['me', 'privacy'] as const,
  consents: ['me', 'privacy', 'consents'] as const,
  dataExports: ['me', 'privacy', 'data-exports'] as const,
  deletion: ['me', 'privacy', 'deletion'] as const,
  decisions: ['me', 'privacy', 'automated-decisions'] as const,
};
