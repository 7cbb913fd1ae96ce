/**
 * What a person's data export holds (Law 25 s. 27, PIPEDA Principle 4.9: access and portability): every
 * table that names a person, with either the rows that are theirs and the columns exported, or the reason
 * it is left out. `export-coverage.test.ts` reads PostgreSQL's catalog and fails when a table or column
 * that names a person is not answered for here, and when an exported table has a column neither exported
 * nor left out with a reason: a new column is never exported, nor forgotten, by accident.
 *
 * Secrets are never exported: password, token and code hashes, the authenticator secret, passkey public
 * keys, challenges. Another person's information is left out where the row is the person's but a column
 * is someone else's (the admin who decided, the address of another actor).
 */

/**
 * Which rows of a table are the person's: a row is exported when one of its clauses holds.
 * - `by`: the column is the person's id;
 * - `ownDossier`: the row belongs to a dossier the person owns (its conversation, documents, milestones:
 *   their file's history is their information, whoever wrote it);
 * - `wroteIn`: the person wrote it in a conversation they took part in (a pro's own messages in a
 *   client's dossier; the rest of that conversation is the client's file, kept by the firm);
 * - `email`: the row is addressed to the person's email (an invitation sent before they had an account);
 * - `aboutPerson`: a polymorphic subject (`subject_type`, `subject_id`) that is the person's account.
 */
export type RowClause =
  | { by: string }
  | { ownDossier: string }
  | { wroteIn: { dossier: string; author: string } }
  | { email: string }
  | { aboutPerson: { type: string; id: string } };

export interface ExportedSection {
  kind: 'exported';
  /** The ZIP entry, without extension: `data/<table>` gives `.json` and `.csv`; `profile` a single object. */
  file: string;
  /** One object rather than an array, and no CSV (the profile). */
  single?: true;
  where: readonly RowClause[];
  /** The exported columns, in this order (CSV header order). */
  columns: readonly string[];
  /** Columns exported only on the rows where the given column is the person (another actor's address). */
  ownOnly?: Readonly<Record<string, string>>;
  /** Person columns exported as `<column>_is_you` (true/false) instead of another person's id. */
  isYou?: readonly string[];
  /** Every other column of the table, with why it is not exported. */
  omitted: Readonly<Record<string, string>>;
  /** The person columns no clause follows, with why. */
  notFollowed?: Readonly<Record<string, string>>;
  order: readonly string[];
}

export interface ExcludedSection {
  kind: 'excluded';
  reason: string;
  /** The person columns of the table, each with why it is not followed. */
  notFollowed: Readonly<Record<string, string>>;
}

export type ExportSection = ExportedSection | ExcludedSection;

const HASH = 'a hash of a secret (never exported)';
const ADMIN_ACT =
  'an admin’s or a firm’s act on another person’s record; the person’s own acts are in data/audit_log';
const CREATED_AT_ID = ['created_at', 'id'] as const;

