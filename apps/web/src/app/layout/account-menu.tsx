import type { TMe } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleBadge } from '../../components/account/role-badge';
import { ChevronDownIcon, LockIcon, LogOutIcon, ShieldCheckIcon, UserIcon } from '../../components/ui/icons';
import { useLogout } from '../../lib/auth/use-logout';

const itemClasses =
  'flex min-h-11 w-full items-center gap-2 rounded-lg px-3 py-2 text-start font-medium text-slate-800 no-underline hover:bg-brand-50 hover:text-brand-900';

/**
 * The signed-in person's name in the header, opening a small menu (a disclosure: a button and a list of
 * links, which every screen reader handles): the profile, and logging out.
 */
export function AccountMenu({ user }: { user: TMe }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Agents work under a licensee: no verification file or public profile of their own.
  const licensee = user.role === 'pro' && user.firmRole !== 'agent';
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const logout = useLogout();

  useEffect(() => {
    if (!open) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    }
    function onPointerDown(event: PointerEvent) {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    }
    function onFocusOut(event: FocusEvent) {
      const next = event.relatedTarget as Node | null;
      if (next && !containerRef.current?.contains(next)) setOpen(false);
    }
    const container = containerRef.current;
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    container?.addEventListener('focusout', onFocusOut);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
      container?.removeEventListener('focusout', onFocusOut);
    };
  }, [open]);

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="inline-flex min-h-11 max-w-56 items-center gap-2 rounded-lg px-3 font-medium text-brand-900 ring-1 ring-slate-300 ring-inset hover:bg-brand-50"
      >
        <UserIcon className="size-5 shrink-0" />
        <span className="truncate">{user.firstName}</span>
        <RoleBadge role={user.role} />
        <span className="sr-only">{t('account.menu')}</span>
        <ChevronDownIcon className="size-4 shrink-0" />
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute end-0 top-full z-40 mt-2 w-72 rounded-xl bg-white p-2 shadow-lg ring-1 ring-slate-200"
      >
        <p className="border-slate-200 border-b px-3 pt-1 pb-3 text-slate-600 text-sm">
          {t('account.signedInAs')}
          <span className="block truncate font-medium text-slate-900">
            {user.firstName} {user.lastName}
          </span>
          <span className="block truncate">{user.email}</span>
        </p>
        <ul className="mt-2 flex flex-col gap-1">
          <li>
            <Link to="/profile" className={itemClasses} onClick={() => setOpen(false)}>
              <UserIcon className="size-5" />
              {t('nav.profile')}
            </Link>
          </li>
          <li>
            <Link to="/profile/security" className={itemClasses} onClick={() => setOpen(false)}>
              <LockIcon className="size-5" />
              {t('nav.security')}
            </Link>
          </li>
          <li>
            <Link to="/profile/privacy" className={itemClasses} onClick={() => setOpen(false)}>
              <ShieldCheckIcon className="size-5" />
              {t('nav.privacy')}
            </Link>
          </li>
          {licensee && (
            <li>
              <Link to="/profile/public" className={itemClasses} onClick={() => setOpen(false)}>
                <ShieldCheckIcon className="size-5" />
                {t('nav.publicProfile')}
              </Link>
            </li>
          )}
          {user.role === 'pro' && (
            <li>
              <Link to="/firm" className={itemClasses} onClick={() => setOpen(false)}>
                <UserIcon className="size-5" />
                {t('nav.firm')}
              </Link>
            </li>
          )}
          {licensee && (
            <li>
              <Link to="/verification" className={itemClasses} onClick={() => setOpen(false)}>
                <ShieldCheckIcon className="size-5" />
                {t('nav.verification')}
              </Link>
            </li>
          )}
          {user.role === 'admin' && (
            <>
              <li>
                <Link to="/admin/verifications" className={itemClasses} onClick={() => setOpen(false)}>
                  <ShieldCheckIcon className="size-5" />
                  {t('nav.verifications')}
                </Link>
              </li>
              <li>
                <Link to="/admin/moderation" className={itemClasses} onClick={() => setOpen(false)}>
                  <ShieldCheckIcon className="size-5" />
                  {t('nav.moderation')}
                </Link>
              </li>
              <li>
                <Link to="/admin/watched-words" className={itemClasses} onClick={() => setOpen(false)}>
                  <ShieldCheckIcon className="size-5" />
                  {t('nav.watchedWords')}
                </Link>
              </li>
              <li>
                <Link to="/admin/users" className={itemClasses} onClick={() => setOpen(false)}>
                  <UserIcon className="size-5" />
                  {t('nav.users')}
                </Link>
              </li>
              <li>
                <Link to="/admin/batches" className={itemClasses} onClick={() => setOpen(false)}>
                  <ShieldCheckIcon className="size-5" />
                  {t('nav.batches')}
                </Link>
              </li>
              <li>
                <Link to="/admin/audit" className={itemClasses} onClick={() => setOpen(false)}>
                  <ShieldCheckIcon className="size-5" />
                  {t('nav.audit')}
                </Link>
              </li>
              <li>
                <Link to="/admin/stats" className={itemClasses} onClick={() => setOpen(false)}>
                  <ShieldCheckIcon className="size-5" />
                  {t('nav.stats')}
                </Link>
              </li>
            </>
          )}
          <li>
            <button type="button" className={itemClasses} onClick={() => void logout()}>
              <LogOutIcon className="size-5" />
              {t('nav.logout')}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
