import { postCategories } from '@capitune/contracts';
import type pg from 'pg';
import { type Log, sqlText, sqlTextArray, stepRunner } from './bulk-sql';

/**
 * The Inside part of the bulk data sets (`npm run bench:seed`, `bench/inside.mjs`): posts, comments
 * (threads of one level of replies), likes and a few held items, in French and English, with every
 * denormalised column as the community service leaves it:
 * - `posts.comment_count` = the post's published, not deleted comments (held comments are not counted);
 * - `posts.like_count`, `comments.like_count` = their rows in `post_likes`, `comment_likes`;
 * - `posts.search_vector` and `posts.hot_score` are written by the `posts_derived_columns` trigger
 *   (migration 0007) from the final counts, since every post is inserted with them;
 * - a held post or comment carries the watched word that held it (`watched_words`), `needs_review_at`
 *   and `moderation_reason = 'watched_word'`, and has no likes or comments (the service refuses them);
 *   a hidden post was hidden by an admin (`moderation_reason = 'admin'`).
 *
 * The authors are read from a temporary table `seed_authors (n int primary key, id uuid, locale text)`
 * numbered 1…authors, which the caller fills; the helpers of `bulk-sql.ts` must be installed.
 */

export interface InsideSeedOptions {
  posts: number;
  /** All comments, the held ones included. */
  comments: number;
  /** Rows of `seed_authors`. */
  authors: number;
  /** Who added the watched words (an admin), or null. */
  watchedWordsBy: string | null;
  log: Log;
}

// Words of immigration posts, each language on its own; titles and bodies are drawn from them.
export const frenchWords =
  `dossier permis travail études résidence permanente entrée express arrima québec montréal
  visa biométrie délai traitement lettre employeur offre emploi étudiant diplôme équivalence parrainage
  conjoint enfants famille logement appartement bail banque impôts santé assurance médecin école francisation
  citoyenneté examen serment avocat consultant réglementé refus appel entrevue passeport photo formulaire
  preuve fonds anglais français test tef tcf ielts score points invitation tirage province nouveau brunswick
  ontario alberta manitoba saskatchewan halifax moncton laval gatineau sherbrooke caq csq pgwp eimt agent
  question réponse conseil expérience merci bonjour aide urgent attente nouvelles`
    .split(/\s+/)
    .filter(Boolean);
export const englishWords =
  `application permit work study permanent residence express entry draw score points crs
  invitation profile job offer employer lmia student graduate degree credential assessment sponsorship spouse
  children family housing apartment lease bank taxes health insurance doctor school citizenship test oath
  lawyer consultant licensed refusal appeal interview passport photo form proof funds english french ielts
  celpip province nova scotia ontario alberta manitoba toronto vancouver calgary ottawa winnipeg processing
  time biometrics medical exam police certificate question answer advice experience thanks hello help urgent
  waiting update timeline`
    .split(/\s+/)
    .filter(Boolean);
export const insideTags =
  `entree-express arrima pgwp caq permis-etudes permis-travail parrainage logement impots emploi
  biometrie citoyennete francisation ielts tef crs pnp lmia eimt conjoint etudiant refus delais medical police
  fonds banque sante ecole ontario quebec alberta manitoba toronto montreal vancouver halifax moncton calgary
  ottawa`
    .split(/\s+/)
    .filter(Boolean);

/** Words the admins watch (`hold`): the held posts and comments of the data set contain them. */
export const heldWords = { fr: 'arnaque', en: 'scam' } as const;

/** One published comment in 500 is matched by a held one, which the counts leave out. */
const HELD_COMMENT_SHARE = 0.002;

