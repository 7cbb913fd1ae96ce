import { watchedWordActions } from '@capitune/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { locale, users } from './users';

/** Full-text document, maintained by the trigger `posts_search_vector` (migration 0006). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const postCategory = pgEnum('post_category', [
  'general',
  'express_entry',
  'quebec',
  'study',
  'work',
  'family',
  'refugee',
  'settlement',
  'citizenship',
]);
export const contentStatus = pgEnum('content_status', ['published', 'held', 'hidden']);
export const flagTargetType = pgEnum('flag_target_type', ['post', 'comment', 'review']);
export const flagReason = pgEnum('flag_reason', [
  'spam',
  'abuse',
  'scam_or_unlicensed_advice',
  'off_topic',
  'other',
]);
export const watchedWordAction = pgEnum('watched_word_action', watchedWordActions);

/**
 * A post of Inside. Deletion by the author is soft (`deleted_at`): comments, likes and flags keep their
 * subject. `status` is the moderation state; `needs_review_at` puts it in the admins' queue.
 */
export const posts = pgTable(
  'posts',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    authorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    /** The Markdown the author wrote. */
    bodySource: text().notNull(),
    /** Sanitised HTML rendered from the source. */
    bodyHtml: text().notNull(),
    /** Plain text of the rendered body: search, excerpts, highlights. */
    bodyText: text().notNull(),
    category: postCategory().notNull(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    language: locale().notNull(),
    /** The author chose the language: an edit does not detect it again. */
    languageChosen: boolean().notNull().default(false),
    status: contentStatus().notNull().default('published'),
    /** `flags`, `watched_word` or `admin`: why it is held or hidden. */
    moderationReason: text(),
    heldWord: text(),
    /** Labels put by the watched words' `tag` action, for the admins' queue. */
    moderationTags: text().array().notNull().default(sql`'{}'::text[]`),
    needsReviewAt: timestamp({ withTimezone: true }),
    likeCount: integer().notNull().default(0),
    /** Published, not deleted comments. */
    commentCount: integer().notNull().default(0),
    /** `inside_hot_score(like_count, comment_count, created_at)`, kept up to date by each change of the counts. */
    hotScore: doublePrecision().notNull().default(0),
    searchVector: tsvector(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp({ withTimezone: true }),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    // Keyset pages of the feed, in the direction of the queries (DESC NULLS FIRST is PostgreSQL's DESC).
    index('posts_new_idx')
      .on(table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst())
      .where(sql`${table.deletedAt} is null`),
    index('posts_category_new_idx')
      .on(table.category, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst())
      .where(sql`${table.deletedAt} is null`),
    index('posts_top_idx')
      .on(table.hotScore.desc().nullsFirst(), table.id.desc().nullsFirst())
      .where(sql`${table.deletedAt} is null`),
    index('posts_category_top_idx')
      .on(table.category, table.hotScore.desc().nullsFirst(), table.id.desc().nullsFirst())
      .where(sql`${table.deletedAt} is null`),
    index('posts_tags_idx').using('gin', table.tags),
    index('posts_search_idx').using('gin', table.searchVector),
    index('posts_title_trgm_idx').using('gin', sql`f_unaccent(lower(${table.title})) gin_trgm_ops`),
    index('posts_author_idx').on(table.authorId, table.createdAt.desc().nullsFirst()),
    index('posts_review_idx')
      .on(table.needsReviewAt, table.id)
      .where(sql`${table.needsReviewAt} is not null`),
  ],
);

/**
 * A comment, or a reply to a top comment (one level). Listed in thread order: `thread_created_at` and
 * `thread_id` are those of the top comment, so a thread's replies follow it in one keyset-paginated index.
 */
export const comments = pgTable(
  'comments',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    authorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The top comment this replies to; null for a top comment. */
    parentId: uuid(),
    threadId: uuid().notNull(),
    threadCreatedAt: timestamp({ withTimezone: true }).notNull(),
    /** 0 for a top comment, 1 for a reply. */
    depth: smallint().notNull().default(0),
    bodySource: text().notNull(),
    bodyHtml: text().notNull(),
    status: contentStatus().notNull().default('published'),
    moderationReason: text(),
    heldWord: text(),
    /** Labels put by the watched words' `tag` action, for the admins' queue. */
    moderationTags: text().array().notNull().default(sql`'{}'::text[]`),
    needsReviewAt: timestamp({ withTimezone: true }),
    likeCount: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp({ withTimezone: true }),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('comments_thread_order_idx').on(
      table.postId,
      table.threadCreatedAt,
      table.threadId,
      table.depth,
      table.createdAt,
      table.id,
    ),
    index('comments_parent_idx').on(table.parentId),
    index('comments_author_idx').on(table.authorId),
    index('comments_review_idx')
      .on(table.needsReviewAt, table.id)
      .where(sql`${table.needsReviewAt} is not null`),
  ],
);

export const postLikes = pgTable(
  'post_likes',
  {
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.postId, table.userId] }), index().on(table.userId)],
);

export const commentLikes = pgTable(
  'comment_likes',
  {
    commentId: uuid()
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.commentId, table.userId] }), index().on(table.userId)],
);

/**
 * A report by a user. At most one open flag per user and target; an admin's decision resolves the open
 * flags of the target, after which it can be flagged again.
 */
export const flags = pgTable(
  'flags',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    targetType: flagTargetType().notNull(),
    targetId: uuid().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: flagReason().notNull(),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
    /** The admin decision that closed it: `hide`, `restore` or `dismiss`. */
    resolution: text(),
    resolvedBy: uuid(),
  },
  (table) => [
    uniqueIndex('flags_one_open_per_user_idx')
      .on(table.targetType, table.targetId, table.userId)
      .where(sql`${table.resolvedAt} is null`),
    index('flags_target_idx').on(table.targetType, table.targetId),
    // A person's flags: their data export and the erasure of their account.
    index('flags_user_idx').on(table.userId),
  ],
);

/** Words and phrases the admins watch: `block` refuses the text, `hold` publishes it for review only. */
export const watchedWords = pgTable(
  'watched_words',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    word: text().notNull(),
    /** The list it belongs to: French or English texts; null for both. */
    locale: locale(),
    action: watchedWordAction().notNull(),
    /** The label the `tag` action puts on the text. */
    tag: text(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique('watched_words_word_locale_unique').on(table.word, table.locale).nullsNotDistinct()],
);
