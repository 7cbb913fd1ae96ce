import type { TLocale, TNotificationType } from '@capitune/contracts';
import { dateTimeFormat } from '../../lib/intl';
import { typeset } from '../../platform/mailer/layout';

/**
 * The words of a notification outside the app (web push, text message, the digest email), in the
 * person's language: the same sentences as the web app's `notifications.types.*` (apps/web locales),
 * chosen from the same params. French typography is applied by `typeset` (U+00A0 before : ; ! ? » and
 * after «, apostrophe ’).
 */
export type NotificationParams = Record<string, string | number | null | undefined>;

const DEFAULT_TIME_ZONE = 'America/Toronto';
const intlLocale = (locale: TLocale) => (locale === 'fr' ? 'fr-CA' : 'en-CA');

const str = (params: NotificationParams, key: string): string => {
  const value = params[key];
  return value === null || value === undefined ? '' : String(value);
};

/** `2026-03-14` → "14 mars 2026" / "March 14, 2026" (a calendar day: no time zone shift). */
function day(value: string, locale: TLocale): string {
  if (!value) return '';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return dateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** An instant in the person's time zone: "14 mars 2026 à 18 h 00 HNE". */
function instant(value: string, locale: TLocale, timeZone: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  try {
    return dateTimeFormat(intlLocale(locale), {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone,
    }).format(date);
  } catch {
    return dateTimeFormat(intlLocale(locale), {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: DEFAULT_TIME_ZONE,
    }).format(date);
  }
}

const plural = (count: number, one: string, other: string) => (count === 1 ? one : other);

interface Words {
  title: string;
  body: string;
}

type Writer = (p: NotificationParams, ctx: { locale: TLocale; timeZone: string }) => Words;

const generic: Record<TLocale, Words> = {
  fr: { title: 'CAPITUNE', body: 'Du nouveau dans votre espace CAPITUNE.' },
  en: { title: 'CAPITUNE', body: 'Something new in your CAPITUNE space.' },
};

const fr: Record<TNotificationType, Writer> = {
  assignment_requested: (p) => ({
    title: 'Demande de prise en charge',
    body: `${str(p, 'candidate')} vous demande de prendre en charge son dossier « ${str(p, 'programFr')} ».`,
  }),
  assignment_accepted: (p) =>
    str(p, 'pro')
      ? { title: 'Dossier pris en charge', body: `${str(p, 'pro')} suit maintenant votre dossier.` }
      : {
          title: 'Invitation acceptée',
          body: `${str(p, 'candidate')} a accepté votre invitation : son dossier vous est confié.`,
        },
  assignment_declined: (p) => {
    if (!str(p, 'pro'))
      return { title: 'Invitation déclinée', body: `${str(p, 'candidate')} a décliné votre invitation.` };
    return {
      title: 'Demande déclinée',
      body: str(p, 'reason')
        ? `${str(p, 'pro')} ne peut pas prendre en charge votre dossier. Motif : ${str(p, 'reason')}`
        : `${str(p, 'pro')} ne peut pas prendre en charge votre dossier. Vous pouvez choisir un autre professionnel.`,
    };
  },
  assignment_ended: (p) => ({
    title: 'Fin de prise en charge',
    body: `Le dossier « ${str(p, 'programFr')} » ne vous est plus confié.`,
  }),
  dossier_invitation: (p) => ({
    title: 'Invitation à ouvrir un dossier',
    body: `${str(p, 'pro')} vous invite à ouvrir un dossier « ${str(p, 'programFr')} ».`,
  }),
  document_requested: (p) => ({
    title: 'Document demandé',
    body: str(p, 'pro')
      ? `${str(p, 'pro')} vous demande un document : ${str(p, 'documentFr')}.`
      : `Un document vous est demandé : ${str(p, 'documentFr')}.`,
  }),
  milestone_updated: (p) => ({
    title: 'Étape du dossier',
    body: str(p, 'milestoneFr')
      ? str(p, 'status') === 'reached' || str(p, 'status') === 'done'
        ? `Étape franchie dans votre dossier : ${str(p, 'milestoneFr')}.`
        : `Étape mise à jour dans votre dossier : ${str(p, 'milestoneFr')}.`
      : 'Une étape de votre dossier a été mise à jour.',
  }),
  document_approved: (p) => ({
    title: 'Document approuvé',
    body: `Document approuvé : ${str(p, 'documentFr')}.`,
  }),
  document_rejected: (p) => ({
    title: 'Document à remplacer',
    body: str(p, 'reason')
      ? `Document à remplacer : ${str(p, 'documentFr')}. Motif : ${str(p, 'reason')}`
      : `Document à remplacer : ${str(p, 'documentFr')}.`,
  }),
  document_expiring: (p, { locale }) => {
    const count = Number(p.days ?? 0);
    return {
      title: 'Document bientôt expiré',
      body: `${str(p, 'documentFr')} expire le ${day(str(p, 'expiryDate'), locale)} (dans ${count} ${plural(count, 'jour', 'jours')}). Prévoyez son renouvellement.`,
    };
  },
  message_received: (p) => {
    const count = Number(p.count ?? 1);
    return {
      title: 'Nouveau message',
      body: `Vous avez ${count} ${plural(count, 'message non lu', 'messages non lus')} dans votre dossier.`,
    };
  },
  post_commented: () => ({
    title: 'Nouveau commentaire',
    body: 'Quelqu’un a commenté votre publication dans Inside.',
  }),
  comment_replied: () => ({
    title: 'Nouvelle réponse',
    body: 'Quelqu’un a répondu à votre commentaire dans Inside.',
  }),
  content_moderated: () => ({
    title: 'Contenu modéré',
    body: 'Un de vos contenus dans Inside a été modéré.',
  }),
  webinar_updated: (p, { locale, timeZone }) => ({
    title: 'Webinaire déplacé',
    body: `Le webinaire « ${str(p, 'title')} » change d’horaire : il aura lieu le ${instant(str(p, 'startsAt'), locale, timeZone)}.`,
  }),
  webinar_cancelled: (p, { locale, timeZone }) => ({
    title: 'Webinaire annulé',
    body: `Le webinaire « ${str(p, 'title')} » prévu le ${instant(str(p, 'startsAt'), locale, timeZone)} est annulé.`,
  }),
  webinar_seat_available: (p, { locale, timeZone }) => ({
    title: 'Place libérée',
    body: `Une place s’est libérée : vous êtes inscrit·e au webinaire « ${str(p, 'title')} » du ${instant(str(p, 'startsAt'), locale, timeZone)}.`,
  }),
  webinar_reminder: (p, { locale, timeZone }) => {
    const when = instant(str(p, 'startsAt'), locale, timeZone);
    return {
      title: 'Rappel de webinaire',
      body:
        p.kind === '1h'
          ? `Rappel : le webinaire « ${str(p, 'title')} » commence dans une heure (${when}).`
          : `Rappel : le webinaire « ${str(p, 'title')} » a lieu demain, le ${when}.`,
    };
  },
  review_received: (p) => ({
    title: 'Nouvel avis',
    body: `Un client a laissé un avis sur votre profil : ${Number(p.overall ?? 0)}/5.`,
  }),
  verification_decided: (p) => {
    const reason = str(p, 'reason');
    const bodies: Record<string, string> = {
      approve:
        'Votre permis est vérifié ! Choisissez, dans votre profil public, d’apparaître dans le répertoire.',
      recheck: 'Votre permis a été vérifié de nouveau.',
      reject: `Votre demande de vérification est refusée. Motif : ${reason}`,
      request_info: `Des informations manquent à votre dossier de vérification : ${reason}`,
      suspend: `Votre vérification est suspendue. Motif : ${reason}`,
      revoke: `Votre vérification est révoquée. Motif : ${reason}`,
      reinstate: 'Votre vérification est rétablie.',
      dismiss_appeal: `Votre appel est rejeté. Motif : ${reason}`,
    };
    return { title: 'Vérification du permis', body: bodies[str(p, 'decision')] ?? generic.fr.body };
  },
  verification_renewal_due: (p, { locale }) => {
    const kind = str(p, 'kind');
    const count = Number(p.days ?? 0);
    if (kind === 'lapsed')
      return {
        title: 'Renouvellement dépassé',
        body: `Votre date de renouvellement est passée : le badge « Vérifié » est retiré. Vos clients restent avec vous jusqu’au ${day(str(p, 'graceEndsOn'), locale)}.`,
      };
    if (kind === 'expired')
      return {
        title: 'Vérification expirée',
        body: 'Votre vérification a expiré : vous n’avez plus accès aux dossiers de vos clients.',
      };
    return {
      title: 'Renouvellement du permis',
      body: `Votre permis arrive à échéance le ${day(str(p, 'renewalDate'), locale)} (dans ${count} ${plural(count, 'jour', 'jours')}).`,
    };
  },
  pro_access_ended: (p) => {
    const why: Record<string, string> = {
      suspended: 'autorisation suspendue',
      revoked: 'autorisation révoquée',
      expired: 'permis non vérifié de nouveau',
    };
    const reason = why[str(p, 'reason')];
    return {
      title: 'Professionnel sans accès',
      body: reason
        ? `${str(p, 'pro')} ne peut plus agir sur votre dossier (${reason}). Choisissez un autre professionnel.`
        : generic.fr.body,
    };
  },
  pro_licence_lapsed: (p, { locale }) => ({
    title: 'Permis à vérifier de nouveau',
    body: `Le permis de ${str(p, 'pro')} doit être vérifié de nouveau ; ${str(p, 'pro')} suit votre dossier jusqu’au ${day(str(p, 'graceEndsOn'), locale)}.`,
  }),
  automated_decision_reviewed: (p) => {
    const review = str(p, 'review');
    const verb: Record<string, string> = { upheld: 'la maintient', reversed: 'l’annule' };
    return {
      title: 'Décision revue',
      body: verb[review]
        ? `Une personne a revu la décision automatique que vous contestiez et ${verb[review]}. Motif : ${str(p, 'note')}`
        : generic.fr.body,
    };
  },
};

const en: Record<TNotificationType, Writer> = {
  assignment_requested: (p) => ({
    title: 'Request to take on a dossier',
    body: `${str(p, 'candidate')} asks you to take on their “${str(p, 'programEn')}” dossier.`,
  }),
  assignment_accepted: (p) =>
    str(p, 'pro')
      ? { title: 'Dossier taken on', body: `${str(p, 'pro')} now follows your dossier.` }
      : {
          title: 'Invitation accepted',
          body: `${str(p, 'candidate')} accepted your invitation: their dossier is now in your care.`,
        },
  assignment_declined: (p) => {
    if (!str(p, 'pro'))
      return { title: 'Invitation declined', body: `${str(p, 'candidate')} declined your invitation.` };
    return {
      title: 'Request declined',
      body: str(p, 'reason')
        ? `${str(p, 'pro')} cannot take on your dossier. Reason: ${str(p, 'reason')}`
        : `${str(p, 'pro')} cannot take on your dossier. You can choose another professional.`,
    };
  },
  assignment_ended: (p) => ({
    title: 'Dossier no longer in your care',
    body: `The “${str(p, 'programEn')}” dossier is no longer in your care.`,
  }),
  dossier_invitation: (p) => ({
    title: 'Invitation to open a dossier',
    body: `${str(p, 'pro')} invites you to open a “${str(p, 'programEn')}” dossier.`,
  }),
  document_requested: (p) => ({
    title: 'Document requested',
    body: str(p, 'pro')
      ? `${str(p, 'pro')} asks you for a document: ${str(p, 'documentEn')}.`
      : `A document is requested from you: ${str(p, 'documentEn')}.`,
  }),
  milestone_updated: (p) => ({
    title: 'Dossier milestone',
    body: str(p, 'milestoneEn')
      ? str(p, 'status') === 'reached' || str(p, 'status') === 'done'
        ? `Milestone reached in your dossier: ${str(p, 'milestoneEn')}.`
        : `Milestone updated in your dossier: ${str(p, 'milestoneEn')}.`
      : 'A milestone of your dossier was updated.',
  }),
  document_approved: (p) => ({
    title: 'Document approved',
    body: `Document approved: ${str(p, 'documentEn')}.`,
  }),
  document_rejected: (p) => ({
    title: 'Document to replace',
    body: str(p, 'reason')
      ? `Document to replace: ${str(p, 'documentEn')}. Reason: ${str(p, 'reason')}`
      : `Document to replace: ${str(p, 'documentEn')}.`,
  }),
  document_expiring: (p, { locale }) => {
    const count = Number(p.days ?? 0);
    return {
      title: 'Document expiring soon',
      body: `${str(p, 'documentEn')} expires on ${day(str(p, 'expiryDate'), locale)} (in ${count} ${plural(count, 'day', 'days')}). Plan its renewal.`,
    };
  },
  message_received: (p) => {
    const count = Number(p.count ?? 1);
    return {
      title: 'New message',
      body: `You have ${count} unread ${plural(count, 'message', 'messages')} in your dossier.`,
    };
  },
  post_commented: () => ({ title: 'New comment', body: 'Someone commented on your post in Inside.' }),
  comment_replied: () => ({ title: 'New reply', body: 'Someone replied to your comment in Inside.' }),
  content_moderated: () => ({
    title: 'Content moderated',
    body: 'One of your posts or comments in Inside was moderated.',
  }),
  webinar_updated: (p, { locale, timeZone }) => ({
    title: 'Webinar rescheduled',
    body: `The webinar “${str(p, 'title')}” was rescheduled: it will take place on ${instant(str(p, 'startsAt'), locale, timeZone)}.`,
  }),
  webinar_cancelled: (p, { locale, timeZone }) => ({
    title: 'Webinar cancelled',
    body: `The webinar “${str(p, 'title')}” planned for ${instant(str(p, 'startsAt'), locale, timeZone)} is cancelled.`,
  }),
  webinar_seat_available: (p, { locale, timeZone }) => ({
    title: 'A seat opened up',
    body: `A seat opened up: you are registered for the webinar “${str(p, 'title')}” on ${instant(str(p, 'startsAt'), locale, timeZone)}.`,
  }),
  webinar_reminder: (p, { locale, timeZone }) => {
    const when = instant(str(p, 'startsAt'), locale, timeZone);
    return {
      title: 'Webinar reminder',
      body:
        p.kind === '1h'
          ? `Reminder: the webinar “${str(p, 'title')}” starts in one hour (${when}).`
          : `Reminder: the webinar “${str(p, 'title')}” is tomorrow, ${when}.`,
    };
  },
  review_received: (p) => ({
    title: 'New review',
    body: `A client reviewed you on your profile: ${Number(p.overall ?? 0)}/5.`,
  }),
  verification_decided: (p) => {
    const reason = str(p, 'reason');
    const bodies: Record<string, string> = {
      approve: 'Your licence is verified! Choose, in your public profile, to appear in the directory.',
      recheck: 'Your licence was checked again.',
      reject: `Your verification request is rejected. Reason: ${reason}`,
      request_info: `Your verification file needs more information: ${reason}`,
      suspend: `Your verification is suspended. Reason: ${reason}`,
      revoke: `Your verification is revoked. Reason: ${reason}`,
      reinstate: 'Your verification is reinstated.',
      dismiss_appeal: `Your appeal is dismissed. Reason: ${reason}`,
    };
    return { title: 'Licence verification', body: bodies[str(p, 'decision')] ?? generic.en.body };
  },
  verification_renewal_due: (p, { locale }) => {
    const kind = str(p, 'kind');
    const count = Number(p.days ?? 0);
    if (kind === 'lapsed')
      return {
        title: 'Renewal date passed',
        body: `Your renewal date has passed: the “Verified” badge is removed. Your clients stay with you until ${day(str(p, 'graceEndsOn'), locale)}.`,
      };
    if (kind === 'expired')
      return {
        title: 'Verification expired',
        body: 'Your verification has expired: you no longer have access to your clients’ dossiers.',
      };
    return {
      title: 'Licence renewal',
      body: `Your licence is due for renewal on ${day(str(p, 'renewalDate'), locale)} (in ${count} ${plural(count, 'day', 'days')}).`,
    };
  },
  pro_access_ended: (p) => {
    const why: Record<string, string> = {
      suspended: 'authorisation suspended',
      revoked: 'authorisation revoked',
      expired: 'licence not checked again',
    };
    const reason = why[str(p, 'reason')];
    return {
      title: 'Professional without access',
      body: reason
        ? `${str(p, 'pro')} can no longer act on your dossier (${reason}). Choose another professional.`
        : generic.en.body,
    };
  },
  pro_licence_lapsed: (p, { locale }) => ({
    title: 'Licence to be checked again',
    body: `${str(p, 'pro')}’s licence must be checked again; ${str(p, 'pro')} follows your dossier until ${day(str(p, 'graceEndsOn'), locale)}.`,
  }),
  automated_decision_reviewed: (p) => {
    const review = str(p, 'review');
    const verb: Record<string, string> = { upheld: 'upheld it', reversed: 'reversed it' };
    return {
      title: 'Decision reviewed',
      body: verb[review]
        ? `A person reviewed the automated decision you contested and ${verb[review]}. Reason: ${str(p, 'note')}`
        : generic.en.body,
    };
  },
};

const writers: Record<TLocale, Record<TNotificationType, Writer>> = { fr, en };

/**
 * The title and sentence of a notification in `locale`. `timeZone` (the person's) places the instants
 * (a webinar's start); days are calendar days. An unknown type gets a generic sentence.
 */
export function notificationText(
  type: TNotificationType,
  params: NotificationParams,
  locale: TLocale,
  timeZone: string = DEFAULT_TIME_ZONE,
): { title: string; body: string } {
  const writer = writers[locale]?.[type];
  const words = writer ? writer(params ?? {}, { locale, timeZone }) : generic[locale];
  return { title: typeset(locale, words.title), body: typeset(locale, words.body) };
}