export async function seedInside(client: pg.ClientBase, options: InsideSeedOptions): Promise<void> {
  const step = stepRunner(client, options.log);
  const A = options.authors;
  const P = options.posts;
  const held = Math.min(Math.round(options.comments * HELD_COMMENT_SHARE), Math.floor(P / 2));
  const published = options.comments - held;
  const fr = sqlTextArray(frenchWords);
  const en = sqlTextArray(englishWords);
  const tags = sqlTextArray(insideTags);
  const categories = sqlTextArray(postCategories);
  const vocabulary = (language: string) => `case when ${language} = 'fr' then ${fr} else ${en} end`;
  const heldWord = (language: string) =>
    `case when ${language} = 'fr' then ${sqlText(heldWords.fr)} else ${sqlText(heldWords.en)} end`;

  await step(
    'watched words',
    `insert into watched_words (word, action, created_by, created_at, updated_at)
     select word, 'hold', $1::uuid, pg_temp.seed_now() - interval '400 days', pg_temp.seed_now() - interval '400 days'
     from unnest(${sqlTextArray(Object.values(heldWords))}) word
     on conflict (word, locale) do nothing`,
    [options.watchedWordsBy],
  );

  // When a top comment was written: the thread's time, needed again by its replies.
  await client.query(`create or replace function pg_temp.top_comment_at(post_at timestamptz, post_n bigint, k bigint)
    returns timestamptz language sql immutable as $$
      select date_trunc('second', post_at + least(pg_temp.seed_now() - post_at, interval '30 days')
        * pg_temp.h(post_n * 100000 + k, 40))
    $$`);

  // The plan of each post: author, language, time (one every ~5 minutes back from now), moderation
  // state, and its numbers of comments (skewed: a few busy threads) and likes.
  await step(
    'posts plan',
    `create temp table seed_post_plan as
     with base as (
       select g::bigint as n, pg_temp.sid('post', g) as id, a.id as author_id,
         case when (a.locale = 'fr') <> (pg_temp.h(g, 36) < 0.1) then 'fr' else 'en' end as language,
         date_trunc('second', pg_temp.seed_now()
           - (g * 300 + floor(pg_temp.h(g, 31) * 60)::int) * interval '1 second') as created_at,
         case when g % 211 = 0 then 'held' when g % 197 = 0 then 'hidden' else 'published' end as status,
         g % 499 = 0 as deleted
       from generate_series(1, ${P}) g
       join seed_authors a on a.n = 1 + floor(pg_temp.h(g, 30) * ${A})::int
     ), weighted as (
       select *, case when status = 'held' then 0
         else 0.3 + 8 * power(pg_temp.h(n, 32), 3) + case when pg_temp.h(n, 33) < 0.002 then 150 else 0 end
         end as weight
       from base
     ), shared as (
       select *, floor(${published} * weight / sum(weight) over ())::int as base_comments,
         row_number() over (order by weight = 0, n) as rank
       from weighted
     ), counted as (
       select *, base_comments
         + case when rank <= ${published} - sum(base_comments) over () then 1 else 0 end as comments
       from shared
     )
     select n, id, author_id, language, created_at, status, deleted, comments,
       comments - floor(comments * 0.3)::int as tops, floor(comments * 0.3)::int as replies,
       case when status = 'held' then 0
         else least(${A}, floor(20 * power(pg_temp.h(n, 34), 3))::int
           + case when pg_temp.h(n, 35) < 0.001 then 200 else 0 end)
         end as likes
     from counted`,
  );
  await client.query('create unique index on seed_post_plan (id)');
  await client.query('analyze seed_post_plan');

  await step(
    'posts',
    `insert into posts (id, author_id, title, body_source, body_html, body_text, category, tags, language,
       status, moderation_reason, held_word, needs_review_at, like_count, comment_count, created_at,
       updated_at, deleted_at)
     select p.id, p.author_id, t.title, t.body, '<p>' || t.body || '</p>', t.body,
       (${categories})[1 + p.n % ${postCategories.length}]::post_category,
       array[(${tags})[1 + t.tag], (${tags})[1 + (t.tag + 1 + floor(pg_temp.h(p.n, 38) * ${insideTags.length - 1})::int) % ${insideTags.length}]],
       p.language::locale, p.status::content_status,
       case p.status when 'held' then 'watched_word' when 'hidden' then 'admin' end,
       case when p.status = 'held' then ${heldWord('p.language')} end,
       case when p.status = 'held' then p.created_at end,
       p.likes, p.comments, p.created_at, p.created_at,
       case when p.deleted then least(pg_temp.seed_now(), p.created_at + interval '2 hours') end
     from seed_post_plan p
     cross join lateral (
       select initcap(pg_temp.words(${vocabulary('p.language')}, 4 + p.n::int % 5, p.n)) as title,
         pg_temp.words(${vocabulary('p.language')}, 30 + p.n::int % 60, p.n)
           || case when p.status = 'held' then ' ' || ${heldWord('p.language')} else '' end as body,
         floor(pg_temp.h(p.n, 37) * ${insideTags.length})::int as tag
     ) t`,
  );

  await step(
    'top comments',
    `insert into comments (id, post_id, author_id, thread_id, thread_created_at, depth, body_source, body_html,
       like_count, created_at, updated_at)
     select c.id, p.id, a.id, c.id, c.at, 0, c.body, '<p>' || c.body || '</p>', c.likes, c.at, c.at
     from seed_post_plan p
     cross join lateral generate_series(1, p.tops) k
     cross join lateral (
       select pg_temp.sid2('comment', p.n, k) as id, pg_temp.top_comment_at(p.created_at, p.n, k) as at,
         pg_temp.words(${vocabulary('p.language')}, 8 + k % 20, k) as body,
         least(${A}, floor(5 * power(pg_temp.h(p.n * 100000 + k, 43), 8))::int) as likes
     ) c
     join seed_authors a on a.n = 1 + (p.n * 7919 + k * 104729) % ${A}
     where p.tops > 0`,
  );

  await step(
    'replies',
    `insert into comments (id, post_id, author_id, parent_id, thread_id, thread_created_at, depth, body_source,
       body_html, like_count, created_at, updated_at)
     select r.id, p.id, a.id, r.parent_id, r.parent_id, r.thread_at, 1, r.body, '<p>' || r.body || '</p>',
       r.likes, r.at, r.at
     from seed_post_plan p
     cross join lateral generate_series(1, p.replies) j
     cross join lateral (select 1 + floor(pg_temp.h(p.n * 100000 + j, 41) * p.tops)::int as parent_k) parent
     cross join lateral (
       select pg_temp.sid2('reply', p.n, j) as id,
         pg_temp.sid2('comment', p.n, parent.parent_k) as parent_id,
         pg_temp.top_comment_at(p.created_at, p.n, parent.parent_k) as thread_at
     ) t
     cross join lateral (
       select t.id, t.parent_id, t.thread_at,
         date_trunc('second', t.thread_at + least(pg_temp.seed_now() - t.thread_at, interval '2 days')
           * pg_temp.h(p.n * 100000 + j, 42)) as at,
         pg_temp.words(${vocabulary('p.language')}, 6 + j % 15, j) as body,
         least(${A}, floor(5 * power(pg_temp.h(p.n * 100000 + j, 46), 8))::int) as likes
     ) r
     join seed_authors a on a.n = 1 + (p.n * 15485863 + j * 7919) % ${A}
     where p.replies > 0`,
  );

  // Comments caught by a watched word: waiting in the moderation queue, never counted.
  await step(
    'held comments',
    `insert into comments (id, post_id, author_id, thread_id, thread_created_at, depth, body_source, body_html,
       status, moderation_reason, held_word, needs_review_at, created_at, updated_at)
     select c.id, p.id, a.id, c.id, c.at, 0, c.body, '<p>' || c.body || '</p>', 'held', 'watched_word',
       ${heldWord('p.language')}, c.at, c.at, c.at
     from (select * from seed_post_plan where status = 'published' and not deleted order by n limit ${held}) p
     cross join lateral (
       select pg_temp.sid2('held-comment', p.n, 1) as id,
         date_trunc('second', p.created_at + (pg_temp.seed_now() - p.created_at) * 0.5) as at,
         pg_temp.words(${vocabulary('p.language')}, 10, p.n) || ' ' || ${heldWord('p.language')} as body
     ) c
     join seed_authors a on a.n = 1 + (p.n * 31) % ${A}`,
  );

  await step(
    'post likes',
    `insert into post_likes (post_id, user_id, created_at)
     select p.id, a.id,
       date_trunc('second', p.created_at + (pg_temp.seed_now() - p.created_at) * pg_temp.h(p.n * 100000 + i, 44))
     from seed_post_plan p
     cross join lateral generate_series(0, p.likes - 1) i
     join seed_authors a on a.n = 1 + (p.n * 7919 + i) % ${A}
     where p.likes > 0`,
  );

  await step(
    'comment likes',
    `insert into comment_likes (comment_id, user_id, created_at)
     select c.id, a.id,
       date_trunc('second', c.created_at + (pg_temp.seed_now() - c.created_at) * pg_temp.h(c.salt * 1000 + i, 45))
     from (
       select c.id, c.created_at, c.like_count, abs(hashtext(c.id::text)::bigint) as salt
       from comments c join seed_post_plan p on p.id = c.post_id
       where c.like_count > 0
     ) c
     cross join lateral generate_series(0, c.like_count - 1) i
     join seed_authors a on a.n = 1 + (c.salt + i) % ${A}`,
  );
}
