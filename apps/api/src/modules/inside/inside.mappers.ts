import type {
  TAuthor,
  TComment,
  TFlagReason,
  TModerationItem,
  TPost,
  TPostSummary,
  TUserRole,
  TWatchedWord,
} from '@capitune/contracts';
import type { Caller } from '../access';
import type { CommentListRow } from './comments.queries';
import { escapeHtml, excerptOf, highlightToHtml } from './inside.render';
import { canSeeComment, displayName } from './inside.shared';
import type { QueueRow } from './moderation.queries';
import type { PostPageRow, PostSummaryRow } from './posts.queries';
import type { WatchedWordRow } from './watched-words.queries';

/** The one mapper of each contract shape of Inside: rows → what the API answers. */

export function toAuthor(row: { id: string; firstName: string; lastName: string; role: TUserRole }): TAuthor {
  return { id: row.id, displayName: displayName(row.firstName, row.lastName), role: row.role };
}

export function toPostSummary(row: PostSummaryRow, likedByMe: boolean): TPostSummary {
  return {
    id: row.id,
    title: row.title,
    excerpt: excerptOf(row.body_start),
    category: row.category,
    tags: row.tags,
    language: row.language,
    author: toAuthor({
      id: row.author_id,
      firstName: row.author_first_name,
      lastName: row.author_last_name,
      role: row.author_role,
    }),
    status: row.status,
    likeCount: row.like_count,
    commentCount: row.comment_count,
    likedByMe,
    createdAt: new Date(row.created_at).toISOString(),
    editedAt: row.edited_at ? new Date(row.edited_at).toISOString() : null,
  };
}

/** A whole post; its Markdown source only for its author, who alone may edit it. */
export function toPost(
  row: Omit<PostPageRow, 'deleted_at'>,
  viewer: Caller | null,
  likedByMe: boolean,
): TPost {
  const isAuthor = viewer?.id === row.author_id;
  const { body_html, body_source, ...summary } = row;
  return {
    ...toPostSummary(summary, likedByMe),
    bodyHtml: body_html,
    bodySource: isAuthor ? body_source : null,
    canEdit: isAuthor,
  };
}

export function toComment(row: CommentListRow, viewer: Caller | null, likedByMe: boolean): TComment {
  const visible = canSeeComment(
    { status: row.status, authorId: row.author_id, deletedAt: row.deleted_at },
    viewer,
  );
  const isAuthor = viewer?.id === row.author_id;
  const base = {
    id: row.id,
    postId: row.post_id,
    parentId: row.parent_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
  if (!visible) {
    // A placeholder, so that the replies below it keep their thread.
    return {
      ...base,
      author: null,
      bodyHtml: null,
      bodySource: null,
      status: row.deleted_at ? 'deleted' : 'removed',
      likeCount: 0,
      likedByMe: false,
      canEdit: false,
      editedAt: null,
    };
  }
  return {
    ...base,
    author: toAuthor({
      id: row.author_id,
      firstName: row.author_first_name,
      lastName: row.author_last_name,
      role: row.author_role,
    }),
    bodyHtml: row.body_html,
    bodySource: isAuthor ? row.body_source : null,
    status: row.status,
    likeCount: row.like_count,
    likedByMe,
    canEdit: isAuthor,
    editedAt: row.edited_at ? new Date(row.edited_at).toISOString() : null,
  };
}

/** Plain text (a review) as the queue's HTML: escaped, one paragraph per blank-line block. */
export function plainTextHtml(text: string): string {
  const escaped = text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
  return escaped
    .split(/\n{2,}/)
    .map((block) => `<p>${block.replaceAll('\n', '<br>')}</p>`)
    .join('');
}

export function toModerationItem(
  row: QueueRow,
  flags: { reasons: { reason: TFlagReason; count: number }[]; notes: string[] },
): TModerationItem {
  return {
    targetType: row.target_type,
    id: row.id,
    postId: row.post_id,
    proSlug: row.pro_slug,
    title: row.title,
    bodyHtml: row.target_type === 'review' ? plainTextHtml(row.body_html) : row.body_html,
    author: {
      ...toAuthor({
        id: row.author_id,
        firstName: row.first_name,
        lastName: row.last_name,
        role: row.role,
      }),
      status: row.author_status,
    },
    status: row.status,
    moderationReason: row.moderation_reason,
    heldWord: row.held_word,
    openFlagCount: flags.reasons.reduce((sum, entry) => sum + entry.count, 0),
    flagReasons: flags.reasons,
    flagNotes: flags.notes,
    createdAt: new Date(row.created_at).toISOString(),
    needsReviewSince: new Date(row.needs_review_at).toISOString(),
  };
}

export const toWatchedWord = (row: WatchedWordRow): TWatchedWord => ({
  id: row.id,
  word: row.word,
  locale: row.locale,
  action: row.action,
  tag: row.tag,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** A search hit's title and excerpt with the matches marked (ts_headline), or plain when fuzzy. */
export function toHighlight(
  hit: { title_headline: string | null; body_headline: string | null },
  row: PostSummaryRow,
) {
  return {
    titleHtml: hit.title_headline ? highlightToHtml(hit.title_headline) : escapeHtml(row.title),
    excerptHtml: hit.body_headline
      ? highlightToHtml(hit.body_headline)
      : escapeHtml(excerptOf(row.body_start, 200)),
  };
}
