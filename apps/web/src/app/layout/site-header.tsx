import { Link, useRouterState } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleBadge } from '../../components/account/role-badge';
import { Button, ButtonLink } from '../../components/ui/button';
import { CloseIcon, LogOutIcon, MenuIcon } from '../../components/ui/icons';
import { useSession } from '../../lib/auth';
import { useLogout } from '../../lib/auth/use-logout';
import { AccountMenu } from './account-menu';
import { BrandMark } from './brand-mark';
import { LanguageSwitcher } from './language-switcher';
import { moduleLinks } from './nav-links';

// A signed-in person's links (with live unread counts), the bell and the realtime socket load apart:
// the home page's visitors never download them.
const AppNavLinks = lazy(() => import('./signed-in-nav').then((module) => ({ default: module.AppNavLinks })));
const NotificationBell = lazy(() =>
  import('./signed-in-nav').then((module) => ({ default: module.NotificationBell })),
);

const navLinkClasses =
  'whitespace-nowrap rounded-lg px-3 py-2 font-medium text-slate-700 hover:bg-brand-50 hover:text-brand-900 no-underline';

export function SiteHeader() {
  const { t } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const headerRef = useRef<HTMLElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const pathname = useRouterState({ select: (state) => state.location.href });
  const { status, user } = useSession();
  const logout = useLogout();

  // A navigation closes the menu.
  useEffect(() => {
    void pathname;
    setMenuOpen(false);
  }, [pathname]);

  // While open: Escape closes it and gives focus back to its button; a click outside the header closes it.
  useEffect(() => {
    if (!menuOpen) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      menuButtonRef.current?.focus();
    }
    function onPointerDown(event: PointerEvent) {
      if (!headerRef.current?.contains(event.target as Node)) setMenuOpen(false);
    }
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [menuOpen]);

  return (
    <header ref={headerRef} className="sticky top-0 z-30 border-slate-200 border-b bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-1 px-4 sm:gap-2 sm:px-6 lg:px-8">
        <Link
          to="/"
          className="-ms-1 me-auto flex items-center gap-2.5 rounded-lg p-1 font-bold text-brand-900 text-lg tracking-wide no-underline"
        >
          <BrandMark className="size-8" />
          {/* Signed in, the header holds the bell too: on a phone the mark alone names the site. */}
          <span aria-hidden="true" className={status === 'signedIn' ? 'hidden sm:block' : undefined}>
            {t('brand')}
          </span>
          <span className="sr-only">{t('header.homeLink')}</span>
        </Link>

        <nav aria-label={t('header.navLabel')} className="hidden xl:block">
          {status === 'signedIn' && user ? (
            <Suspense fallback={null}>
              <AppNavLinks user={user} variant="bar" />
            </Suspense>
          ) : (
            <ul className="flex items-center gap-1">
              {moduleLinks.map((link) => (
                <li key={link.labelKey}>
                  <Link to={link.to} hash={link.hash} className={navLinkClasses}>
                    {t(link.labelKey)}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </nav>

        {status === 'signedIn' && user && (
          <Suspense fallback={null}>
            <NotificationBell user={user} />
          </Suspense>
        )}
        <LanguageSwitcher />

        {/* Nothing while the session is being restored: no "log in" flashing before the name. */}
        {status === 'anonymous' && (
          <div className="hidden items-center gap-2 xl:flex">
            <ButtonLink to="/login" variant="ghost">
              {t('nav.login')}
            </ButtonLink>
            <ButtonLink to="/signup" variant="primary">
              {t('nav.signup')}
            </ButtonLink>
          </div>
        )}
        {status === 'signedIn' && user && (
          <div className="hidden xl:block">
            <AccountMenu user={user} />
          </div>
        )}

        <button
          ref={menuButtonRef}
          type="button"
          aria-expanded={menuOpen}
          aria-controls={menuId}
          onClick={() => setMenuOpen((open) => !open)}
          className="inline-flex min-h-11 items-center gap-1.5 rounded-lg px-2.5 font-medium text-brand-900 ring-1 ring-slate-300 ring-inset hover:bg-brand-50 sm:px-3 xl:hidden"
        >
          {menuOpen ? <CloseIcon className="size-5" /> : <MenuIcon className="size-5" />}
          {t('header.menu')}
        </button>
      </div>

      <div id={menuId} hidden={!menuOpen} className="border-slate-200 border-t bg-white shadow-lg xl:hidden">
        <nav aria-label={t('header.navLabel')} className="mx-auto max-w-7xl px-4 py-4 sm:px-6">
          {status === 'signedIn' && user ? (
            <Suspense fallback={null}>
              <AppNavLinks user={user} variant="menu" onNavigate={() => setMenuOpen(false)} />
            </Suspense>
          ) : (
            <ul className="flex flex-col gap-1">
              {moduleLinks.map((link) => (
                <li key={link.labelKey}>
                  <Link
                    to={link.to}
                    hash={link.hash}
                    onClick={() => setMenuOpen(false)}
                    className={`${navLinkClasses} flex min-h-11 items-center text-lg`}
                  >
                    {t(link.labelKey)}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {status === 'anonymous' && (
            <div className="mt-4 flex flex-col gap-2 border-slate-200 border-t pt-4 sm:flex-row">
              <ButtonLink to="/login" variant="secondary" block onClick={() => setMenuOpen(false)}>
                {t('nav.login')}
              </ButtonLink>
              <ButtonLink to="/signup" variant="primary" block onClick={() => setMenuOpen(false)}>
                {t('nav.signup')}
              </ButtonLink>
            </div>
          )}
          {status === 'signedIn' && user && (
            <div className="mt-4 border-slate-200 border-t pt-4">
              <p className="flex flex-wrap items-center gap-2 px-3 text-slate-600 text-sm">
                {t('account.signedInAs')}
                <span className="font-medium text-slate-900">
                  {user.firstName} {user.lastName}
                </span>
                <RoleBadge role={user.role} />
              </p>
              <div className="mt-3 flex flex-col gap-2 sm:flex-row">
                <ButtonLink to="/profile" variant="secondary" block onClick={() => setMenuOpen(false)}>
                  {t('nav.profile')}
                </ButtonLink>
                {user.role === 'pro' && user.firmRole !== 'agent' && (
                  <ButtonLink to="/verification" variant="secondary" block onClick={() => setMenuOpen(false)}>
                    {t('nav.verification')}
                  </ButtonLink>
                )}
                {user.role === 'admin' && (
                  <ButtonLink
                    to="/admin/verifications"
                    variant="secondary"
                    block
                    onClick={() => setMenuOpen(false)}
                  >
                    {t('nav.verifications')}
                  </ButtonLink>
                )}
                <Button variant="ghost" block onClick={() => void logout()}>
                  <LogOutIcon className="size-5" />
                  {t('nav.logout')}
                </Button>
              </div>
            </div>
          )}
        </nav>
      </div>
    </header>
  );
}
