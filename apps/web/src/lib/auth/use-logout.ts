import { useNavigate } from '@tanstack/react-router';
import { session } from './index';

/**
 * Logs this device out and shows the home page. Leaves the page first, so that a page for signed-in
 * people never sees itself signed out (and sends its visitor to the login page).
 */
export function useLogout() {
  const navigate = useNavigate();
  return async () => {
    await navigate({ to: '/' });
    await session.signOut();
  };
}
