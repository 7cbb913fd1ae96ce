/** Never refresh sooner than this after receiving a token (guards against a tiny or zero `expiresIn`). */
export const MIN_REFRESH_DELAY_MS = 5_000;
/** Refresh at least this long before the access token expires: room for a slow network or a busy tab. */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * How long to wait before refreshing an access token that lives `expiresInSeconds`: at 80 % of its life,
 * and never later than one minute before it expires. A 15-minute token is refreshed after 12 minutes.
 */
export function refreshDelayMs(expiresInSeconds: number): number {
  const lifetime = Math.max(0, expiresInSeconds) * 1000;
  const delay = Math.min(lifetime * 0.8, lifetime - REFRESH_MARGIN_MS);
  return Math.max(MIN_REFRESH_DELAY_MS, Math.floor(delay));
}
