import { z } from 'zod';
import { ZUserRole } from './auth';
import { ZLocale } from './locale';
import { ZDateTime, ZLine, ZString, ZStrippedText, ZText } from './primitives';

/**
 * Inside, the community: posts, comments, likes, flags and moderation. Titles, tags and excerpts are
 * plain text (the web escapes them); `bodyHtml` and the search highlights are HTML already sanitised
 * by the API and may be inserted as is.
 */

export const postCategories = [
  'general',
  'express_entry',
  'quebec',
  'study',
  'work',
  'family',
  'refugee',
  'settlement',
  'citizenship',
] as const;
export const ZPostCategory = z.enum(postCategories);
export type TPostCategory = z.infer<typeof ZPostCategory>;

/** `published`: seen by all; `held`: waits for review (a watched word); `hidden`: removed by moderation. */
export const contentStatuses = ['published', 'held', 'hidden'] as const;
export const ZContentStatus = z.enum(contentStatuses);
export type TContentStatus = z.infer<typeof ZContentStatus>;

export const POST_TITLE_MAX = 200;
export const POST_BODY_MAX = 20_000;
export const COMMENT_BODY_MAX = 5_000;
export const TAGS_MAX = 5;

/** Control characters (other than tab and newline) and lone surrogates are dropped: they never reach the database. */
const ZPlainText = (min: number, max: number) =>
  ZStrippedText.transform((value) => value.normalize('NFC').trim()).pipe(ZText.min(min).max(max));

