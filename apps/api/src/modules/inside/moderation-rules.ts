import type {
  TDecisionFactor,
  TLocale,
  TModerationMatch,
  TModerationOutcome,
  TUserRole,
  TWatchedWordAction,
} from '@capitune/contracts';
import {
  contentBlocked,
  excerptAround,
  type FilterField,
  findProfanity,
  replaceSpans,
  type TextSpan,
  type WatchedWord,
  watchedWordSpans,
} from './inside.filter';
import { findSignals, signalsHolding } from './signals';

/**
 * The rule engine of automated moderation: what the packaged profanity lists, the admins' watched words,
 * the fraud signals and the author's trust level do with a text. Pure: the services read what it needs
 * (rules, author) and apply the outcome (refuse, hold, flag, censor, tag, silence).
 *
 * Several rules may match: the strongest action wins (block > silence > hold > flag > censor > tag), and
 * every censor and tag applies to what is published.
 */

const STRENGTH: Record<TWatchedWordAction, number> = {
  block: 6,
  silence: 5,
  hold: 4,
  flag: 3,
  censor: 2,
  tag: 1,
};

/** What censored words become in plain text, and in Markdown (escaped: `****` alone is a rule). */
export const CENSORED = '****';
export const CENSORED_MARKDOWN = '\\*\\*\\*\\*';

/** Trust level 0: new members. 1: members. 2: trusted members. */
export type TrustLevel = 0 | 1 | 2;

/** The trust rules of level 0, by name (the held word of what they hold). */
export type TrustRuleName = 'link' | 'image' | 'first_posts';

/** A new member's first posts are held for review. */
export const FIRST_POSTS_HELD = 2;

export interface RuleAuthor {
  role: TUserRole;
  trustLevel: number;
  /** Their posts so far (for a post: the first ones of a new member are held). */
  postsWritten?: number;
}

export interface ContentCheck {
  /** Each text checked; a post's tags are one field each (path `body.tags`). */
  fields: FilterField[];
  language: TLocale;
  watched: WatchedWord[];
  /** Null when nobody writes (the admins' test box without an author): signals apply as to a candidate. */
  author: RuleAuthor | null;
  /** Reviews of pros: watched words and profanity only (no signals, no trust). */
  kind: 'post' | 'comment' | 'review' | 'test';
}

/** Why content is held or flagged, for the moderation queue: `moderation_reason` and `held_word`. */
export interface HeldBecause {
  reason: 'watched_word' | 'signal' | 'trust';
  word: string;
}

export interface Evaluation {
  outcome: TModerationOutcome;
  matches: (TModerationMatch & { path: string })[];
  /** The labels of the `tag` rules that matched. */
  tags: string[];
  /** Per field (same order), the spans the `censor` rules matched. */
  censorSpans: TextSpan[][];
  /** Held or flagged: why. */
  because: HeldBecause | null;
}

const LINK =
  /(?<![\p{L}\p{N}@.-])(?:https?:\/\/|www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|ca|org|net|io|info|biz|xyz|fr|co|me|app|site|online|ly|gl|to|cc|ru|cn|in|us|uk|shop|top|link|click|live|store|pro|tk|ml|ga|cf|gq|bit)(?![\p{L}\p{N}-]))/iu;
const IMAGE = /!\[[^\]]*\]\([^)]*\)|<img\b/i;
const IMAGE_GLOBAL = new RegExp(IMAGE.source, 'gi');

/** Whether a text has a link (http(s)://, www., a bare domain such as example.com). */
export const hasLink = (text: string) => LINK.test(text);
/** Whether a text has an image (Markdown or HTML). */
export const hasImage = (text: string) => IMAGE.test(text);

/** Pros and admins are never below level 1. */
export function effectiveTrust(author: RuleAuthor): number {
  return author.role === 'candidate' ? author.trustLevel : Math.max(1, author.trustLevel);
}

const outcomeOf = (action: TWatchedWordAction | null): TModerationOutcome => {
  switch (action) {
    case 'block':
      return 'blocked';
    case 'silence':
      return 'silenced';
    case 'hold':
      return 'held';
    case 'flag':
      return 'flagged';
    default:
      return 'published';
  }
};

function excerptOf(text: string, span: TextSpan | undefined, fallback: string) {
  return span ? excerptAround(text, span) : fallback;
}

