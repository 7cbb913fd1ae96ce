import type { TRetentionRule, TRetentionRuleId } from '@capitune/contracts';
import type { AppConfig } from '../../deps';

/** The grace during which a deletion can be cancelled (by the person, or by signing in). */
export const DELETION_GRACE_DAYS = 30;
/** How long a data export's signed link works, and its file is kept. */
export const EXPORT_LINK_DAYS = 7;
/** Ended sessions (and their refresh tokens) are kept for the person's sign-in history, then destroyed. */
export const ENDED_SESSION_DAYS = 30;
/** Read notifications are kept a year. */
export const READ_NOTIFICATION_DAYS = 365;

/**
 * Every kind of record the platform keeps, how long, from when, and on what authority. The daily retention
 * job destroys what is due under the rules marked `destroyedAutomatically`; the others are kept and
 * reviewed by hand. Shown to admins (`GET /api/admin/retention`) and on the public privacy page.
 */
export function retentionRules(config: Pick<AppConfig, 'privacy'>): TRetentionRule[] {
  const years = config.privacy.clientFileYears;
  const rules: Record<TRetentionRuleId, Omit<TRetentionRule, 'id'>> = {
    client_file: {
      period: `P${years}Y`,
      startsFrom: 'closed_at',
      destroyedAutomatically: true,
      source: config.privacy.clientFileSource,
    },
    personal_dossier: {
      period: 'P0D',
      startsFrom: 'account_deleted_at',
      destroyedAutomatically: true,
      source:
        'Law 25 (CQLR c P-39.1) s. 23 and PIPEDA Principle 4.5.3: destroyed once its purpose is served; a dossier no firm followed serves only its owner',
    },
    deleted_account: {
      period: `P${DELETION_GRACE_DAYS}D`,
      startsFrom: 'requested_at',
      destroyedAutomatically: true,
      source: 'CAPITUNE (decision 014): a 30-day grace during which signing in cancels the deletion',
    },
    data_export: {
      period: `P${EXPORT_LINK_DAYS}D`,
      startsFrom: 'ready_at',
      destroyedAutomatically: true,
      source: 'CAPITUNE (decision 014): the download link of an export works 7 days',
    },
    expired_tokens: {
      period: 'P1D',
      startsFrom: 'expires_at',
      destroyedAutomatically: true,
      source: 'Security: sign-in, verification and reset tokens serve nothing once expired',
    },
    ended_sessions: {
      period: `P${ENDED_SESSION_DAYS}D`,
      startsFrom: 'ended_at',
      destroyedAutomatically: true,
      source: 'Security: the sign-in history shown to the person covers 30 days',
    },
    rate_limits: {
      period: 'PT1H',
      startsFrom: 'reset_at',
      destroyedAutomatically: true,
      source: 'Security: counters of attempts serve only their window',
    },
    sent_emails: {
      period: 'P30D',
      startsFrom: 'sent_at',
      destroyedAutomatically: true,
      source: 'CAPITUNE: links in emails are spent or expired after 30 days',
    },
    read_notifications: {
      period: `P${READ_NOTIFICATION_DAYS}D`,
      startsFrom: 'read_at',
      destroyedAutomatically: true,
      source: 'CAPITUNE: a year of notifications is enough to find one again',
    },
    incident_register: {
      period: 'P5Y',
      startsFrom: 'discovered_at (and at least 24 months after the last entry)',
      destroyedAutomatically: false,
      source:
        'Québec: Regulation respecting confidentiality incidents (CQLR c P-39.1, r 3.1) s. 11, five years; PIPEDA: Breach of Security Safeguards Regulations (SOR/2018-64) s. 6, 24 months',
    },
    audit_log: {
      period: `P${years}Y`,
      startsFrom: 'created_at',
      destroyedAutomatically: false,
      source:
        'The trail of client files, kept as long as they are; append-only and hash-chained (decision 013), archived by hand',
    },
  };
  return (Object.entries(rules) as [TRetentionRuleId, Omit<TRetentionRule, 'id'>][]).map(([id, rule]) => ({
    id,
    ...rule,
  }));
}