/** The registry, keyed by table name. */
export const exportSections: Readonly<Record<string, ExportSection>> = {
  users: {
    kind: 'exported',
    file: 'profile',
    single: true,
    where: [{ by: 'id' }],
    columns: [
      'id',
      'email',
      'role',
      'status',
      'first_name',
      'last_name',
      'locale',
      'time_zone',
      'phone',
      'country_of_residence',
      'citizenship',
      'organisation_id',
      'goals',
      'notification_preferences',
      'email_verified_at',
      'two_factor_grace_ends_at',
      'email_factor_enabled_at',
      'sms_factor_phone',
      'sms_factor_confirmed_at',
      'suspended_until',
      'suspension_reason',
      'banned_at',
      'trust_level',
      'silenced_until',
      'deleted_at',
      'created_at',
      'updated_at',
    ],
    omitted: {
      password_hash: HASH,
      search_text: 'derived from the name and email, for the admins’ search',
      failed_login_count: 'no longer used (counters live in rate_limits for an hour)',
      locked_until: 'no longer used (counters live in rate_limits for an hour)',
    },
    order: ['id'],
  },

  /* ------------------------------------------------------------ account and security */
  sessions: {
    kind: 'exported',
    file: 'data/sessions',
    where: [{ by: 'user_id' }],
    columns: [
      'id',
      'user_agent',
      'ip',
      'country',
      'factor',
      'created_at',
      'last_used_at',
      'expires_at',
      'revoked_at',
      'revoked_reason',
      'reauthenticated_at',
      'ip_bypass_until',
    ],
    omitted: { user_id: 'the person' },
    order: CREATED_AT_ID,
  },
  known_devices: {
    kind: 'exported',
    file: 'data/known_devices',
    where: [{ by: 'user_id' }],
    columns: ['id', 'country', 'first_seen_at', 'last_seen_at'],
    omitted: { user_id: 'the person', device_hash: HASH },
    order: ['first_seen_at', 'id'],
  },
  email_tokens: {
    kind: 'exported',
    file: 'data/email_tokens',
    where: [{ by: 'user_id' }],
    columns: ['id', 'purpose', 'session_id', 'created_at', 'expires_at', 'used_at'],
    omitted: { user_id: 'the person', token_hash: HASH },
    order: CREATED_AT_ID,
  },
  one_time_codes: {
    kind: 'exported',
    file: 'data/one_time_codes',
    where: [{ by: 'user_id' }],
    columns: [
      'id',
      'channel',
      'purpose',
      'phone',
      'failed_attempts',
      'session_id',
      'sign_in_challenge_id',
      'created_at',
      'expires_at',
      'used_at',
    ],
    omitted: { user_id: 'the person', code_hash: HASH },
    order: CREATED_AT_ID,
  },
  sign_in_challenges: {
    kind: 'exported',
    file: 'data/sign_in_challenges',
    where: [{ by: 'user_id' }],
    columns: ['id', 'ip', 'user_agent', 'failed_attempts', 'created_at', 'expires_at', 'completed_at'],
    omitted: { user_id: 'the person', token_hash: HASH },
    order: CREATED_AT_ID,
  },
  totp_factors: {
    kind: 'exported',
    file: 'data/totp_factors',
    where: [{ by: 'user_id' }],
    columns: ['created_at', 'confirmed_at'],
    omitted: {
      user_id: 'the person',
      secret_encrypted: 'the authenticator secret (never exported)',
      last_used_step: 'a replay guard of the authenticator',
    },
    order: ['created_at'],
  },
  recovery_codes: {
    kind: 'exported',
    file: 'data/recovery_codes',
    where: [{ by: 'user_id' }],
    columns: ['id', 'created_at', 'used_at'],
    omitted: { user_id: 'the person', code_hash: HASH },
    order: CREATED_AT_ID,
  },
  passkeys: {
    kind: 'exported',
    file: 'data/passkeys',
    where: [{ by: 'user_id' }],
    columns: [
      'id',
      'name',
      'credential_id',
      'device_type',
      'backed_up',
      'transports',
      'sign_count',
      'created_at',
      'last_used_at',
    ],
    omitted: { user_id: 'the person', public_key: 'a key of the passkey, of no use outside the sign-in' },
    order: CREATED_AT_ID,
  },
  webauthn_challenges: {
    kind: 'exported',
    file: 'data/webauthn_challenges',
    where: [{ by: 'user_id' }],
    columns: ['id', 'purpose', 'created_at', 'expires_at', 'used_at'],
    omitted: { user_id: 'the person', challenge: 'a single-use nonce of a passkey ceremony' },
    order: CREATED_AT_ID,
  },
  consents: {
    kind: 'exported',
    file: 'data/consents',
    where: [{ by: 'user_id' }],
    columns: ['id', 'purpose', 'granted', 'version', 'source', 'created_at'],
    omitted: { user_id: 'the person' },
    order: CREATED_AT_ID,
  },
  data_exports: {
    kind: 'exported',
    file: 'data/data_exports',
    where: [{ by: 'user_id' }],
    columns: [
      'id',
      'status',
      'size_bytes',
      'requested_at',
      'ready_at',
      'expires_at',
      'downloaded_at',
      'download_count',
    ],
    omitted: {
      user_id: 'the person',
      blob_key: 'where the file is kept in the store',
      error: 'a technical message for the operators',
    },
    order: ['requested_at', 'id'],
  },
  account_deletions: {
    kind: 'exported',
    file: 'data/account_deletions',
    where: [{ by: 'user_id' }],
    columns: ['id', 'requested_at', 'due_at', 'cancelled_at', 'cancelled_by', 'completed_at', 'kept'],
    omitted: { user_id: 'the person' },
    order: ['requested_at', 'id'],
  },
  automated_decisions: {
    kind: 'exported',
    file: 'data/automated_decisions',
    where: [{ by: 'user_id' }],
    columns: [
      'id',
      'kind',
      'subject_type',
      'subject_id',
      'outcome',
      'factors',
      'created_at',
      'review_requested_at',
      'review_message',
      'reviewed_at',
      'review_outcome',
      'review_note',
    ],
    omitted: { user_id: 'the person', reviewed_by: 'the admin who reviewed it (another person)' },
    notFollowed: { reviewed_by: ADMIN_ACT },
    order: CREATED_AT_ID,
  },
  user_tags: {
    kind: 'exported',
    file: 'data/user_tags',
    where: [{ by: 'user_id' }],
    columns: ['tag', 'created_at'],
    omitted: { user_id: 'the person', created_by: 'the admin who tagged (another person)' },
    notFollowed: { created_by: ADMIN_ACT },
    order: ['created_at', 'tag'],
  },
  admin_batch_targets: {
    kind: 'exported',
    file: 'data/admin_batch_targets',
    where: [{ by: 'user_id' }],
    columns: ['batch_id', 'done_at', 'outcome', 'before', 'undone_at'],
    omitted: { user_id: 'the person', position: 'the order of the batch’s work' },
    order: ['batch_id'],
  },
  audit_log: {
    kind: 'exported',
    file: 'data/audit_log',
    where: [{ by: 'actor_id' }, { aboutPerson: { type: 'subject_type', id: 'subject_id' } }],
    columns: [
      'id',
      'created_at',
      'action',
      'actor_id',
      'subject_type',
      'subject_id',
      'dossier_id',
      'organisation_id',
      'before',
      'after',
      'ip',
    ],
    isYou: ['actor_id'],
    ownOnly: { ip: 'actor_id' },
    omitted: {
      chain_seq: 'the tamper-evident chain of the whole log',
      prev_hash: 'the tamper-evident chain of the whole log',
      hash: 'the tamper-evident chain of the whole log',
    },
    order: ['id'],
  },

  /* ------------------------------------------------------------ Mon dossier */
  dossiers: {
    kind: 'exported',
    file: 'data/dossiers',
    where: [{ by: 'owner_id' }],
    columns: [
      'id',
      'program_id',
      'status',
      'organisation_id',
      'agent_id',
      'agent_since',
      'file_number',
      'closed_at',
      'created_at',
      'updated_at',
    ],
    omitted: {
      owner_id: 'the person',
      legal_hold_at: 'a firm’s measure on its client file',
      legal_hold_reason: 'a firm’s measure on its client file',
      legal_hold_by: 'a firm’s measure on its client file',
    },
    notFollowed: {
      agent_id:
        'a pro’s client files belong to the clients and the firm (the inspection export); the pro’s own messages and uploads are exported',
      legal_hold_by: ADMIN_ACT,
    },
    order: CREATED_AT_ID,
  },
  dossier_members: {
    kind: 'exported',
    file: 'data/dossier_members',
    where: [{ ownDossier: 'dossier_id' }],
    columns: ['id', 'dossier_id', 'role', 'full_name', 'date_of_birth', 'created_at'],
    omitted: {},
    order: ['dossier_id', 'created_at', 'id'],
  },
  milestones: {
    kind: 'exported',
    file: 'data/milestones',
    where: [{ ownDossier: 'dossier_id' }],
    columns: ['id', 'dossier_id', 'kind', 'label', 'date', 'done', 'note', 'created_at'],
    omitted: {},
    order: ['dossier_id', 'created_at', 'id'],
  },
  documents: {
    kind: 'exported',
    file: 'data/documents',
    where: [{ ownDossier: 'dossier_id' }, { by: 'uploaded_by' }],
    columns: [
      'id',
      'dossier_id',
      'item_id',
      'member_id',
      'version',
      'status',
      'rejection_reason',
      'original_name',
      'content_type',
      'size_bytes',
      'sha256',
      'issue_date',
      'expiry_date',
      'expiry_date_manual',
      'uploaded_by',
      'reviewed_at',
      'created_at',
    ],
    isYou: ['uploaded_by'],
    omitted: {
      blob_key: 'where the file is kept in the store (the file itself is under files/documents/)',
      reviewed_by: 'the pro who reviewed it (another person)',
    },
    notFollowed: { reviewed_by: ADMIN_ACT },
    order: ['dossier_id', 'created_at', 'id'],
  },
  messages: {
    kind: 'exported',
    file: 'data/messages',
    where: [{ ownDossier: 'dossier_id' }, { wroteIn: { dossier: 'dossier_id', author: 'author_id' } }],
    columns: ['id', 'dossier_id', 'seq', 'author_id', 'body', 'document_ids', 'created_at'],
    isYou: ['author_id'],
    omitted: { client_id: 'the browser’s retry key' },
    order: ['dossier_id', 'seq'],
  },
  message_reads: {
    kind: 'exported',
    file: 'data/message_reads',
    where: [{ by: 'user_id' }],
    columns: ['dossier_id', 'last_read_seq', 'read_at', 'last_emailed_seq', 'last_email_at'],
    omitted: { user_id: 'the person' },
    order: ['dossier_id'],
  },
  assignment_requests: {
    kind: 'exported',
    file: 'data/assignment_requests',
    where: [{ ownDossier: 'dossier_id' }, { by: 'pro_id' }],
    columns: [
      'id',
      'dossier_id',
      'pro_id',
      'organisation_id',
      'status',
      'message',
      'decision_reason',
      'created_at',
      'decided_at',
    ],
    omitted: {},
    order: CREATED_AT_ID,
  },
  dossier_invitations: {
    kind: 'exported',
    file: 'data/dossier_invitations',
    where: [{ email: 'email' }, { by: 'pro_id' }],
    columns: [
      'id',
      'email',
      'program_id',
      'pro_id',
      'organisation_id',
      'message',
      'status',
      'dossier_id',
      'created_at',
      'decided_at',
    ],
    omitted: {},
    order: CREATED_AT_ID,
  },
  dossier_notes: {
    kind: 'excluded',
    reason:
      'a firm’s internal notes on a client file, never shown to the client: they belong to the firm’s file (the inspection export)',
    notFollowed: { author_id: 'a firm’s internal notes on a client file' },
  },

  /* ------------------------------------------------------------ Inside */
  posts: {
    kind: 'exported',
    file: 'data/posts',
    where: [{ by: 'author_id' }],
    columns: [
      'id',
      'title',
      'body_source',
      'category',
      'tags',
      'language',
      'status',
      'moderation_reason',
      'moderation_tags',
      'held_word',
      'like_count',
      'comment_count',
      'created_at',
      'updated_at',
      'edited_at',
      'deleted_at',
    ],
    omitted: {
      author_id: 'the person',
      body_html: 'rendered from body_source',
      body_text: 'rendered from body_source',
      language_chosen: 'an editing setting',
      needs_review_at: 'the admins’ queue',
      hot_score: 'the feed’s ranking',
      search_vector: 'the search index',
    },
    order: CREATED_AT_ID,
  },
  comments: {
    kind: 'exported',
    file: 'data/comments',
    where: [{ by: 'author_id' }],
    columns: [
      'id',
      'post_id',
      'parent_id',
      'body_source',
      'status',
      'moderation_reason',
      'moderation_tags',
      'held_word',
      'like_count',
      'created_at',
      'updated_at',
      'edited_at',
      'deleted_at',
    ],
    omitted: {
      author_id: 'the person',
      thread_id: 'the order of a thread',
      thread_created_at: 'the order of a thread',
      depth: 'the order of a thread',
      body_html: 'rendered from body_source',
      needs_review_at: 'the admins’ queue',
    },
    order: CREATED_AT_ID,
  },
  post_likes: {
    kind: 'exported',
    file: 'data/post_likes',
    where: [{ by: 'user_id' }],
    columns: ['post_id', 'created_at'],
    omitted: { user_id: 'the person' },
    order: ['created_at', 'post_id'],
  },
  comment_likes: {
    kind: 'exported',
    file: 'data/comment_likes',
    where: [{ by: 'user_id' }],
    columns: ['comment_id', 'created_at'],
    omitted: { user_id: 'the person' },
    order: ['created_at', 'comment_id'],
  },
  flags: {
    kind: 'exported',
    file: 'data/flags',
    where: [{ by: 'user_id' }],
    columns: ['id', 'target_type', 'target_id', 'reason', 'note', 'created_at', 'resolved_at', 'resolution'],
    omitted: { user_id: 'the person', resolved_by: 'the admin who decided (another person)' },
    notFollowed: { resolved_by: ADMIN_ACT },
    order: CREATED_AT_ID,
  },
  watched_words: {
    kind: 'excluded',
    reason: 'the moderation’s word lists: settings of the platform, not about the person',
    notFollowed: { created_by: ADMIN_ACT },
  },

  /* ------------------------------------------------------------ Live */
  events: {
    kind: 'exported',
    file: 'data/events',
    where: [{ by: 'host_id' }],
    columns: [
      'id',
      'title',
      'description',
      'language',
      'category',
      'tags',
      'starts_at',
      'ends_at',
      'time_zone',
      'capacity',
      'stream_url',
      'replay_url',
      'status',
      'seats_taken',
      'published_at',
      'cancelled_at',
      'created_at',
      'updated_at',
    ],
    omitted: {
      host_id: 'the person',
      sequence: 'the calendar files’ version counter',
      reminder_job_ids: 'the ids of scheduled jobs',
    },
    order: ['starts_at', 'id'],
  },
  event_co_hosts: {
    kind: 'exported',
    file: 'data/event_co_hosts',
    where: [{ by: 'user_id' }],
    columns: ['event_id'],
    omitted: { user_id: 'the person' },
    order: ['event_id'],
  },
  event_registrations: {
    kind: 'exported',
    file: 'data/event_registrations',
    where: [{ by: 'user_id' }],
    columns: [
      'id',
      'event_id',
      'status',
      'queued_at',
      'seat_at',
      'cancelled_at',
      'attended_at',
      'last_seen_at',
      'created_at',
      'updated_at',
    ],
    omitted: { user_id: 'the person', queue_order: 'the waitlist’s arrival order' },
    order: CREATED_AT_ID,
  },
  calendar_feeds: {
    kind: 'exported',
    file: 'data/calendar_feeds',
    where: [{ by: 'user_id' }],
    columns: ['id', 'created_at', 'last_used_at', 'revoked_at'],
    omitted: { user_id: 'the person', token_hash: HASH },
    order: CREATED_AT_ID,
  },
  notifications: {
    kind: 'exported',
    file: 'data/notifications',
    where: [{ by: 'user_id' }],
    columns: ['id', 'type', 'params', 'link', 'read_at', 'created_at'],
    omitted: { user_id: 'the person' },
    order: CREATED_AT_ID,
  },
  notification_deliveries: {
    kind: 'exported',
    file: 'data/notification_deliveries',
    where: [{ by: 'user_id' }],
    columns: [
      'id',
      'notification_id',
      'type',
      'channel',
      'status',
      'reason',
      'attempts',
      'params',
      'link',
      'due_at',
      'sent_at',
      'created_at',
      'updated_at',
    ],
    omitted: {
      user_id: 'the person',
      deferred_email: 'a copy of an email being held for a digest, whose items are the exported rows',
      outbox_id: 'an internal reference to the email queue',
    },
    order: CREATED_AT_ID,
  },
  notification_phones: {
    kind: 'exported',
    file: 'data/notification_phones',
    where: [{ by: 'user_id' }],
    columns: ['phone', 'verified_at', 'stopped_at', 'updated_at'],
    omitted: { user_id: 'the person' },
    order: ['user_id'],
  },
  push_subscriptions: {
    kind: 'exported',
    file: 'data/push_subscriptions',
    where: [{ by: 'user_id' }],
    columns: ['id', 'label', 'endpoint', 'created_at', 'last_success_at'],
    omitted: {
      user_id: 'the person',
      p256dh: 'the browser’s key for encrypting push messages, of no use outside web push',
      auth: 'the browser’s secret for encrypting push messages (never exported)',
    },
    order: CREATED_AT_ID,
  },

  /* ------------------------------------------------------------ professionals */
  pro_verifications: {
    kind: 'exported',
    file: 'data/pro_verifications',
    where: [{ by: 'user_id' }],
    columns: [
      'id',
      'profession',
      'regulator',
      'licence_number',
      'licence_class',
      'status',
      'submitted_at',
      'info_request',
      'decision_reason',
      'register_entry',
      'register_capture',
      'identity_document',
      'entitled_to_practise',
      'restrictions',
      'checked_at',
      'verified_since',
      'renewal_date',
      'next_check_date',
      'appeal_text',
      'appealed_at',
      'appeal_decided_at',
      'created_at',
      'updated_at',
    ],
    omitted: {
      user_id: 'the person',
      checked_by: 'the admin who checked (another person)',
      reminded_at30_for: 'which reminders went out',
      reminded_at7_for: 'which reminders went out',
      lapse_notified_for: 'which notices went out',
    },
    notFollowed: { checked_by: ADMIN_ACT },
    order: ['id'],
  },
  pro_profiles: {
    kind: 'exported',
    file: 'data/pro_profiles',
    where: [{ by: 'user_id' }],
    columns: [
      'slug',
      'bio',
      'languages',
      'provinces',
      'city',
      'remote',
      'in_person',
      'accepting_clients',
      'listed',
      'programs',
      'photo',
      'rating_count',
      'rating_sum',
      'created_at',
      'updated_at',
    ],
    omitted: { user_id: 'the person' },
    order: ['user_id'],
  },
  pro_reviews: {
    kind: 'exported',
    file: 'data/pro_reviews',
    // Reviews the person wrote, and reviews of the person as a pro (whose author is not named: a
    // review may be anonymous).
    where: [{ by: 'author_id' }, { by: 'pro_id' }],
    columns: [
      'id',
      'pro_id',
      'dossier_id',
      'author_id',
      'responsiveness',
      'fees_clarity',
      'process_explanation',
      'overall',
      'body',
      'display',
      'feature_consent',
      'featured',
      'reply',
      'replied_at',
      'status',
      'moderation_reason',
      'created_at',
      'updated_at',
    ],
    isYou: ['author_id'],
    omitted: { needs_review_at: 'the admins’ queue' },
    order: CREATED_AT_ID,
  },
  firm_agents: {
    kind: 'exported',
    file: 'data/firm_agents',
    where: [{ by: 'user_id' }, { by: 'supervisor_id' }],
    columns: ['user_id', 'organisation_id', 'supervisor_id', 'created_at', 'updated_at'],
    omitted: {},
    order: ['created_at', 'user_id'],
  },
  firm_agent_invitations: {
    kind: 'exported',
    file: 'data/firm_agent_invitations',
    where: [{ email: 'email' }, { by: 'invited_by' }, { by: 'supervisor_id' }],
    columns: [
      'id',
      'organisation_id',
      'supervisor_id',
      'invited_by',
      'email',
      'first_name',
      'last_name',
      'locale',
      'created_at',
      'expires_at',
      'accepted_at',
    ],
    omitted: { token_hash: HASH },
    order: CREATED_AT_ID,
  },
  licence_conflicts: {
    kind: 'exported',
    file: 'data/licence_conflicts',
    where: [{ by: 'claimant_user_id' }],
    columns: [
      'id',
      'claimant_name',
      'claimant_email',
      'organisation_name',
      'regulator',
      'licence_number',
      'ip',
      'created_at',
      'resolved_at',
    ],
    omitted: {
      claimant_user_id: 'the person',
      verification_id: 'the file of the licence’s holder (another person)',
      resolved_by: 'the admin who resolved it (another person)',
    },
    notFollowed: { resolved_by: ADMIN_ACT },
    order: CREATED_AT_ID,
  },
  firm_ip_ranges: {
    kind: 'excluded',
    reason: 'a firm’s network settings: about the firm, not the person who typed them',
    notFollowed: { created_by: 'a firm’s setting; the change is in data/audit_log' },
  },
  webhook_endpoints: {
    kind: 'excluded',
    reason: 'a firm’s outgoing webhooks (its tools’ addresses, sealed secrets): about the firm',
    notFollowed: { created_by: 'a firm’s setting; its creation is in data/audit_log' },
  },

  /* ------------------------------------------------------------ platform records */
  admin_batches: {
    kind: 'excluded',
    reason: 'an admin’s operations on other members; the person’s own acts are in data/audit_log',
    notFollowed: { created_by: ADMIN_ACT, undone_by: ADMIN_ACT },
  },
  privacy_incidents: {
    kind: 'excluded',
    reason: 'the register of confidentiality incidents, kept by the platform; an entry’s author acts for it',
    notFollowed: { created_by: ADMIN_ACT },
  },
  privacy_incident_entries: {
    kind: 'excluded',
    reason: 'the register of confidentiality incidents, kept by the platform; an entry’s author acts for it',
    notFollowed: { author_id: ADMIN_ACT },
  },
  outbox: {
    kind: 'excluded',
    reason:
      'copies of the emails sent to the person’s address, kept 30 days to retry the sending; they carry single-use links (credentials), and the person has the emails',
    notFollowed: {},
  },
  rate_limits: {
    kind: 'excluded',
    reason: 'counters of attempts per address or email, kept an hour; no column names a person',
    notFollowed: {},
  },
};

/** The person columns a section answers for by following them (`by`, `wroteIn`'s author, `aboutPerson`). */
export function followedColumns(section: ExportSection): string[] {
  if (section.kind === 'excluded') return [];
  return section.where.flatMap((clause) => {
    if ('by' in clause) return [clause.by];
    if ('wroteIn' in clause) return [clause.wroteIn.author];
    if ('aboutPerson' in clause) return [clause.aboutPerson.id];
    return [];
  });
}

export const exportedSections = (): [string, ExportedSection][] =>
  Object.entries(exportSections).filter(
    (entry): entry is [string, ExportedSection] => entry[1].kind === 'exported',
  );