/** Every rule that matches the texts, and what they decide together. */
export function evaluateContent(check: ContentCheck): Evaluation {
  const matches: Evaluation['matches'] = [];
  const tags = new Set<string>();
  const censorSpans: TextSpan[][] = check.fields.map(() => []);
  const rules = check.watched.filter((rule) => rule.locale === null || rule.locale === check.language);

  check.fields.forEach((field, index) => {
    const profanity = findProfanity(field.text);
    if (profanity) {
      const [span] = watchedWordSpans(field.text, profanity);
      matches.push({
        source: 'profanity',
        rule: { word: profanity, action: 'block' },
        excerpt: excerptOf(field.text, span, profanity),
        path: field.path,
      });
    }
    for (const rule of rules) {
      const spans = watchedWordSpans(field.text, rule.word);
      if (spans.length === 0) continue;
      if (
        !matches.some(
          (m) => m.source === 'watched_word' && m.rule.id === rule.id && m.rule.word === rule.word,
        )
      ) {
        matches.push({
          source: 'watched_word',
          rule: {
            ...(rule.id ? { id: rule.id } : {}),
            word: rule.word,
            locale: rule.locale,
            action: rule.action,
          },
          excerpt: excerptOf(field.text, spans[0], rule.word),
          path: field.path,
        });
      }
      if (rule.action === 'censor') censorSpans[index]?.push(...spans);
      if (rule.action === 'tag' && rule.tag) tags.add(rule.tag);
    }
  });

  if (check.kind !== 'review') {
    const role = check.author?.role ?? 'candidate';
    for (const field of check.fields) {
      for (const signal of signalsHolding(role, findSignals(field.text))) {
        if (matches.some((m) => m.source === 'signal' && m.rule.word === signal.name)) continue;
        matches.push({
          source: 'signal',
          rule: { word: signal.name, action: 'hold' },
          excerpt: signal.excerpt,
          path: field.path,
        });
      }
    }
  }

  if (check.kind !== 'review' && check.author && effectiveTrust(check.author) === 0) {
    const trustMatch = (word: TrustRuleName, path: string, excerpt: string) =>
      matches.push({ source: 'trust', rule: { word, action: 'hold' }, excerpt, path });
    // An image is named before a link (its address is one too).
    const imaged = check.fields.find((field) => hasImage(field.text));
    if (imaged) trustMatch('image', imaged.path, excerptOf(imaged.text, spanOf(imaged.text, IMAGE), 'image'));
    const linked = check.fields.find((field) => hasLink(field.text.replace(IMAGE_GLOBAL, '')));
    if (linked) trustMatch('link', linked.path, excerptOf(linked.text, spanOf(linked.text, LINK), 'link'));
    if (check.kind === 'post' && (check.author.postsWritten ?? 0) < FIRST_POSTS_HELD) {
      trustMatch('first_posts', check.fields[0]?.path ?? 'body', check.fields[0]?.text.slice(0, 80) ?? '');
    }
  }

  const strongest = matches.reduce<TWatchedWordAction | null>(
    (best, m) => (best === null || STRENGTH[m.rule.action] > STRENGTH[best] ? m.rule.action : best),
    null,
  );
  const outcome = outcomeOf(strongest);
  return { outcome, matches, tags: [...tags], censorSpans, because: becauseOf(outcome, matches) };
}

function spanOf(text: string, pattern: RegExp): TextSpan | undefined {
  const match = pattern.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
}

/** Held: the first holding rule, watched words before signals before trust. Flagged: the flag rule. */
function becauseOf(outcome: TModerationOutcome, matches: Evaluation['matches']): HeldBecause | null {
  const action = outcome === 'held' ? 'hold' : outcome === 'flagged' ? 'flag' : null;
  if (!action) return null;
  for (const source of ['watched_word', 'signal', 'trust'] as const) {
    const found = matches.find((m) => m.source === source && m.rule.action === action);
    if (found) return { reason: source, word: found.rule.word ?? '' };
  }
  return null;
}

const TRUST_FACTOR: Record<TrustRuleName, string> = {
  link: 'new_member_link',
  image: 'new_member_image',
  first_posts: 'first_posts',
};

/**
 * The main factors of a hold, as the person is told them (Law 25 s. 12.1): each holding rule as a code,
 * a watched word by its action only (the list stays the moderators'), a fraud signal by its kind.
 */
export function holdFactors(evaluation: Evaluation): TDecisionFactor[] {
  const factors = new Map<string, TDecisionFactor>();
  for (const match of evaluation.matches) {
    if (match.rule.action !== 'hold') continue;
    const word = match.rule.word ?? '';
    const factor: TDecisionFactor =
      match.source === 'signal'
        ? { code: 'scam_signal', params: { signal: word } }
        : match.source === 'trust'
          ? {
              code: TRUST_FACTOR[word as TrustRuleName] ?? word,
              params: word === 'first_posts' ? { held: FIRST_POSTS_HELD } : {},
            }
          : { code: 'watched_word', params: { action: 'hold' } };
    factors.set(JSON.stringify(factor), factor);
  }
  return [...factors.values()];
}

/** A field's text with its censored words replaced (escaped in Markdown). */
export function censoredText(evaluation: Evaluation, fields: FilterField[], index: number, markdown = false) {
  const field = fields[index];
  if (!field) return '';
  const spans = evaluation.censorSpans[index] ?? [];
  return spans.length === 0
    ? field.text
    : replaceSpans(field.text, spans, markdown ? CENSORED_MARKDOWN : CENSORED);
}

/**
 * Refuses a blocked text with CONTENT_BLOCKED (naming the word and the field); a silenced one is the
 * caller's to refuse, after it silenced the author.
 */
export function refuseIfBlocked(evaluation: Evaluation) {
  if (evaluation.outcome !== 'blocked') return;
  const match = evaluation.matches.find((m) => m.rule.action === 'block');
  throw contentBlocked(match?.rule.word ?? '', match?.path ?? 'body');
}

/** The moderation columns of new or edited content: held, flagged (published, in the queue) or neither. */
export function moderationColumns(evaluation: Evaluation, now: Date) {
  const because = evaluation.because;
  if (!because) return null;
  return {
    ...(evaluation.outcome === 'held' ? { status: 'held' as const } : {}),
    moderationReason: because.reason,
    heldWord: because.word,
    needsReviewAt: now,
  };
}