/** A tag: lowercase letters, digits and hyphens (accents allowed), `#` optional; 2–30 characters. */
export const ZTag = ZLine.transform((value) =>
  value.trim().replace(/^#/, '').toLowerCase().normalize('NFC'),
).pipe(
  ZLine.min(2)
    .max(30)
    .regex(/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u, 'Letters, digits and single hyphens only'),
);
const ZTags = z
  .array(ZTag)
  .max(TAGS_MAX)
  .transform((tags) => [...new Set(tags)]);

export const ZCreatePostBody = z.strictObject({
  title: ZPlainText(3, POST_TITLE_MAX),
  /** Markdown (a small subset: paragraphs, emphasis, lists, quotes, code, links, h2–h4). */
  body: ZPlainText(1, POST_BODY_MAX),
  category: ZPostCategory,
  tags: ZTags.default([]),
  /** Detected from the text when absent (French or English, else the author's language). */
  language: ZLocale.optional(),
});
export type TCreatePostBody = z.infer<typeof ZCreatePostBody>;

export const ZUpdatePostBody = z
  .strictObject({
    title: ZPlainText(3, POST_TITLE_MAX),
    body: ZPlainText(1, POST_BODY_MAX),
    category: ZPostCategory,
    tags: ZTags,
    language: ZLocale,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change' });
export type TUpdatePostBody = z.infer<typeof ZUpdatePostBody>;

export const ZAuthor = z.object({
  id: z.uuid(),
  /** First name and initial of the last name, e.g. "Amina D.". */
  displayName: ZString,
  role: ZUserRole,
});
export type TAuthor = z.infer<typeof ZAuthor>;

export const ZPostSummary = z.object({
  id: z.uuid(),
  title: ZString,
  /** Plain text, the start of the body. */
  excerpt: ZString,
  category: ZPostCategory,
  tags: z.array(ZString),
  language: ZLocale,
  author: ZAuthor,
  status: ZContentStatus,
  likeCount: z.number().int(),
  commentCount: z.number().int(),
  likedByMe: z.boolean(),
  createdAt: ZDateTime,
  editedAt: ZDateTime.nullable(),
  /** Search results only: the title and an excerpt with the matches in `<mark>`, everything else escaped. */
  highlight: z.object({ titleHtml: ZString, excerptHtml: ZString }).optional(),
});
export type TPostSummary = z.infer<typeof ZPostSummary>;

export const ZPost = ZPostSummary.extend({
  /** Sanitised HTML rendered from the Markdown source. */
  bodyHtml: ZString,
  /** The Markdown source, for the author's edit form; null for everyone else. */
  bodySource: ZString.nullable(),
  canEdit: z.boolean(),
  /**
   * In the answer to a write that automated moderation held: the decision (Law 25 s. 12.1) whose
   * factors the author can read and whose review by a person they can ask for
   * (`/api/me/automated-decisions`).
   */
  automatedDecisionId: z.uuid().optional(),
});
export type TPost = z.infer<typeof ZPost>;

export const feedSorts = ['new', 'top'] as const;
export const ZFeedQuery = z.object({
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  category: ZPostCategory.optional(),
  tag: ZTag.optional(),
  /** `new`: newest first; `top`: likes and comments with time decay. Ignored when `q` is given. */
  sort: z.enum(feedSorts).default('new'),
  /** Full-text search (quotes for phrases, `-word` to exclude); results by relevance. */
  q: ZLine.transform((value) => value.trim())
    .pipe(ZLine.min(1).max(200))
    .optional(),
});
export type TFeedQuery = z.infer<typeof ZFeedQuery>;

export const ZPostPage = z.object({
  items: z.array(ZPostSummary),
  nextCursor: ZString.nullable(),
  /** With `q`: `fulltext`, or `fuzzy` when the title trigram fallback answered. */
  searchMode: z.enum(['fulltext', 'fuzzy']).optional(),
});
export type TPostPage = z.infer<typeof ZPostPage>;

export const ZCreateCommentBody = z.strictObject({
  /** Markdown, the same subset as posts. */
  body: ZPlainText(1, COMMENT_BODY_MAX),
  /** Reply to this comment. A reply to a reply joins the same thread (one level of replies). */
  parentId: z.uuid().optional(),
});
export type TCreateCommentBody = z.infer<typeof ZCreateCommentBody>;

export const ZUpdateCommentBody = z.strictObject({ body: ZPlainText(1, COMMENT_BODY_MAX) });

export const ZComment = z.object({
  id: z.uuid(),
  postId: z.uuid(),
  /** The top comment of the thread, or null for a top comment. */
  parentId: z.uuid().nullable(),
  /** Null for a removed comment kept so that its replies keep their place. */
  author: ZAuthor.nullable(),
  bodyHtml: ZString.nullable(),
  bodySource: ZString.nullable(),
  /** `deleted` and `removed` are placeholders without content. */
  status: z.enum(['published', 'held', 'hidden', 'deleted', 'removed']),
  likeCount: z.number().int(),
  likedByMe: z.boolean(),
  canEdit: z.boolean(),
  createdAt: ZDateTime,
  editedAt: ZDateTime.nullable(),
  /** As on a post: the automated decision that held this comment, in the answer to its write. */
  automatedDecisionId: z.uuid().optional(),
});
export type TComment = z.infer<typeof ZComment>;

/** Comments in thread order: each top comment followed by its replies, oldest first. */
export const ZCommentPage = z.object({
  items: z.array(ZComment),
  nextCursor: ZString.nullable(),
});
export type TCommentPage = z.infer<typeof ZCommentPage>;

export const ZCommentPageQuery = z.object({
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ZLikeState = z.object({ likeCount: z.number().int(), likedByMe: z.boolean() });
export type TLikeState = z.infer<typeof ZLikeState>;

export const flagReasons = ['spam', 'abuse', 'scam_or_unlicensed_advice', 'off_topic', 'other'] as const;
export const ZFlagReason = z.enum(flagReasons);
export type TFlagReason = z.infer<typeof ZFlagReason>;
/** What can be reported: Inside's posts and comments, and reviews of pros (`POST /api/reviews/{id}/flags`). */
export const flagTargetTypes = ['post', 'comment', 'review'] as const;
export const ZFlagTargetType = z.enum(flagTargetTypes);
export type TFlagTargetType = z.infer<typeof ZFlagTargetType>;

/** `POST /api/flags`: Inside's content; reviews have their own route. */
export const ZCreateFlagBody = z.strictObject({
  targetType: z.enum(['post', 'comment']),
  targetId: z.uuid(),
  reason: ZFlagReason,
  note: ZPlainText(1, 1000).optional(),
});
export type TCreateFlagBody = z.infer<typeof ZCreateFlagBody>;

export const ZFlagResult = z.object({
  /** False when this user had already flagged the target: a person's flag counts once. */
  created: z.boolean(),
});

/** Distinct flaggers at which content is hidden until an admin reviews it. */
export const FLAG_HIDE_THRESHOLD = 3;

export const moderationActions = ['hide', 'restore', 'dismiss', 'warn', 'suspend'] as const;
export const ZModerationAction = z.enum(moderationActions);
export type TModerationAction = z.infer<typeof ZModerationAction>;

export const ZModerationActionBody = z.strictObject({
  /** Sent to the author with a warning or a suspension (required for those two). */
  note: ZPlainText(1, 2000).optional(),
});

export const ZModerationItem = z.object({
  targetType: ZFlagTargetType,
  id: z.uuid(),
  /** The post (of a comment, its post); null for a review. */
  postId: z.uuid().nullable(),
  /** A review's professional: their profile is `/pros/<proSlug>`; null for Inside content. */
  proSlug: ZString.nullable(),
  /** The post's title (for a comment, the title of its post; for a review, the reviewed pro's name). */
  title: ZString,
  bodyHtml: ZString,
  author: ZAuthor.extend({ status: z.enum(['active', 'suspended']) }),
  status: ZContentStatus,
  /** Why it is here: `flags` (hidden at the threshold), `watched_word`, `admin`, or null (flagged only). */
  moderationReason: ZString.nullable(),
  /** The watched word that held it, if any. */
  heldWord: ZString.nullable(),
  openFlagCount: z.number().int(),
  flagReasons: z.array(z.object({ reason: ZFlagReason, count: z.number().int() })),
  /** The latest notes of the flaggers (at most five). */
  flagNotes: z.array(ZString),
  createdAt: ZDateTime,
  needsReviewSince: ZDateTime,
});
export type TModerationItem = z.infer<typeof ZModerationItem>;

export const ZModerationQueueQuery = z.object({
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  targetType: ZFlagTargetType.optional(),
});

export const ZModerationQueue = z.object({
  items: z.array(ZModerationItem),
  nextCursor: ZString.nullable(),
});
export type TModerationQueue = z.infer<typeof ZModerationQueue>;

export const ZModerationResult = z.object({
  status: ZContentStatus,
  authorStatus: z.enum(['active', 'suspended']),
  resolvedFlags: z.number().int(),
});

export const watchedWordActions = ['block', 'hold', 'flag', 'censor', 'tag', 'silence'] as const;
export const ZWatchedWordAction = z.enum(watchedWordActions);
export type TWatchedWordAction = z.infer<typeof ZWatchedWordAction>;

/**
 * A word or phrase matched on whole words, ignoring case and accents; `*` matches any letters or digits
 * (`garanti*`, `*visa`, `visa*garanti*`).
 */
const ZWatchedWordText = ZLine.transform((value) =>
  value.trim().toLowerCase().normalize('NFC').replace(/\s+/g, ' '),
).pipe(
  ZLine.min(2)
    .max(100)
    .regex(/^[\p{L}\p{N}*][\p{L}\p{N}' .*-]*$/u, 'Letters, digits, spaces, hyphens and `*`')
    .refine((value) => /[\p{L}\p{N}]/u.test(value), 'At least one letter or digit'),
);

/** The label a `tag` rule puts on a text (shown in the moderation queue). */
export const ZModerationTag = ZLine.transform((value) => value.trim().toLowerCase()).pipe(
  ZLine.min(1)
    .max(40)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, 'Letters, digits, hyphens and underscores'),
);

/** A rule's list: French texts, English texts, or null for both. */
export const ZWatchedWordLocale = ZLocale.nullable();

/** A `tag` rule needs its tag; other actions have none. */
const tagMatchesAction = (body: {
  action?: TWatchedWordAction | undefined;
  tag?: string | null | undefined;
}) => body.action === undefined || (body.action === 'tag') === (body.tag !== undefined && body.tag !== null);

export const ZWatchedWordBody = z
  .strictObject({
    word: ZWatchedWordText,
    action: ZWatchedWordAction,
    locale: ZWatchedWordLocale.default(null),
    tag: ZModerationTag.nullable().default(null),
  })
  .refine(tagMatchesAction, {
    path: ['tag'],
    message: 'A tag is required for the tag action, and only for it',
  });
export const ZUpdateWatchedWordBody = z
  .strictObject({
    word: ZWatchedWordText,
    action: ZWatchedWordAction,
    locale: ZWatchedWordLocale,
    tag: ZModerationTag.nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change' });

export const ZWatchedWord = z.object({
  id: z.uuid(),
  word: ZString,
  locale: ZWatchedWordLocale,
  action: ZWatchedWordAction,
  tag: ZString.nullable(),
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TWatchedWord = z.infer<typeof ZWatchedWord>;

export const ZWatchedWordPage = z.object({ items: z.array(ZWatchedWord), nextCursor: ZString.nullable() });

/** Which list to show: French, English, or the rules of both languages. */
export const watchedWordLists = ['fr', 'en', 'both'] as const;
export const ZWatchedWordList = z.enum(watchedWordLists);

export const ZWatchedWordQuery = z.object({
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
  list: ZWatchedWordList.optional(),
  action: ZWatchedWordAction.optional(),
});

/** The CSV import: at most this many rows (and 1 MB). */
export const WATCHED_WORDS_IMPORT_MAX_ROWS = 5000;
export const WATCHED_WORDS_IMPORT_MAX_BYTES = 1_000_000;
/** The columns of the CSV export and import, in this order. */
export const watchedWordCsvColumns = ['word', 'locale', 'action', 'tag'] as const;

/** The import as JSON (the CSV text may also be sent as `text/csv`). */
export const ZWatchedWordImportBody = z.strictObject({ csv: ZText.max(WATCHED_WORDS_IMPORT_MAX_BYTES) });

export const ZWatchedWordImportResult = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type TWatchedWordImportResult = z.infer<typeof ZWatchedWordImportResult>;

/**
 * A refused import: the bad rows (1 is the header line, so data starts at 2), each with the column and a
 * code the web translates: `required`, `invalid_word`, `invalid_locale`, `invalid_action`, `invalid_tag`,
 * `tag_mismatch`, `duplicate`, `columns` (not 4 cells, or a wrong header), `too_many_rows`.
 */
export const watchedWordImportErrorCodes = [
  'required',
  'invalid_word',
  'invalid_locale',
  'invalid_action',
  'invalid_tag',
  'tag_mismatch',
  'duplicate',
  'columns',
  'too_many_rows',
] as const;
export const ZWatchedWordImportError = z.object({
  row: z.number().int(),
  column: z.enum([...watchedWordCsvColumns, 'row']),
  code: z.enum(watchedWordImportErrorCodes),
});
export type TWatchedWordImportError = z.infer<typeof ZWatchedWordImportError>;

/** "Test this text": what the rules would do with it, and why. */
export const ZModerationTestBody = z.strictObject({
  text: ZText.min(1).max(POST_BODY_MAX),
  language: ZLocale.optional(),
  /** With an author, their trust level and role count too (links of new members, signals). */
  authorId: z.uuid().optional(),
});

export const moderationOutcomes = ['published', 'held', 'flagged', 'blocked', 'silenced'] as const;
export const ZModerationOutcome = z.enum(moderationOutcomes);
export type TModerationOutcome = z.infer<typeof ZModerationOutcome>;

export const moderationMatchSources = ['watched_word', 'profanity', 'signal', 'trust'] as const;
export const ZModerationMatch = z.object({
  source: z.enum(moderationMatchSources),
  rule: z.object({
    id: z.uuid().optional(),
    /** The watched word, the profanity, the signal's name or the trust rule's name. */
    word: ZString.optional(),
    locale: ZWatchedWordLocale.optional(),
    /** What the rule does: a watched word's action; `block` for a profanity; `hold` for a signal or trust. */
    action: ZWatchedWordAction,
  }),
  /** The matched text, in its context. */
  excerpt: ZString,
});
export type TModerationMatch = z.infer<typeof ZModerationMatch>;

export const ZModerationTestResult = z.object({
  outcome: ZModerationOutcome,
  language: ZLocale,
  censoredText: ZString.optional(),
  tags: z.array(ZString),
  matches: z.array(ZModerationMatch),
});
export type TModerationTestResult = z.infer<typeof ZModerationTestResult>;
