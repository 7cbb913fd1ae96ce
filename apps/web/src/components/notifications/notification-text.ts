import type { TNotification } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/auth';
import { formatDay } from '../../lib/dossiers/dates';
import { formatDateTime } from '../../lib/format';

type Params = TNotification['params'];
/** The dashboard types `type` as any string: an unknown one gets a generic sentence. */
type NotificationLike = { type: string; params: Params };

const text = (params: Params, key: string): string => {
  const value = params[key];
  return value === null || value === undefined ? '' : String(value);
};

/**
 * The sentence of a notification in the reader's language, from its type and the params the API put
 * (`programFr`/`programEn`, `documentFr`/`documentEn`, `pro`, `candidate`, `reason`, dates…). Needs the
 * `notifications` namespace.
 */
export function useNotificationText(): (notification: NotificationLike) => string {
  const { t, i18n } = useTranslation('notifications');
  const { user } = useSession();
  const language = (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'fr';
  const suffix = language === 'en' ? 'En' : 'Fr';

  return ({ type, params }) => {
    const program = text(params, `program${suffix}`);
    const document = text(params, `document${suffix}`);
    const pro = text(params, 'pro');
    const candidate = text(params, 'candidate');
    const reason = text(params, 'reason');
    const title = text(params, 'title');
    const startsAt = text(params, 'startsAt');
    const when = startsAt ? formatDateTime(startsAt, language, user?.timeZone) : '';

    switch (type) {
      case 'assignment_requested':
        return t('types.assignment_requested', { candidate, program });
      case 'assignment_accepted':
        return pro
          ? t('types.assignment_accepted_byPro', { pro })
          : t('types.assignment_accepted_byCandidate', { candidate });
      case 'assignment_declined':
        if (!pro) return t('types.assignment_declined_byCandidate', { candidate });
        return reason
          ? t('types.assignment_declined_byProWithReason', { pro, reason })
          : t('types.assignment_declined_byPro', { pro });
      case 'assignment_ended':
        return t('types.assignment_ended', { program });
      case 'dossier_invitation':
        return t('types.dossier_invitation', { pro, program });
      case 'document_approved':
        return t('types.document_approved', { document });
      case 'document_rejected':
        return reason
          ? t('types.document_rejected', { document, reason })
          : t('types.document_rejected_noReason', { document });
      case 'document_expiring': {
        const expiry = text(params, 'expiryDate');
        return t('types.document_expiring', {
          document,
          date: expiry ? formatDay(expiry, language, 'long') : '',
          count: Number(params.days ?? 0),
        });
      }
      case 'message_received':
        return t('types.message_received', { count: Number(params.count ?? 1) });
      case 'post_commented':
        return t('types.post_commented');
      case 'comment_replied':
        return t('types.comment_replied');
      case 'content_moderated':
        return t('types.content_moderated');
      case 'webinar_updated':
        return t('types.webinar_updated', { title, date: when });
      case 'webinar_cancelled':
        return t('types.webinar_cancelled', { title, date: when });
      case 'webinar_seat_available':
        return t('types.webinar_seat_available', { title, date: when });
      case 'webinar_reminder':
        return params.kind === '1h'
          ? t('types.webinar_reminder_1h', { title, date: when })
          : t('types.webinar_reminder_24h', { title, date: when });
      // Licence verification: the variant is chosen by a param the API sets (decision, kind, reason).
      case 'verification_decided':
        return t(`types.verification_decided_${text(params, 'decision')}`, {
          reason,
          defaultValue: t('types.generic'),
        });
      case 'automated_decision_reviewed':
        return t(`types.automated_decision_reviewed_${text(params, 'review')}`, {
          note: text(params, 'note'),
          defaultValue: t('types.generic'),
        });
      case 'verification_renewal_due': {
        const kind = text(params, 'kind');
        const day = text(params, kind === 'lapsed' ? 'graceEndsOn' : 'renewalDate');
        return t(`types.verification_renewal_due_${kind}`, {
          date: day ? formatDay(day, language, 'long') : '',
          count: Number(params.days ?? 0),
          defaultValue: t('types.generic'),
        });
      }
      case 'pro_access_ended':
        return t(`types.pro_access_ended_${reason}`, { pro, defaultValue: t('types.generic') });
      case 'pro_licence_lapsed': {
        const day = text(params, 'graceEndsOn');
        return t('types.pro_licence_lapsed', { pro, date: day ? formatDay(day, language, 'long') : '' });
      }
      case 'review_received':
        return t('types.review_received', { overall: Number(params.overall ?? 0) });
      default:
        return t('types.generic');
    }
  };
}
