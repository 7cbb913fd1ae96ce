import { queryKeys } from '../../../lib/query-keys';

/** Query keys of the security page; under the account's `me` keys, dropped when the user changes. */
export const securityKeys = {
  overview: queryKeys.security,
  passkeys: [...queryKeys.security, 'passkeys'] as const,
};
