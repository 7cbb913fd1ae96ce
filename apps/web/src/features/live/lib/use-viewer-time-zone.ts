import { useSession } from '../../../lib/auth';
import { browserTimeZone, isKnownTimeZone } from './zoned-time';

/**
 * The zone times are shown in: the one of the profile when signed in (if this browser knows it), else the
 * browser's.
 */
export function useViewerTimeZone(): string {
  const { user } = useSession();
  const profileZone = user?.timeZone;
  return profileZone && isKnownTimeZone(profileZone) ? profileZone : browserTimeZone();
}
