import { Outlet } from '@tanstack/react-router';
import { SecurityHost } from '../../components/security/security-host';
import { ConsentGate } from '../../features/privacy/components/consent-gate';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';
import { mainContentId, SkipLink } from './skip-link';
import { UnverifiedBanner } from './unverified-banner';

export function RootLayout() {
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <SiteHeader />
      <main id={mainContentId} tabIndex={-1} className="flex-1 focus:outline-none">
        <UnverifiedBanner />
        <SecurityHost />
        <ConsentGate />
        <Outlet />
      </main>
      <SiteFooter />
    </div>
  );
}
