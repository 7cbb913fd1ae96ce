import 'i18next';
import type accountFr from '../locales/fr/account.json';
import type adminFr from '../locales/fr/admin.json';
import type adminAuditFr from '../locales/fr/admin-audit.json';
import type adminDeliveriesFr from '../locales/fr/admin-deliveries.json';
import type adminPrivacyFr from '../locales/fr/admin-privacy.json';
import type adminStatsFr from '../locales/fr/admin-stats.json';
import type adminUsersFr from '../locales/fr/admin-users.json';
import type authFr from '../locales/fr/auth.json';
import type commonFr from '../locales/fr/common.json';
import type dashboardFr from '../locales/fr/dashboard.json';
import type dossiersFr from '../locales/fr/dossiers.json';
import type firmFr from '../locales/fr/firm.json';
import type formsFr from '../locales/fr/forms.json';
import type homeFr from '../locales/fr/home.json';
import type insideFr from '../locales/fr/inside.json';
import type liveFr from '../locales/fr/live.json';
import type mailboxFr from '../locales/fr/mailbox.json';
import type messagesFr from '../locales/fr/messages.json';
import type notificationsFr from '../locales/fr/notifications.json';
import type privacyFr from '../locales/fr/privacy.json';
import type privacyAccountFr from '../locales/fr/privacy-account.json';
import type prosFr from '../locales/fr/pros.json';
import type securityFr from '../locales/fr/security.json';
import type termsFr from '../locales/fr/terms.json';
import type unsubscribeFr from '../locales/fr/unsubscribe.json';
import type verificationFr from '../locales/fr/verification.json';
import type webhooksFr from '../locales/fr/webhooks.json';

// Translation keys are checked at compile time against the French files (the reference language);
// a unit test keeps the English files' keys identical.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    returnNull: false;
    resources: {
      account: typeof accountFr;
      admin: typeof adminFr;
      'admin-audit': typeof adminAuditFr;
      'admin-deliveries': typeof adminDeliveriesFr;
      'admin-privacy': typeof adminPrivacyFr;
      'admin-stats': typeof adminStatsFr;
      'admin-users': typeof adminUsersFr;
      auth: typeof authFr;
      common: typeof commonFr;
      dashboard: typeof dashboardFr;
      dossiers: typeof dossiersFr;
      firm: typeof firmFr;
      forms: typeof formsFr;
      home: typeof homeFr;
      inside: typeof insideFr;
      live: typeof liveFr;
      mailbox: typeof mailboxFr;
      messages: typeof messagesFr;
      notifications: typeof notificationsFr;
      privacy: typeof privacyFr;
      'privacy-account': typeof privacyAccountFr;
      pros: typeof prosFr;
      security: typeof securityFr;
      terms: typeof termsFr;
      unsubscribe: typeof unsubscribeFr;
      verification: typeof verificationFr;
      webhooks: typeof webhooksFr;
    };
  }
}
