import type { TSignInFactor } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { hashToken, randomToken } from '../../lib/tokens';
import type { Transaction } from '../../platform/db/transaction';
import { signInAlertMessage } from './auth.emails';
import type { UserRow } from './auth.queries';
import { type ClientContext, createEmailToken, deviceName, HOUR, link } from './auth.shared';
import { rememberDevice, signInHistory } from './sign-in-alerts.queries';

/** How long a sign-in alert's link can end the session it speaks of. */
export const END_SESSION_LINK_TTL = 7 * 24 * HOUR;

/** What `randomToken` makes: 32 bytes in base64url. Anything else in the cookie is replaced. */
const DEVICE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The device cookie of a sign-in: the browser's own when it has a well-formed one, else a new one. */
export function deviceOf(client: ClientContext): { token: string; hash: string } {
  const token =
    client.deviceToken && DEVICE_TOKEN.test(client.deviceToken) ? client.deviceToken : randomToken();
  return { token, hash: hashToken(token) };
}

export interface SessionOpened {
  user: UserRow;
  sessionId: string;
  client: ClientContext;
  deviceHash: string;
  /** The country of the client's address, when known. */
  country: string | null;
  factor: TSignInFactor;
  now: Date;
}

/**
 * Records the device of a session just opened and, when the account has a device on record but not
 * this one, or was never signed in to from this country, emails its owner an alert with a link that
 * ends this session. The account's first device on record sends nothing: there is nothing to compare
 * it with. Runs in the session's transaction, so no alert speaks of a session that does not exist.
 */
export async function noticeSignIn(deps: AppDeps, tx: Transaction, opened: SessionOpened): Promise<void> {
  const { user, country, now } = opened;
  const history = await signInHistory(tx.db, {
    userId: user.id,
    deviceHash: opened.deviceHash,
    country,
    sessionId: opened.sessionId,
  });
  await rememberDevice(tx.db, { userId: user.id, deviceHash: opened.deviceHash, country, now });
  const newDevice = !history.knownDevice;
  const newCountry = country !== null && !history.countrySeen;
  if (!history.hasDevices || !(newDevice || newCountry)) return;
  const token = await createEmailToken(
    tx.db,
    user.id,
    'end_session',
    END_SESSION_LINK_TTL,
    now,
    opened.sessionId,
  );
  await deps.outbox.enqueue(
    tx,
    signInAlertMessage(
      user,
      {
        at: now,
        device: deviceName(opened.client.userAgent),
        country,
        ip: opened.client.ip ?? null,
        factor: opened.factor,
        newDevice,
        newCountry,
      },
      link(deps, '/end-session', token),
    ),
  );
}
