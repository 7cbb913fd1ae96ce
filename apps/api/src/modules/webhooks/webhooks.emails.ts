import type { TLocale } from '@capitune/contracts';
import { emailTo, hello } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';

/**
 * The emails of outgoing webhooks, in the recipient's language. Essential (the firm's own tools stopped
 * receiving events): no `List-Unsubscribe`. French typography: a no-break space (U+00A0) before : ; ! ?
 * and inside « ».
 */

const NBSP = '\u00a0';

/** To each licensee of the firm: an endpoint failed for 24 hours and was turned off. */
export function endpointDisabledEmail(
  recipient: { email: string; firstName: string; locale: TLocale },
  endpoint: { firmName: string; url: string },
  link: string,
): EmailToSend {
  const fr = recipient.locale === 'fr';
  const host = hostOf(endpoint.url);
  return emailTo(recipient, 'webhooks.endpoint_disabled', {
    subject: fr ? `Webhook désactivé${NBSP}: ${host}` : `Webhook turned off: ${host}`,
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      fr
        ? `Les envois vers l’adresse ${endpoint.url}, enregistrée par le cabinet «${NBSP}${endpoint.firmName}${NBSP}», échouent depuis 24${NBSP}heures. Nous l’avons désactivée${NBSP}: aucun événement n’y est plus envoyé.`
        : `Deliveries to ${endpoint.url}, registered by the firm ${endpoint.firmName}, have failed for 24 hours. We turned it off: no event is sent there any more.`,
      fr
        ? 'Vérifiez que l’outil qui reçoit ces événements fonctionne, puis réactivez l’adresse. Le journal des envois montre les codes de réponse, et chaque envoi peut être renvoyé.'
        : 'Check that the tool receiving these events works, then turn the address back on. The delivery log shows the response codes, and each delivery can be sent again.',
    ],
    action: { label: fr ? 'Voir les webhooks du cabinet' : 'See the firm’s webhooks', url: link },
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
