import type { AppDeps } from '../../deps';
import { deliveryLink } from './phone.queries';
import { readShortLinkCode } from './signed-links';

/**
 * A path of the web app, never another site: one slash, then no slash or backslash (`//evil`, `/\evil`),
 * printable ASCII only (a header value).
 */
const isAppPath = (link: string) => /^\/(?![/\\])[!-~]*$/.test(link);

/**
 * Where a text message's short link leads: its delivery's link (the exact item), `/notifications` when it
 * has none, the home page when the code is forged or the delivery is gone. Nothing else is told.
 */
export async function shortLinkTarget(deps: AppDeps, code: string): Promise<string> {
  const deliveryId = readShortLinkCode(deps.config.jwtSecret, code);
  if (!deliveryId) return '/';
  const delivery = await deliveryLink(deps.db, deliveryId);
  if (!delivery) return '/';
  return delivery.link && isAppPath(delivery.link) ? delivery.link : '/notifications';
}
