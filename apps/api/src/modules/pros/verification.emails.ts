import { regulatorInfo, type TLocale, type TLocalized, type TRegulator } from '@capitune/contracts';
import { dateTimeFormat } from '../../lib/intl';
import { type LocalizedWords, localizedEmailTo, type Recipient } from '../../platform/mailer/email';
import type { EmailToSend } from '../../platform/mailer/outbox';

/**
 * The emails of licence verification, each in the recipient's language. French typography: a no-break
 * space (U+00A0) before : ; ! ? and inside « ».
 */

const NBSP = '\u00a0';

const email = (template: string, to: Recipient, words: LocalizedWords, greetingName?: string): EmailToSend =>
  localizedEmailTo(to, template, words, greetingName);

/** A calendar day (`YYYY-MM-DD`) as words: « 15 janvier 2027 », “January 15, 2027”. */
export function longDay(day: string, locale: TLocale): string {
  return dateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

const reasonLine = (reason: string): TLocalized => ({
  fr: `Motif${NBSP}: ${reason}`,
  en: `Reason: ${reason}`,
});
const regulatorName = (regulator: TRegulator) => regulatorInfo[regulator].name;
const openFile: TLocalized = { fr: 'Voir mon dossier de vérification', en: 'View my verification file' };
const openDossier: TLocalized = { fr: 'Ouvrir mon dossier', en: 'Open my dossier' };

/** To a professional reference named by a pro: confirm or decline through the signed link. */
export function referenceRequestEmail(
  reference: { email: string; name: string; relationship: string; locale: TLocale },
  pro: { name: string; organisationName: string | null; regulator: TRegulator; licenceNumber: string | null },
  url: string,
): EmailToSend {
  const firm = pro.organisationName ? ` (${pro.organisationName})` : '';
  const regulator = regulatorName(pro.regulator);
  const licence = pro.licenceNumber ?? '';
  return email(
    'pros.reference_request',
    { email: reference.email, firstName: reference.name, locale: reference.locale },
    {
      subject: {
        fr: `${pro.name} vous désigne comme référence professionnelle`,
        en: `${pro.name} named you as a professional reference`,
      },
      paragraphs: [
        {
          fr: `${pro.name}${firm} demande à être vérifié sur CAPITUNE, une plateforme qui met en relation les personnes qui immigrent au Canada avec des professionnels autorisés. Cette personne déclare le permis ${licence} de l’organisme «${NBSP}${regulator.fr}${NBSP}» et vous a désigné comme référence professionnelle (${reference.relationship}).`,
          en: `${pro.name}${firm} asks to be verified on CAPITUNE, a platform that connects people immigrating to Canada with licensed professionals. They declare licence ${licence} of the ${regulator.en} and named you as a professional reference (${reference.relationship}).`,
        },
        {
          fr: `Pouvez-vous confirmer que vous connaissez cette personne dans un cadre professionnel${NBSP}? Cela prend une minute.`,
          en: 'Can you confirm that you know this person professionally? It takes a minute.',
        },
      ],
      action: { label: { fr: 'Répondre', en: 'Answer' }, url },
      footnote: {
        fr: `Si vous ne connaissez pas cette personne, dites-le aussi par ce lien${NBSP}: votre réponse protège les candidats. Le lien ne sert qu’une fois.`,
        en: 'If you do not know this person, say so through this link too: your answer protects candidates. The link works once.',
      },
    },
    reference.name,
  );
}

export type DecisionKind =
  | 'approve'
  | 'recheck'
  | 'reject'
  | 'request_info'
  | 'suspend'
  | 'revoke'
  | 'reinstate'
  | 'dismiss_appeal';

const decisionWords: Record<DecisionKind, { subject: TLocalized; body: TLocalized; after?: TLocalized }> = {
  approve: {
    subject: { fr: 'Votre permis est vérifié', en: 'Your licence is verified' },
    body: {
      fr: `Un administrateur de CAPITUNE a vérifié votre permis au registre public. Le badge «${NBSP}Vérifié${NBSP}» apparaît sur votre profil, et les candidats peuvent désormais vous trouver dans le répertoire et vous confier leur dossier.`,
      en: 'A CAPITUNE administrator checked your licence on the public register. The “Verified” badge is on your profile, and candidates can now find you in the directory and entrust you with their dossier.',
    },
  },
  recheck: {
    subject: { fr: 'Votre permis a été vérifié de nouveau', en: 'Your licence was checked again' },
    body: {
      fr: 'Un administrateur de CAPITUNE a vérifié de nouveau votre permis au registre public. Votre badge et votre fiche au répertoire restent actifs.',
      en: 'A CAPITUNE administrator checked your licence on the public register again. Your badge and your directory listing stay active.',
    },
  },
  reject: {
    subject: { fr: 'Votre demande de vérification est refusée', en: 'Your verification request is rejected' },
    body: {
      fr: 'Après examen, nous ne pouvons pas vérifier votre permis.',
      en: 'After review, we cannot verify your licence.',
    },
    after: {
      fr: 'Vous pouvez faire appel de cette décision une seule fois, depuis votre dossier de vérification.',
      en: 'You may appeal this decision once, from your verification file.',
    },
  },
  request_info: {
    subject: {
      fr: 'Des informations manquent à votre dossier de vérification',
      en: 'Your verification file needs more information',
    },
    body: {
      fr: 'Un administrateur a besoin de précisions pour vérifier votre permis.',
      en: 'An administrator needs more details to verify your licence.',
    },
    after: {
      fr: 'Complétez votre dossier, puis soumettez-le de nouveau.',
      en: 'Complete your file, then submit it again.',
    },
  },
  suspend: {
    subject: { fr: 'Votre vérification est suspendue', en: 'Your verification is suspended' },
    body: {
      fr: `Votre vérification est suspendue${NBSP}: vous n’apparaissez plus dans le répertoire et vous n’avez plus accès aux dossiers de vos clients, qui en ont été informés.`,
      en: 'Your verification is suspended: you are no longer listed in the directory and no longer have access to your clients’ dossiers; they have been told.',
    },
    after: {
      fr: 'Vous pouvez faire appel de cette décision une seule fois, depuis votre dossier de vérification.',
      en: 'You may appeal this decision once, from your verification file.',
    },
  },
  revoke: {
    subject: { fr: 'Votre vérification est révoquée', en: 'Your verification is revoked' },
    body: {
      fr: `Votre vérification est révoquée${NBSP}: vous n’apparaissez plus dans le répertoire et vous n’avez plus accès aux dossiers de vos clients, qui en ont été informés.`,
      en: 'Your verification is revoked: you are no longer listed in the directory and no longer have access to your clients’ dossiers; they have been told.',
    },
  },
  reinstate: {
    subject: { fr: 'Votre vérification est rétablie', en: 'Your verification is reinstated' },
    body: {
      fr: `Votre vérification est rétablie${NBSP}: le badge «${NBSP}Vérifié${NBSP}» est de retour sur votre profil et les candidats peuvent de nouveau vous trouver.`,
      en: 'Your verification is reinstated: the “Verified” badge is back on your profile and candidates can find you again.',
    },
  },
  dismiss_appeal: {
    subject: { fr: 'Votre appel est rejeté', en: 'Your appeal is dismissed' },
    body: {
      fr: 'Nous avons réexaminé votre dossier à la suite de votre appel, et la décision est maintenue.',
      en: 'We reviewed your file again following your appeal, and the decision stands.',
    },
  },
};

/** To the pro: an admin's decision on their file, with the reason. */
export function decisionEmail(
  to: Recipient,
  decision: DecisionKind,
  reason: string,
  url: string,
  renewalDate: string | null,
): EmailToSend {
  const words = decisionWords[decision];
  const renewal =
    renewalDate && (decision === 'approve' || decision === 'recheck')
      ? [
          {
            fr: `Date de renouvellement inscrite au registre${NBSP}: ${longDay(renewalDate, 'fr')}. Nous vous le rappellerons 30 jours et 7 jours avant.`,
            en: `Renewal date on the register: ${longDay(renewalDate, 'en')}. We will remind you 30 days and 7 days before.`,
          },
        ]
      : [];
  return email(`pros.verification_${decision}`, to, {
    subject: words.subject,
    paragraphs: [words.body, reasonLine(reason), ...renewal, ...(words.after ? [words.after] : [])],
    action: { label: openFile, url },
  });
}

/** To the pro, 30 and 7 days before the renewal date. */
export function renewalReminderEmail(
  to: Recipient,
  renewalDate: string,
  days: number,
  regulator: TRegulator,
  url: string,
): EmailToSend {
  const on = { fr: longDay(renewalDate, 'fr'), en: longDay(renewalDate, 'en') };
  const name = regulatorName(regulator);
  return email(`pros.renewal_reminder_${days <= 7 ? '7' : '30'}`, to, {
    subject: {
      fr: `Votre permis arrive à échéance le ${on.fr}`,
      en: `Your licence is due for renewal on ${on.en}`,
    },
    paragraphs: [
      {
        fr: `La date de renouvellement de votre permis (${name.fr}) est le ${on.fr}, dans ${days}${NBSP}jours. Une fois le renouvellement inscrit au registre public, un administrateur le vérifiera.`,
        en: `Your licence (${name.en}) is due for renewal on ${on.en}, in ${days} days. Once the renewal shows on the public register, an administrator will check it.`,
      },
      {
        fr: `Sans nouvelle vérification, le badge «${NBSP}Vérifié${NBSP}» disparaît à cette date et vous ne figurez plus au répertoire. Vos clients actuels restent avec vous pendant 30${NBSP}jours.`,
        en: 'Without a new check, the “Verified” badge goes on that date and you are no longer listed in the directory. Your current clients stay with you for 30 days.',
      },
    ],
    action: { label: openFile, url },
  });
}

/** To the pro, the day after the renewal date passed without a new check. */
export function lapsedEmail(to: Recipient, graceEndsOn: string, url: string): EmailToSend {
  const until = { fr: longDay(graceEndsOn, 'fr'), en: longDay(graceEndsOn, 'en') };
  return email('pros.renewal_lapsed', to, {
    subject: { fr: 'Votre date de renouvellement est passée', en: 'Your renewal date has passed' },
    paragraphs: [
      {
        fr: `Votre permis n’a pas été vérifié de nouveau avant sa date de renouvellement. Le badge «${NBSP}Vérifié${NBSP}» est retiré de votre profil et vous ne figurez plus au répertoire.`,
        en: 'Your licence was not checked again before its renewal date. The “Verified” badge is removed from your profile and you are no longer listed in the directory.',
      },
      {
        fr: `Vos clients actuels restent avec vous jusqu’au ${until.fr}${NBSP}; après cette date, sans nouvelle vérification, vous n’aurez plus accès à leurs dossiers.`,
        en: `Your current clients stay with you until ${until.en}; after that date, without a new check, you will no longer have access to their dossiers.`,
      },
    ],
    action: { label: openFile, url },
  });
}

/** To the pro, when the grace after the renewal date ended without a new check. */
export function expiredEmail(to: Recipient, url: string): EmailToSend {
  return email('pros.verification_expired', to, {
    subject: { fr: 'Votre vérification a expiré', en: 'Your verification has expired' },
    paragraphs: [
      {
        fr: `Votre permis n’a pas été vérifié de nouveau dans les 30${NBSP}jours qui ont suivi sa date de renouvellement. Vous n’avez plus accès aux dossiers de vos clients, qui en ont été informés.`,
        en: 'Your licence was not checked again within 30 days of its renewal date. You no longer have access to your clients’ dossiers; they have been told.',
      },
      {
        fr: 'Dès que le renouvellement figure au registre public, un administrateur peut vérifier votre permis de nouveau.',
        en: 'As soon as the renewal shows on the public register, an administrator can check your licence again.',
      },
    ],
    action: { label: openFile, url },
  });
}

/** To a candidate: their professional's renewal date passed; the grace starts. */
export function clientLapseEmail(
  to: Recipient,
  proName: string,
  graceEndsOn: string,
  url: string,
): EmailToSend {
  const until = { fr: longDay(graceEndsOn, 'fr'), en: longDay(graceEndsOn, 'en') };
  return email('pros.client_lapse', to, {
    subject: {
      fr: 'Le permis de votre professionnel doit être vérifié de nouveau',
      en: 'Your professional’s licence must be checked again',
    },
    paragraphs: [
      {
        fr: `La date de renouvellement du permis de ${proName} est passée sans nouvelle vérification. ${proName} continue de suivre votre dossier jusqu’au ${until.fr}.`,
        en: `The renewal date of ${proName}’s licence passed without a new check. ${proName} keeps following your dossier until ${until.en}.`,
      },
      {
        fr: 'Si son permis n’est pas vérifié d’ici là, vous devrez choisir un autre professionnel vérifié. Vos documents restent dans votre dossier.',
        en: 'If their licence is not checked by then, you will need to choose another verified professional. Your documents stay in your dossier.',
      },
    ],
    action: { label: openDossier, url },
  });
}

export type AccessEndedReason = 'suspended' | 'revoked' | 'expired';

const endedWhy: Record<AccessEndedReason, TLocalized> = {
  suspended: {
    fr: 'son autorisation sur CAPITUNE est suspendue',
    en: 'their authorisation on CAPITUNE is suspended',
  },
  revoked: {
    fr: 'son autorisation sur CAPITUNE est révoquée',
    en: 'their authorisation on CAPITUNE is revoked',
  },
  expired: {
    fr: 'son permis n’a pas été vérifié de nouveau après sa date de renouvellement',
    en: 'their licence was not checked again after its renewal date',
  },
};

/** To a candidate: their professional can no longer act on their dossier. */
export function accessEndedEmail(
  to: Recipient,
  proName: string,
  reason: AccessEndedReason,
  url: string,
): EmailToSend {
  return email(`pros.access_ended_${reason}`, to, {
    subject: {
      fr: 'Votre professionnel ne peut plus agir sur votre dossier',
      en: 'Your professional can no longer act on your dossier',
    },
    paragraphs: [
      {
        fr: `${proName} ne peut plus agir sur votre dossier${NBSP}: ${endedWhy[reason].fr}.`,
        en: `${proName} can no longer act on your dossier: ${endedWhy[reason].en}.`,
      },
      {
        fr: 'Vos documents restent dans votre dossier. Choisissez un autre professionnel vérifié pour continuer.',
        en: 'Your documents stay in your dossier. Choose another verified professional to continue.',
      },
    ],
    action: { label: openDossier, url },
  });
}
