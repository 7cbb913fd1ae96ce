import { emailTo, hello, type Recipient } from './email';
import type { EmailToSend } from './outbox';

/**
 * Emails about an account that more than one module sends: here, below the modules, so that none
 * imports another for its words (a firm's invitation and a sign-up both meet an address that has an
 * account).
 */

/** To the owner of an address someone tried to sign up (or be invited) with: no new account was made. */
export function accountExistsMessage(recipient: Recipient, loginUrl: string, resetUrl: string): EmailToSend {
  const fr = recipient.locale === 'fr';
  return emailTo(recipient, 'auth.account_exists', {
    subject: fr ? 'Vous avez déjà un compte CAPITUNE' : 'You already have a CAPITUNE account',
    greeting: hello(recipient.locale, recipient.firstName),
    paragraphs: [
      fr
        ? 'Quelqu’un, probablement vous, a tenté de créer un compte CAPITUNE avec cette adresse courriel. Un compte existe déjà\u00a0: aucun nouveau compte n’a été créé.'
        : 'Someone, probably you, tried to create a CAPITUNE account with this email address. An account already exists, so no new account was created.',
      fr ? `Vous pouvez vous connecter ici\u00a0: ${loginUrl}` : `You can log in here: ${loginUrl}`,
    ],
    action: { label: fr ? 'Réinitialiser mon mot de passe' : 'Reset my password', url: resetUrl },
    footnote: fr
      ? 'Si ce n’était pas vous, aucune action n’est requise\u00a0: votre compte est intact.'
      : 'If this was not you, no action is needed: your account is unchanged.',
  });
}
