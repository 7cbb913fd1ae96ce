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

export const watchedWordActions = ['block', 'hold'] as const;
export const ZWatchedWordAction = z.enum(watchedWordActions);
export type TWatchedWordAction = z.infer<typeof ZWatchedWordAction>;

/** A word or phrase matched on whole words, ignoring case and accents; a final `*` matches any ending. */
const ZWatchedWordText = ZLine.transform((value) =>
  value.trim().toLowerCase().normalize('NFC').replace(/\s+/g, ' '),
).pipe(
  ZLine.min(2)
    .max(100)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}' .-]*\*?$/u, 'Letters, digits, spaces, hyphens; `*` only at the end'),
);

export const ZWatchedWordBody = z.strictObject({ word: ZWatchedWordText, action: ZWatchedWordAction });
export const ZUpdateWatchedWordBody = z
  .strictObject({ word: ZWatchedWordText, action: ZWatchedWordAction })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change' });

export const ZWatchedWord = z.object({
  id: z.uuid(),
  word: ZString,
  action: ZWatchedWordAction,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TWatchedWord = z.infer<typeof ZWatchedWord>;

export const ZWatchedWordPage = z.object({ items: z.array(ZWatchedWord), nextCursor: ZString.nullable() });

export const ZWatchedWordQuery = z.object({
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
});
