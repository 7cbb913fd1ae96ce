import type { AdminAlertMessage } from '../../platform/alerts/admin-alert-sender';

export type AdminAlertKind = 'verification_requested' | 'flag_wave' | 'job_failed' | 'audit_chain_broken';

/** French typography: a non-breaking space before the colon. */
const COLON_FR = '\u00a0:';

const targetNames: Record<string, { fr: string; en: string }> = {
  post: { fr: 'une publication', en: 'a post' },
  comment: { fr: 'un commentaire', en: 'a comment' },
  review: { fr: 'un avis', en: 'a review' },
};

function text(value: unknown, fallback = '?'): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
}

/**
 * The alert as the admins' channel reads it: one line in French, one in English, and the admin page
 * where it is dealt with. Built when sent, from the stored payload.
 */
export function alertMessage(
  kind: AdminAlertKind,
  payload: Record<string, unknown>,
  publicUrl: string,
): AdminAlertMessage {
  const { fr, en, path } = linesOf(kind, payload);
  return { text: `${fr} / ${en}`, lines: [fr, en], link: `${publicUrl}${path}` };
}

function linesOf(kind: AdminAlertKind, payload: Record<string, unknown>) {
  switch (kind) {
    case 'verification_requested': {
      const name = text(payload.name, '');
      return {
        fr: `Nouvelle demande de vérification${COLON_FR} ${name}`.trimEnd(),
        en: `New verification request: ${name}`.trimEnd(),
        path: `/admin/verifications/${encodeURIComponent(text(payload.verificationId, ''))}`,
      };
    }
    case 'flag_wave': {
      const count = text(payload.count);
      const target = targetNames[text(payload.targetType, '')];
      return target
        ? {
            fr: `Vague de signalements${COLON_FR} ${count} signalements sur ${target.fr}`,
            en: `Flag wave: ${count} flags on ${target.en}`,
            path: '/admin/moderation',
          }
        : {
            fr: `Vague de signalements${COLON_FR} ${count} signalements en ${text(payload.minutes)} minutes`,
            en: `Flag wave: ${count} flags in ${text(payload.minutes)} minutes`,
            path: '/admin/moderation',
          };
    }
    case 'job_failed': {
      const queue = text(payload.queue);
      const error = text(payload.error, '').slice(0, 300);
      const count = Number(payload.count) > 1 ? ` (×${text(payload.count)})` : '';
      return {
        fr: `Tâche en échec${COLON_FR} ${queue}${count} — ${error}`,
        en: `Job failed: ${queue}${count} — ${error}`,
        // No page lists jobs: the console's home, where admins start.
        path: '/admin',
      };
    }
    case 'audit_chain_broken': {
      const entry = text(payload.seq);
      const reason = payload.reason === undefined ? '' : ` (${text(payload.reason)})`;
      return {
        fr: `Chaîne du journal d’audit rompue${COLON_FR} entrée ${entry}${reason}`,
        en: `Audit log chain broken: entry ${entry}${reason}`,
        path: '/admin/audit',
      };
    }
  }
}
