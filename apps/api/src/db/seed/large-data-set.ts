// Over 500 lines: one INSERT … SELECT per table of the 50,000-user data set, in the order of their foreign keys, each commented; split, the order would be harder to follow.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { hashPassword } from '../../lib/password';
import { seedInside } from './bulk-inside';
import { installSqlHelpers, type Log, sqlTextArray, stepRunner } from './bulk-sql';

/**
 * The benchmark data set (`npm run bench:seed`): at scale 1, 50,000 users (45,000 candidates, 4,500 pros
 * in 1,000 firms, 500 admins), 10,000 dossiers with about 150,000 documents, 1,000,000 chat messages,
 * 200,000 Inside posts with 1,000,000 comments and their likes, 2,000 webinars with 100,000
 * registrations, and the notifications those would have produced. `scale` multiplies every count.
 *
 * Everything is built by PostgreSQL in one transaction (`INSERT … SELECT generate_series`), so the data
 * set is either entirely there or not at all, and every invariant the services rely on holds (see the
 * comments of each step). Ids are stable (`pg_temp.sid`): the same scale gives the same ids.
 *
 * Not made: files (documents are rows only; their `blob_key` names no stored file), sessions, audit
 * entries, outbox emails, and pg-boss jobs (no webinar reminders are queued for these webinars; those
 * published through the API queue their own).
 */

export const benchPassword = 'Capitune-Bench-2026';
export const benchEmailDomain = 'bench.capitune.test';
export type BenchRole = 'candidate' | 'pro' | 'admin';

/** `candidate-00042@bench.capitune.test`: the n-th seeded user of a role, from 1. */
export const benchEmail = (role: BenchRole, n: number) =>
  `${role}-${String(n).padStart(5, '0')}@${benchEmailDomain}`;

export interface LargeDataSetCounts {
  users: number;
  candidates: number;
  pros: number;
  admins: number;
  organisations: number;
  dossiers: number;
  messages: number;
  posts: number;
  /** Comments of Inside, the held ones included. */
  comments: number;
  events: number;
  registrations: number;
}

/** The counts of the data set at a scale: round(count × scale), at least 1 of each. */
export function largeDataSetCounts(scale: number): LargeDataSetCounts {
  if (!(scale > 0) || scale > 10) throw new Error(`The scale must be above 0 and at most 10, not ${scale}`);
  const of = (count: number) => Math.max(1, Math.round(count * scale));
  const users = Math.max(3, Math.round(50_000 * scale));
  const pros = of(4_500);
  const admins = of(500);
  return {
    users,
    candidates: users - pros - admins,
    pros,
    admins,
    organisations: Math.min(pros, of(1_000)),
    dossiers: of(10_000),
    messages: of(1_000_000),
    posts: of(200_000),
    comments: of(1_000_000),
    events: of(2_000),
    registrations: of(100_000),
  };
}

export interface SeedLargeDataSetOptions {
  /** Multiplies every count (default 1). */
  scale?: number;
  /** Empty the product's tables first (everything but the programs catalogue), then seed. */
  reseed?: boolean;
  /** The instant the data set is built around (default: now). */
  now?: Date;
  log?: Log;
}

export interface SeedLargeDataSetResult {
  /** False when the data set was already there (nothing was changed). */
  seeded: boolean;
  counts: LargeDataSetCounts;
  /** Rows per table after the run. */
  rows: Record<string, number>;
  seconds: number;
}

/** Tables counted at the end, in the order they are filled. */
const seededTables = [
  'organisations',
  'users',
  'dossiers',
  'dossier_members',
  'pro_verifications',
  'pro_profiles',
  'pro_reviews',
  'milestones',
  'assignment_requests',
  'dossier_notes',
  'documents',
  'expiry_notices',
  'dossier_chats',
  'messages',
  'message_reads',
  'watched_words',
  'posts',
  'comments',
  'post_likes',
  'comment_likes',
  'events',
  'event_co_hosts',
  'event_registrations',
  'notifications',
] as const;

/**
 * Seeds the data set on the database of `databaseUrl`, whose migrations are applied and programs
 * catalogue synced. Idempotent: when the data set is there, it says so and changes nothing. A database
 * holding other rows is refused unless `reseed` empties it.
 */
export async function seedLargeDataSet(
  databaseUrl: string,
  options: SeedLargeDataSetOptions = {},
): Promise<SeedLargeDataSetResult> {
  const started = performance.now();
  const scale = options.scale ?? 1;
  const counts = largeDataSetCounts(scale);
  const log = options.log ?? (() => undefined);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'capitune-bench-seed' });
  await client.connect();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  try {
    // Session settings for a bulk load (temp_buffers only counts before the first temporary table). Not
    // `synchronous_commit = off`: there is one commit, and rows of a commit not yet flushed get no hint
    // bits, so the VACUUM right after it could not mark their pages all-visible.
    await client.query(`set temp_buffers = '256MB'; set work_mem = '128MB'; set maintenance_work_mem = '256MB';
      set gin_pending_list_limit = '32MB'`);
    const items = await client.query<{ n: number }>(
      'select count(*)::int as n from checklist_items where active',
    );
    if (!items.rows[0]?.n) throw new Error('The programs catalogue is empty: sync it first');

    if (options.reseed) await emptyDatabase(client, log);
    const present = await client.query<{ n: number }>(
      `select count(*)::int as n from users where email like '%@${benchEmailDomain}'
         and email ~ '^(candidate|pro|admin)-[0-9]+@'`,
    );
    const found = present.rows[0]?.n ?? 0;
    if (found > 0) {
      log(
        found === counts.users
          ? `the data set is already there (${found} users, scale ${scale}): nothing to do (BENCH_RESEED=1 to seed again)`
          : `a data set of ${found} users is already there (scale ${scale} has ${counts.users}): nothing done (BENCH_RESEED=1 to seed again)`,
      );
      return { seeded: false, counts, rows: await rowCounts(client), seconds: seconds() };
    }
    const other = await client.query<{ taken: boolean }>(
      `select exists (select 1 from users) or exists (select 1 from dossiers) or exists (select 1 from posts)
         or exists (select 1 from events) as taken`,
    );
    if (other.rows[0]?.taken) {
      throw new Error(
        'This database holds users, dossiers, posts or webinars that are not the bench data set: ' +
          'use an empty scratch database, or BENCH_RESEED=1 to empty this one first',
      );
    }

    log(
      `seeding at scale ${scale}: ${counts.users} users, ${counts.dossiers} dossiers, ${counts.messages} messages, ` +
        `${counts.posts} posts, ${counts.comments} comments, ${counts.events} webinars, ${counts.registrations} registrations`,
    );
    const passwordHash = await hashPassword(benchPassword);
    await client.query('begin');
    try {
      await installSqlHelpers(client, options.now ?? new Date());
      await seedPeople(client, counts, passwordHash, log);
      await seedDossiers(client, counts, log);
      await seedPros(client, counts, log);
      await seedMessages(client, counts, log);
      await client.query(`create temp table seed_authors as
        select g as n, pg_temp.sid('user', g) as id, u.locale::text as locale
        from generate_series(1, ${counts.candidates + counts.pros}) g
        join users u on u.id = pg_temp.sid('user', g)`);
      await client.query('alter table seed_authors add primary key (n)');
      await seedInside(client, {
        posts: counts.posts,
        comments: counts.comments,
        authors: counts.candidates + counts.pros,
        watchedWordsBy: await lastAdminId(client, counts),
        log,
      });
      await seedEvents(client, counts, log);
      await seedNotifications(client, log);
      const committing = performance.now();
      await client.query('commit');
      log(`commit: ${((performance.now() - committing) / 1000).toFixed(1)} s`);
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    }
    // Autovacuum would do it in time; a benchmark starting at once needs the statistics and the
    // visibility map (index-only scans) now.
    const vacuuming = performance.now();
    await client.query(`vacuum (analyze) ${seededTables.join(', ')}`);
    log(`vacuum analyze: ${((performance.now() - vacuuming) / 1000).toFixed(1)} s`);
    return { seeded: true, counts, rows: await rowCounts(client), seconds: seconds() };
  } finally {
    await client.end();
  }
}

async function lastAdminId(client: pg.ClientBase, counts: LargeDataSetCounts): Promise<string | null> {
  const result = await client.query<{ id: string }>(`select pg_temp.sid('user', ${counts.users}) as id`);
  return result.rows[0]?.id ?? null;
}

async function rowCounts(client: pg.ClientBase): Promise<Record<string, number>> {
  const result = await client.query<Record<string, number>>(
    `select ${seededTables.map((table) => `(select count(*)::int from ${table}) as ${table}`).join(', ')}`,
  );
  return result.rows[0] ?? {};
}

/** Every table of the product but the programs catalogue, and the webinar reminders queued in pg-boss. */
async function emptyDatabase(client: pg.ClientBase, log: Log) {
  const tables = await client.query<{ name: string }>(
    `select quote_ident(tablename) as name from pg_tables
     where schemaname = 'public' and tablename not in ('programs', 'checklist_items')`,
  );
  const started = performance.now();
  await client.query(`truncate ${tables.rows.map((row) => row.name).join(', ')} restart identity cascade`);
  const jobs = await client.query<{ table: string | null }>(
    `select to_regclass('pgboss.job')::text as table`,
  );
  if (jobs.rows[0]?.table) await client.query(`delete from pgboss.job where name = 'events.reminder'`);
  log(`emptied ${tables.rows.length} tables: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------------
// People: firms, candidates, pros, admins

const firstNamesFr =
  `Amina Julien Sophie Mamadou Fatou Karim Nadia Youssef Chloé Mathieu Élodie Moussa Aïcha Thomas
  Camille Hugo Léa Samir Inès Omar Awa Jean-Baptiste Marie-Claude Rachid Salma Yanis Manon Lucas Océane Ibrahima`
    .split(/\s+/)
    .filter(Boolean);
const firstNamesEn =
  `Priya Rahul Maria José Wei Li Chinedu Ngozi Ana Carlos Emily James Grace Daniel Aisha Arjun Sofia
  Miguel Chen Olivia Ravi Fatima David Hannah Kwame Mei Isabel Ahmed Sarah Tomás`
    .split(/\s+/)
    .filter(Boolean);
const lastNames =
  `Diallo Tremblay Gagnon Traoré Benali Haddad Ndiaye Roy Côté Bouchard Gauthier Morin Lavoie Fortin
  Ouellet Cissé Koné Mensah Bélanger Pelletier Bensaïd Joseph Pierre Dubois Lefebvre Mercier Girard Sow Camara Patel
  Singh Sharma Garcia Santos Wang Zhang Okafor Adeyemi Smith Johnson Brown Wilson Nguyen Reyes Cruz Kumar Khan Ali
  Lopez Silva Taylor Anderson Mendoza Obi Park`
    .split(/\s+/)
    .filter(Boolean);
// Where candidates live: French-speaking places for French-speaking candidates, others for the rest.
const placesFr = [
  ['FR', 'Europe/Paris'],
  ['MA', 'Africa/Casablanca'],
  ['DZ', 'Africa/Algiers'],
  ['TN', 'Africa/Tunis'],
  ['SN', 'Africa/Dakar'],
  ['CI', 'Africa/Abidjan'],
  ['CM', 'Africa/Douala'],
  ['HT', 'America/Port-au-Prince'],
  ['LB', 'Asia/Beirut'],
  ['BE', 'Europe/Brussels'],
  ['CA', 'America/Toronto'],
] as const;
const placesEn = [
  ['IN', 'Asia/Kolkata'],
  ['PH', 'Asia/Manila'],
  ['NG', 'Africa/Lagos'],
  ['BR', 'America/Sao_Paulo'],
  ['MX', 'America/Mexico_City'],
  ['CN', 'Asia/Shanghai'],
  ['CO', 'America/Bogota'],
  ['GB', 'Europe/London'],
  ['CA', 'America/Vancouver'],
  ['CA', 'America/Toronto'],
] as const;
/** Pros practise in Canada; their zone is also their webinars' (canonical IANA names). */
const proTimeZones = [
  'America/Toronto',
  'America/Toronto',
  'America/Toronto',
  'America/Vancouver',
  'America/Edmonton',
  'America/Winnipeg',
  'America/Halifax',
];
const firmWords = ['Cabinet', 'Immigration', 'Groupe', 'Conseil', 'Passerelle', 'Horizon'];

async function seedPeople(client: pg.ClientBase, counts: LargeDataSetCounts, passwordHash: string, log: Log) {
  const step = stepRunner(client, log);
  const { candidates: C, pros: P, users: U, organisations: O } = counts;
  const pick = (values: readonly string[], salt: string) =>
    `(${sqlTextArray(values)})[1 + floor(${salt} * ${values.length})::int]`;

  await step(
    'organisations',
    `insert into organisations (id, name, created_at)
     select pg_temp.sid('org', o),
       ${pick(firmWords, 'pg_temp.h(o, 90)')} || ' ' || ${pick(lastNames, 'pg_temp.h(o, 91)')}
         || case when o % 3 = 0 then ' & associés' when o % 3 = 1 then ' inc.' else '' end,
       pg_temp.seed_now() - interval '1100 days' + o * interval '1 minute'
     from generate_series(1, ${O}) o`,
  );

  // Users 1…C are the candidates, then the pros, then the admins: user n is pg_temp.sid('user', n).
  // Every account is active with a verified email and the bench password; about 60 % prefer French.
  await step(
    'users',
    `insert into users (id, email, password_hash, role, status, first_name, last_name, locale, time_zone, phone,
       country_of_residence, citizenship, organisation_id, email_verified_at, created_at, updated_at)
     select pg_temp.sid('user', u.g), u.role || '-' || lpad(u.k::text, 5, '0') || '@${benchEmailDomain}', $1,
       u.role::user_role, 'active',
       case when u.locale = 'fr' then ${pick(firstNamesFr, 'pg_temp.h(u.g, 3)')} else ${pick(firstNamesEn, 'pg_temp.h(u.g, 3)')} end,
       ${pick(lastNames, 'pg_temp.h(u.g, 4)')},
       u.locale::locale, place.time_zone,
       case when pg_temp.h(u.g, 6) < 0.7 then '+1 514 555 ' || lpad((u.g % 10000)::text, 4, '0') end,
       place.country,
       case when u.role <> 'candidate' then 'CA' when place.country <> 'CA' then place.country
         when u.locale = 'fr' then 'FR' else 'IN' end,
       case when u.role = 'pro' then pg_temp.sid('org', 1 + (u.k - 1) % ${O}) end,
       u.created_at + interval '9 minutes', u.created_at, u.created_at
     from (
       select g,
         case when g <= ${C} then 'candidate' when g <= ${C + P} then 'pro' else 'admin' end as role,
         case when g <= ${C} then g when g <= ${C + P} then g - ${C} else g - ${C + P} end as k,
         case when pg_temp.h(g, 1) < 0.6 then 'fr' else 'en' end as locale,
         date_trunc('second', pg_temp.seed_now() - interval '730 days' - pg_temp.h(g, 2) * interval '365 days')
           as created_at
       from generate_series(1, ${U}) g
     ) u
     cross join lateral (
       select
         case when u.role <> 'candidate' then 'CA'
           when u.locale = 'fr' then (${sqlTextArray(placesFr.map((place) => place[0]))})[1 + floor(pg_temp.h(u.g, 5) * ${placesFr.length})::int]
           else (${sqlTextArray(placesEn.map((place) => place[0]))})[1 + floor(pg_temp.h(u.g, 5) * ${placesEn.length})::int]
         end as country,
         case when u.role = 'admin' then 'America/Toronto'
           when u.role = 'pro' then ${pick(proTimeZones, 'pg_temp.h(u.g, 5)')}
           when u.locale = 'fr' then (${sqlTextArray(placesFr.map((place) => place[1]))})[1 + floor(pg_temp.h(u.g, 5) * ${placesFr.length})::int]
           else (${sqlTextArray(placesEn.map((place) => place[1]))})[1 + floor(pg_temp.h(u.g, 5) * ${placesEn.length})::int]
         end as time_zone
     ) place`,
    [passwordHash],
  );
}

// ---------------------------------------------------------------------------------------------------
// Mon dossier: dossiers, members, milestones, requests, notes, documents

const rejectionReasonsFr = [
  'Document illisible : merci de le numériser en couleur, toutes les pages.',
  'Il manque des pages : envoyez le document complet.',
  'Ce document est expiré, il en faut un en cours de validité.',
  'La traduction certifiée en français ou en anglais manque.',
  'Le nom ne correspond pas à celui du passeport.',
];
const rejectionReasonsEn = [
  'The scan is unreadable: please send every page, in colour.',
  'Pages are missing: send the whole document.',
  'This document has expired; a valid one is needed.',
  'The certified English or French translation is missing.',
  'The name does not match the passport.',
];

const otherDocumentsFr = [
  'lettre-explicative.pdf',
  'releve-bancaire.pdf',
  'talons-de-paie.pdf',
  'traduction-certifiee.pdf',
  'curriculum-vitae.pdf',
];
const otherDocumentsEn = [
  'cover-letter.pdf',
  'bank-statement.pdf',
  'pay-stubs.pdf',
  'certified-translation.pdf',
  'resume.pdf',
];

async function seedDossiers(client: pg.ClientBase, counts: LargeDataSetCounts, log: Log) {
  const step = stepRunner(client, log);
  const { candidates: C, pros: P, organisations: O, dossiers: D } = counts;
  // The first 5 % of the owners have two dossiers.
  const owners = Math.max(1, Math.min(C, Math.round(D * 0.95)));
  await client.query(`create or replace function pg_temp.today() returns date language sql immutable as
    $$ select (pg_temp.seed_now() at time zone 'UTC')::date $$`);

  // Dossier n belongs to candidate 1 + (n - 1) % owners. 17 in 20 are assigned to firm 1 + (n - 1) % O and
  // to an agent who is a pro of that firm (pro k works at firm 1 + (k - 1) % O); the others are drafts
  // or in preparation with no firm. Statuses follow the process; only assigned dossiers went further.
  await step(
    'dossiers plan',
    `create temp table seed_dossiers as
     with base as (
       select d::bigint as n, pg_temp.sid('dossier', d) as id, 1 + (d - 1) % ${owners} as owner_n,
         (d % 20) not in (0, 7, 13) as assigned,
         pg_temp.h(d, 10) as u_program, pg_temp.h(d, 11) as u_status,
         date_trunc('second', pg_temp.seed_now() - (40 + pg_temp.h(d, 12) * 660) * interval '1 day') as created_at
       from generate_series(1, ${D}) d
     ), placed as (
       select b.*,
         case when b.u_program < 0.25 then 'express_entry_fsw' when b.u_program < 0.40 then 'express_entry_cec'
           when b.u_program < 0.45 then 'express_entry_fst' when b.u_program < 0.60 then 'quebec_skilled_worker'
           when b.u_program < 0.72 then 'study_permit' when b.u_program < 0.82 then 'work_permit_employer'
           when b.u_program < 0.87 then 'work_permit_open_spouse' when b.u_program < 0.95 then 'family_sponsorship_spouse'
           else 'visitor_visa' end as program_id,
         case when not b.assigned then (case when b.u_status < 0.6 then 'draft' else 'preparing' end)
           when b.u_status < 0.30 then 'preparing' when b.u_status < 0.50 then 'submitted'
           when b.u_status < 0.80 then 'processing' when b.u_status < 0.90 then 'approved'
           when b.u_status < 0.94 then 'refused' else 'closed' end as status,
         case when b.assigned then 1 + (b.n - 1) % ${O} end as org_k
       from base b
     )
     select p.n, p.id, p.owner_n, pg_temp.sid('user', p.owner_n) as owner_id, o.first_name, o.last_name,
       o.locale::text as locale, p.program_id, p.status,
       case p.status when 'draft' then 0 when 'preparing' then 1 when 'submitted' then 2 when 'processing' then 3
         else 4 end as rank,
       p.org_k, case when p.assigned then pg_temp.sid('org', p.org_k) end as organisation_id,
       case when p.assigned then pg_temp.sid('user', ${C} + p.org_k
         + ${O} * (((p.n - 1) / ${O}) % ((${P} - p.org_k) / ${O} + 1))) end as agent_id,
       p.created_at
     from placed p join users o on o.id = pg_temp.sid('user', p.owner_n)`,
  );
  await client.query('alter table seed_dossiers add primary key (n)');
  await client.query('analyze seed_dossiers');

  await step(
    'dossiers',
    `insert into dossiers (id, owner_id, program_id, status, organisation_id, agent_id, agent_since, file_number,
       created_at, updated_at)
     select id, owner_id, program_id, status::dossier_status, organisation_id, agent_id,
       case when agent_id is not null then created_at + interval '2 days' end,
       case when rank >= 2 then (case when program_id = 'quebec_skilled_worker' then 'Q' else 'E' end)
         || lpad((1000000 + n)::text, 9, '0') end,
       created_at, created_at
     from seed_dossiers`,
  );

  // The principal applicant (the owner) always; a spouse in 65 % of dossiers, dependants in 40 % (a
  // child, and in 18 % also an adult child), the sponsor where the program has one.
  await step(
    'dossier members',
    `insert into dossier_members (id, dossier_id, role, full_name, date_of_birth, created_at)
     select pg_temp.sid2('member', d.n, m.slot), d.id, m.role::member_role, m.full_name, m.born,
       d.created_at + m.slot * interval '1 minute'
     from seed_dossiers d
     cross join lateral (values
       (0, 'principal', d.first_name || ' ' || d.last_name,
         (d.created_at - (25 + pg_temp.h(d.n, 20) * 20) * interval '365 days')::date, true),
       (1, 'spouse', (${sqlTextArray([...firstNamesFr, ...firstNamesEn])})[1 + floor(pg_temp.h(d.n, 23) * ${firstNamesFr.length + firstNamesEn.length})::int]
         || ' ' || d.last_name,
         (d.created_at - (24 + pg_temp.h(d.n, 26) * 20) * interval '365 days')::date, pg_temp.h(d.n, 21) < 0.65),
       (2, 'sponsor', (${sqlTextArray(firstNamesFr)})[1 + floor(pg_temp.h(d.n, 24) * ${firstNamesFr.length})::int]
         || ' ' || (${sqlTextArray(lastNames)})[1 + floor(pg_temp.h(d.n, 25) * ${lastNames.length})::int],
         (d.created_at - (26 + pg_temp.h(d.n, 27) * 20) * interval '365 days')::date,
         d.program_id in ('family_sponsorship_spouse', 'work_permit_open_spouse')),
       (3, 'dependant', (${sqlTextArray(firstNamesFr)})[1 + floor(pg_temp.h(d.n, 28) * ${firstNamesFr.length})::int]
         || ' ' || d.last_name,
         (d.created_at - (2 + pg_temp.h(d.n, 29) * 13) * interval '365 days')::date, pg_temp.h(d.n, 22) < 0.4),
       (4, 'dependant', (${sqlTextArray(firstNamesEn)})[1 + floor(pg_temp.h(d.n, 30) * ${firstNamesEn.length})::int]
         || ' ' || d.last_name,
         (d.created_at - (19 + pg_temp.h(d.n, 31) * 4) * interval '365 days')::date, pg_temp.h(d.n, 22) < 0.18)
     ) m(slot, role, full_name, born, present)
     where m.present`,
  );

  // The process so far: steps done (dated between the opening and now) up to the dossier's stage, the
  // next ones planned (future dates, not done), so dashboards show upcoming milestones.
  await step(
    'milestones',
    `insert into milestones (dossier_id, kind, label, date, done, note, created_at)
     select d.id, t.kind::milestone_kind,
       case when t.kind = 'other' then (case when d.locale = 'fr' then t.label_fr else t.label_en end) end,
       case when d.rank >= t.done_from
         then (d.created_at + (pg_temp.seed_now() - interval '2 days' - d.created_at) * t.pos)::date
         else pg_temp.today() + (3 + floor(pg_temp.h(d.n * 100 + (t.pos * 100)::bigint, 32) * 60))::int end,
       d.rank >= t.done_from,
       case when t.kind = 'decision' then
         case d.status when 'approved' then (case when d.locale = 'fr' then 'Demande approuvée' else 'Application approved' end)
           when 'refused' then (case when d.locale = 'fr' then 'Demande refusée' else 'Application refused' end)
           else (case when d.locale = 'fr' then 'Dossier fermé' else 'File closed' end) end
       end,
       d.created_at + t.pos * interval '1 hour'
     from seed_dossiers d
     join (values
       (0.05, 'other', 1, 1, null, 'Consultation initiale', 'Initial consultation'),
       (0.10, 'other', 0, 99, 'draft', 'Rendez-vous de démarrage', 'Kick-off appointment'),
       (0.30, 'profile_submitted', 1, 2, null, null, null),
       (0.40, 'application_submitted', 2, 2, null, null, null),
       (0.45, 'acknowledgement_of_receipt', 2, 3, null, null, null),
       (0.55, 'biometrics_requested', 3, 3, null, null, null),
       (0.60, 'biometrics_done', 3, 4, null, null, null),
       (0.70, 'medical_requested', 3, 4, null, null, null),
       (0.90, 'decision', 4, 4, null, null, null),
       (0.99, 'landing', 4, 99, 'approved', null, null)
     ) t(pos, kind, applies_from, done_from, only_status, label_fr, label_en)
       on d.rank >= t.applies_from and (t.only_status is null or t.only_status = d.status)
         and (t.only_status is not null or d.status <> 'draft')`,
  );

  // Half of the dossiers without a firm asked a pro to take them (one pending request at most).
  await step(
    'assignment requests',
    `insert into assignment_requests (dossier_id, pro_id, organisation_id, status, message, created_at)
     select d.id, pg_temp.sid('user', ${C} + k.pro_k), pg_temp.sid('org', 1 + (k.pro_k - 1) % ${O}), 'pending',
       case when d.locale = 'fr' then 'Bonjour, pourriez-vous prendre en charge mon dossier ?'
         else 'Hello, could you take on my application?' end,
       pg_temp.seed_now() - (1 + floor(pg_temp.h(d.n, 33) * 20)) * interval '1 day'
     from seed_dossiers d
     cross join lateral (select 1 + floor(pg_temp.h(d.n, 34) * ${P})::int as pro_k) k
     where d.agent_id is null and pg_temp.h(d.n, 35) < 0.5`,
  );

  await step(
    'internal notes',
    `insert into dossier_notes (dossier_id, organisation_id, author_id, body, created_at)
     select d.id, d.organisation_id, d.agent_id,
       (array['Client relancé pour les certificats de police.', 'Vérifier les lettres d’employeur avant dépôt.',
         'Preuve de fonds à mettre à jour le mois prochain.', 'Call booked with the client to review the forms.'])
         [1 + floor(pg_temp.h(d.n, 36) * 4)::int],
       d.created_at + (pg_temp.seed_now() - d.created_at) * pg_temp.h(d.n, 37)
     from seed_dossiers d
     where d.agent_id is not null and pg_temp.h(d.n, 38) < 0.4`,
  );

  // One document per checklist line (item × member it concerns, as `membersConcerned` decides), for most
  // lines (fewer in early dossiers), as successive versions: a line may hold a withdrawn or a rejected
  // version before its current one. Only the firm in charge reviews, so dossiers without one hold
  // pending documents only. Expiry dates follow the item's rule (`computeExpiryDate`), typed by hand
  // for `own_date` items.
  await step(
    'documents',
    `insert into documents (id, dossier_id, item_id, member_id, version, status, rejection_reason, blob_key,
       original_name, content_type, size_bytes, sha256, issue_date, expiry_date, expiry_date_manual,
       uploaded_by, reviewed_by, reviewed_at, created_at)
     with lines as (
       select d.n, d.id as dossier_id, d.status, d.rank, d.owner_id, d.agent_id, d.locale, d.created_at as opened,
         m.id as member_id, i.id as item_id, i.document_type, i.expiry_rule,
         row_number() over (partition by d.n order by i.sort_order, m.created_at) as line
       from seed_dossiers d
       join dossier_members m on m.dossier_id = d.id
       join checklist_items i on i.program_id = d.program_id and i.active and (
         i.concerns::text = m.role::text
         or (i.concerns = 'each_dependant' and m.role = 'dependant')
         or (i.concerns = 'each_adult' and m.role <> 'sponsor'
           and (m.role <> 'dependant' or (m.date_of_birth + interval '18 years')::date <= pg_temp.today())))
     ), filled as (
       select l.*, l.n * 1000 + l.line as key,
         case when l.agent_id is null then (case when pg_temp.h(l.n * 1000 + l.line, 51) < 0.1 then 2 else 1 end)
           when pg_temp.h(l.n * 1000 + l.line, 51) < 0.04 then 3
           when pg_temp.h(l.n * 1000 + l.line, 51) < 0.24 then 2 else 1 end as versions
       from lines l
       where pg_temp.h(l.n * 1000 + l.line, 50)
         < case l.status when 'draft' then 0.4 when 'preparing' then 0.9 else 0.99 end
     ), versions as (
       select f.*, v,
         date_trunc('second', f.opened + (pg_temp.seed_now() - interval '1 day' - f.opened)
           * (0.05 + 0.6 * pg_temp.h(f.key, 52) + 0.1 * (v - 1))) as uploaded_at,
         case
           when v < f.versions then
             (case when f.agent_id is null or (f.versions = 3 and v = 1) then 'withdrawn' else 'rejected' end)
           when f.agent_id is null then 'pending'
           when f.rank <= 1 then (case when pg_temp.h(f.key, 53) < 0.45 then 'approved'
             when pg_temp.h(f.key, 53) < 0.85 then 'pending' else 'rejected' end)
           else (case when pg_temp.h(f.key, 53) < 0.92 then 'approved'
             when pg_temp.h(f.key, 53) < 0.97 then 'pending' else 'rejected' end)
         end as state,
         pg_temp.h(f.key * 10 + v, 57) as u_type
       from filled f cross join lateral generate_series(1, f.versions) v
     ), dated as (
       select x.*,
         case
           when x.expiry_rule->>'kind' in ('valid_for', 'recent') then
             x.uploaded_at::date - floor(pg_temp.h(x.key * 10 + x.v, 56) * (x.expiry_rule->>'months')::int * 15)::int
           when x.expiry_rule->>'kind' = 'own_date' then
             x.uploaded_at::date - floor(pg_temp.h(x.key * 10 + x.v, 56)
               * case when x.document_type = 'passport' then 1800 else 300 end)::int
           when pg_temp.h(x.key * 10 + x.v, 58) < 0.5 then
             x.uploaded_at::date - floor(pg_temp.h(x.key * 10 + x.v, 56) * 700)::int
         end as issued
       from versions x
     )
     select pg_temp.sid2('document', x.key, x.v), x.dossier_id, x.item_id, x.member_id, x.v, x.state::document_status,
       case when x.state = 'rejected' then (case when x.locale = 'fr' then ${sqlTextArray(rejectionReasonsFr)}
         else ${sqlTextArray(rejectionReasonsEn)} end)[1 + floor(pg_temp.h(x.key * 10 + x.v, 54) * 5)::int] end,
       case when x.state <> 'withdrawn' then 'dossiers/' || x.dossier_id || '/' || pg_temp.sid2('blob', x.key, x.v) end,
       replace(x.document_type, '_', '-') || case when x.v > 1 then '-v' || x.v else '' end
         || case when x.u_type < 0.8 then '.pdf' when x.u_type < 0.94 then '.jpg' else '.png' end,
       case when x.u_type < 0.8 then 'application/pdf' when x.u_type < 0.94 then 'image/jpeg' else 'image/png' end,
       40000 + floor(power(pg_temp.h(x.key * 10 + x.v, 59), 2) * 4000000)::int,
       encode(sha256(convert_to(pg_temp.sid2('document', x.key, x.v)::text, 'UTF8')), 'hex'),
       x.issued,
       case
         when x.expiry_rule->>'kind' in ('valid_for', 'recent') then
           (x.issued + make_interval(months => (x.expiry_rule->>'months')::int))::date
         when x.expiry_rule->>'kind' = 'own_date' then
           (x.issued + case when x.document_type = 'passport' then interval '10 years' else interval '2 years' end)::date
       end,
       coalesce(x.expiry_rule->>'kind' = 'own_date', false),
       case when x.agent_id is not null and pg_temp.h(x.key, 55) < 0.1 then x.agent_id else x.owner_id end,
       case when x.state in ('approved', 'rejected') then x.agent_id end,
       case when x.state in ('approved', 'rejected') then least(pg_temp.seed_now() - interval '1 hour',
         x.uploaded_at + (2 + floor(pg_temp.h(x.key * 10 + x.v, 60) * 70)) * interval '1 hour') end,
       x.uploaded_at
     from dated x`,
  );

  // Documents outside the checklist (a cover letter, bank statements…): 2–6 in an assigned dossier, 0–2
  // in the others, all of the principal applicant, so numbered 1, 2… like their uploads would be.
  await step(
    'other documents',
    `insert into documents (id, dossier_id, item_id, member_id, version, status, blob_key, original_name,
       content_type, size_bytes, sha256, uploaded_by, reviewed_by, reviewed_at, created_at)
     select pg_temp.sid2('other-document', d.n, k), d.id, null, pg_temp.sid2('member', d.n, 0), k,
       x.state::document_status, 'dossiers/' || d.id || '/' || pg_temp.sid2('other-blob', d.n, k),
       (case when d.locale = 'fr' then ${sqlTextArray(otherDocumentsFr)} else ${sqlTextArray(otherDocumentsEn)} end)
         [1 + (d.n + k) % ${otherDocumentsFr.length}],
       'application/pdf', 60000 + floor(pg_temp.h(d.n * 10 + k, 41) * 900000)::int,
       encode(sha256(convert_to(pg_temp.sid2('other-document', d.n, k)::text, 'UTF8')), 'hex'),
       d.owner_id, case when x.state = 'approved' then d.agent_id end,
       case when x.state = 'approved' then x.at + interval '5 hours' end, x.at
     from seed_dossiers d
     cross join lateral generate_series(1,
       case when d.agent_id is null then floor(pg_temp.h(d.n, 40) * 3)::int
         else 2 + floor(pg_temp.h(d.n, 40) * 5)::int end) k
     cross join lateral (
       select case when d.agent_id is not null and pg_temp.h(d.n * 10 + k, 42) < 0.7 then 'approved'
           else 'pending' end as state,
         date_trunc('second', d.created_at + (pg_temp.seed_now() - interval '1 day' - d.created_at)
           * (0.1 + 0.1 * k + 0.3 * pg_temp.h(d.n, 43))) as at
     ) x`,
  );

  // A dossier's updated_at follows its last change (uploads and reviews touch it).
  await step(
    'dossier activity',
    `update dossiers d set updated_at = greatest(d.created_at, x.last)
     from (select dossier_id, max(greatest(created_at, coalesce(reviewed_at, created_at))) as last
           from documents group by dossier_id) x
     where x.dossier_id = d.id`,
  );

  // Warnings the daily expiry watch has sent (`runExpiryWatch`): the current version of a line, pending
  // or approved, expiring within 30 days, has its 30-day notice (and its 7-day one within 7 days), and
  // its owner and agent the notifications; the watch then finds nothing more to send.
  await step(
    'expiry notices',
    `insert into expiry_notices (document_id, threshold_days, sent_at)
     select d.id, t.days, least(pg_temp.seed_now(),
       greatest(d.created_at + interval '1 hour', (d.expiry_date - t.days)::timestamptz + interval '11 hours'))
     from documents d
     cross join (values (30), (7)) t(days)
     where d.status in ('pending', 'approved') and d.expiry_date >= pg_temp.today()
       and d.expiry_date <= pg_temp.today() + t.days
       and d.version = (select max(v.version) from documents v where v.dossier_id = d.dossier_id
         and v.member_id = d.member_id and v.item_id is not distinct from d.item_id and v.status <> 'withdrawn')`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Verified professionals: verification files, public profiles, reviews

const programIds = [
  'express_entry_fsw',
  'express_entry_cec',
  'express_entry_fst',
  'quebec_skilled_worker',
  'study_permit',
  'work_permit_employer',
  'work_permit_open_spouse',
  'family_sponsorship_spouse',
  'visitor_visa',
];
const extraLanguages = ['es', 'ar', 'zh', 'hi', 'pa', 'tl', 'pt', 'fa', 'ur', 'ru', 'uk', 'vi', 'ht'];
const citiesByProvince: Record<string, string[]> = {
  QC: ['Montréal', 'Québec', 'Gatineau', 'Sherbrooke', 'Laval'],
  ON: ['Toronto', 'Ottawa', 'Mississauga', 'Hamilton', 'Brampton'],
  BC: ['Vancouver', 'Surrey', 'Victoria'],
  AB: ['Calgary', 'Edmonton'],
  MB: ['Winnipeg'],
  SK: ['Regina', 'Saskatoon'],
  NS: ['Halifax'],
  NB: ['Moncton', 'Fredericton'],
};
const reviewTextsFr = [
  'Très disponible et toujours clair sur les prochaines étapes. Je recommande.',
  'Des explications précises sur les honoraires dès le premier rendez-vous.',
  'Dossier bien préparé, mais des délais de réponse parfois un peu longs.',
  'Un accompagnement rassurant du début à la fin de la démarche.',
  'Compétent, mais j’aurais aimé des nouvelles plus souvent.',
];
const reviewTextsEn = [
  'Always available and clear about the next steps. Highly recommended.',
  'Precise explanations of the fees from the first meeting.',
  'Well-prepared file, though replies were sometimes slow.',
  'Reassuring support from the start to the end of the process.',
  'Competent, but I would have liked more frequent updates.',
];

/**
 * Every pro has a verification file and a public profile, as sign-up gives them. 84 % are verified
 * (listed), 2 % verified but past their renewal date (the grace: unlisted), the rest pending (6 %),
 * expired (4 %), suspended or rejected (2 % each). Licence numbers follow each regulator's format and are unique. A quarter of the
 * dossiers followed by a pro have a review by their owner (one per dossier, written at least 30 days
 * after the pro took the dossier); 3 % of reviews are hidden by moderation; each pro features up to two
 * consenting ones. The profiles' rating counters are the sums of the published reviews, as the review
 * service keeps them.
 */
async function seedPros(client: pg.ClientBase, counts: LargeDataSetCounts, log: Log) {
  const step = stepRunner(client, log);
  const { candidates: C, pros: P } = counts;
  const provinceCodes = Object.keys(citiesByProvince);

  await step(
    'pros plan',
    `create temp table seed_pros as
     select k, g, pg_temp.sid('user', g) as id, u.first_name, u.last_name, u.locale::text as locale,
       case when pg_temp.h(g, 40) < 0.78 then 'rcic' when pg_temp.h(g, 40) < 0.94 then 'lawyer'
         when pg_temp.h(g, 40) < 0.97 then 'notary' else 'paralegal' end as profession,
       case when pg_temp.h(g, 40) < 0.78 then 'cicc' when pg_temp.h(g, 40) < 0.88 then 'lso'
         when pg_temp.h(g, 40) < 0.94 then 'barreau_qc' when pg_temp.h(g, 40) < 0.97 then 'cnq' else 'lso' end
         as regulator,
       case when pg_temp.h(g, 40) < 0.78 then 'R' || (700000 + k)
         when pg_temp.h(g, 40) < 0.88 then (10000 + k) || 'A'
         when pg_temp.h(g, 40) < 0.94 then (100000 + k)::text
         when pg_temp.h(g, 40) < 0.97 then (10000 + k)::text
         else 'P' || (10000 + k) end as licence_number,
       case when pg_temp.h(g, 40) >= 0.78 then null when pg_temp.h(g, 42) < 0.40 then 'L1'
         when pg_temp.h(g, 42) < 0.85 then 'L2' when pg_temp.h(g, 42) < 0.95 then 'L3' else 'RISIA' end
         as licence_class,
       -- By position rather than by chance, so that even a tiny data set has every state.
       case when k % 50 in (3, 10, 17) then 'pending' when k % 50 in (5, 30) then 'expired'
         when k % 50 = 8 then 'grace' when k % 50 = 13 then 'suspended' when k % 50 = 45 then 'rejected'
         else 'verified' end as state,
       u.created_at
     from (select k, ${C} + k as g from generate_series(1, ${P}) k) n
     join users u on u.id = pg_temp.sid('user', n.g)`,
  );
  await client.query('alter table seed_pros add primary key (k)');

  const day = `(pg_temp.seed_now() at time zone 'America/Toronto')::date`;
  await step(
    'pro verifications',
    `insert into pro_verifications (user_id, profession, regulator, licence_number, licence_class, status,
       submitted_at, decision_reason, register_entry, entitled_to_practise, checked_at, checked_by, verified_since,
       renewal_date, next_check_date, created_at, updated_at)
     select p.id, p.profession::pro_profession, p.regulator::regulator, p.licence_number,
       p.licence_class::licence_class,
       (case p.state when 'grace' then 'verified' else p.state end)::verification_status,
       p.created_at + interval '1 day',
       case p.state when 'rejected' then 'Le nom ne correspond pas au registre.'
         when 'suspended' then 'Suspendu par l’organisme de réglementation.' end,
       case when p.state <> 'pending' then jsonb_build_object('nameOnRegister', p.first_name || ' ' || p.last_name,
         'statusOnRegister', case when p.state = 'suspended' then 'Suspended' else 'Active' end,
         'licenceClass', p.licence_class, 'entitledToPractise', p.state not in ('suspended', 'rejected')) end,
       case when p.state <> 'pending' then p.state not in ('suspended', 'rejected') end,
       case when p.state <> 'pending' then checked.at end,
       case when p.state <> 'pending' then pg_temp.sid('user', ${counts.users}) end,
       case when p.state not in ('pending', 'rejected') then verified.at end,
       case p.state when 'verified' then ${day} + (30 + floor(pg_temp.h(p.g, 43) * 670))::int
         when 'grace' then ${day} - 10 when 'expired' then ${day} - (40 + floor(pg_temp.h(p.g, 43) * 300))::int
         when 'suspended' then ${day} + 200 end,
       case p.state when 'verified' then ${day} + (20 + floor(pg_temp.h(p.g, 44) * 300))::int end,
       p.created_at, checked.at
     from seed_pros p
     cross join lateral (select date_trunc('second', p.created_at + interval '3 days'
       + pg_temp.h(p.g, 45) * (pg_temp.seed_now() - interval '10 days' - p.created_at - interval '3 days'))
       as at) verified
     cross join lateral (select greatest(verified.at, pg_temp.seed_now()
       - pg_temp.h(p.g, 46) * interval '300 days') as at) checked`,
  );

  // Languages: the pro's own, the other official one for half of them, a third language for a third.
  // Provinces: the regulator's, or (the CICC being national) mostly Québec and Ontario; a fifth serve two.
  await step(
    'pro profiles',
    `insert into pro_profiles (user_id, slug, bio, languages, provinces, city, remote, in_person, accepting_clients,
       programs, listed, created_at, updated_at)
     select p.id,
       trim(both '-' from lower(regexp_replace(unaccent(p.first_name || '-' || p.last_name), '[^a-zA-Z0-9]+', '-',
         'g'))) || '-' || substr(replace(p.id::text, '-', ''), 1, 8),
       jsonb_build_object(
         'fr', 'Accompagnement en immigration depuis ' || (2 + floor(pg_temp.h(p.g, 50) * 20))::int
           || ' ans : ' || (${sqlTextArray(['travailleurs qualifiés', 'études au Canada', 'parrainage familial', 'permis de travail', 'résidence permanente'])})[1 + floor(pg_temp.h(p.g, 51) * 5)::int]
           || ', préparation des dossiers et suivi des demandes.',
         'en', case when pg_temp.h(p.g, 52) < 0.7 then 'Helping people immigrate to Canada for '
           || (2 + floor(pg_temp.h(p.g, 50) * 20))::int || ' years: '
           || (${sqlTextArray(['skilled workers', 'studying in Canada', 'family sponsorship', 'work permits', 'permanent residence'])})[1 + floor(pg_temp.h(p.g, 51) * 5)::int]
           || ', application preparation and follow-up.' else '' end),
       array(select distinct l from unnest(array[p.locale,
         case when pg_temp.h(p.g, 53) < 0.5 then (case when p.locale = 'fr' then 'en' else 'fr' end) end,
         case when pg_temp.h(p.g, 54) < 0.33 then (${sqlTextArray(extraLanguages)})[1 + floor(pg_temp.h(p.g, 55) * ${extraLanguages.length})::int] end
       ]) l where l is not null order by l),
       array(select distinct v from unnest(array[place.province,
         case when pg_temp.h(p.g, 57) < 0.2 then (${sqlTextArray(provinceCodes)})[1 + floor(pg_temp.h(p.g, 58) * ${provinceCodes.length})::int] end
       ]) v where v is not null order by v),
       case when pg_temp.h(p.g, 59) < 0.9 then (
         case place.province
           ${provinceCodes.map((code) => `when '${code}' then (${sqlTextArray(citiesByProvince[code] ?? [])})[1 + floor(pg_temp.h(p.g, 60) * ${(citiesByProvince[code] ?? []).length})::int]`).join('\n           ')}
         end) end,
       pg_temp.h(p.g, 61) < 0.8, pg_temp.h(p.g, 61) >= 0.8 or pg_temp.h(p.g, 62) < 0.5, pg_temp.h(p.g, 63) < 0.85,
       array(select distinct (${sqlTextArray(programIds)})[1 + floor(pg_temp.h(p.g * 10 + s, 64) * ${programIds.length})::int]
         from generate_series(1, 1 + floor(pg_temp.h(p.g, 65) * 3)::int) s),
       true, p.created_at, p.created_at
     from seed_pros p
     cross join lateral (select case
       when p.regulator in ('barreau_qc', 'cnq') then 'QC' when p.regulator = 'lso' then 'ON'
       when pg_temp.h(p.g, 56) < 0.35 then 'QC' when pg_temp.h(p.g, 56) < 0.70 then 'ON'
       when pg_temp.h(p.g, 56) < 0.82 then 'BC' when pg_temp.h(p.g, 56) < 0.90 then 'AB'
       else (${sqlTextArray(['MB', 'SK', 'NS', 'NB'])})[1 + floor(pg_temp.h(p.g, 66) * 4)::int] end as province) place`,
  );

  // Overall scores lean high, as on review sites; the criteria stay within a star of it.
  await step(
    'pro reviews',
    `insert into pro_reviews (id, pro_id, dossier_id, author_id, responsiveness, fees_clarity, process_explanation,
       overall, body, display, feature_consent, reply, replied_at, status, moderation_reason, created_at, updated_at)
     select pg_temp.sid('review', d.n), d.agent_id, d.id, d.owner_id,
       least(5, greatest(1, r.overall + floor(pg_temp.h(d.n, 72) * 3)::int - 1)),
       least(5, greatest(1, r.overall + floor(pg_temp.h(d.n, 73) * 3)::int - 1)),
       least(5, greatest(1, r.overall + floor(pg_temp.h(d.n, 74) * 3)::int - 1)),
       r.overall,
       case when d.locale = 'fr' then (${sqlTextArray(reviewTextsFr)})[1 + floor(pg_temp.h(d.n, 75) * ${reviewTextsFr.length})::int]
         else (${sqlTextArray(reviewTextsEn)})[1 + floor(pg_temp.h(d.n, 75) * ${reviewTextsEn.length})::int] end,
       (case when pg_temp.h(d.n, 76) < 0.7 then 'name' else 'anonymous' end)::review_display,
       pg_temp.h(d.n, 77) < 0.6,
       case when pg_temp.h(d.n, 78) < 0.3 then (case when d.locale = 'fr'
         then 'Merci pour votre confiance et vos commentaires.' else 'Thank you for your trust and your feedback.' end) end,
       case when pg_temp.h(d.n, 78) < 0.3 then r.at + interval '2 days' end,
       (case when pg_temp.h(d.n, 79) < 0.03 then 'hidden' else 'published' end)::review_status,
       case when pg_temp.h(d.n, 79) < 0.03 then 'admin' end,
       r.at, r.at
     from seed_dossiers d
     cross join lateral (select
       case when pg_temp.h(d.n, 71) < 0.04 then 1 when pg_temp.h(d.n, 71) < 0.09 then 2
         when pg_temp.h(d.n, 71) < 0.22 then 3 when pg_temp.h(d.n, 71) < 0.52 then 4 else 5 end as overall,
       least(pg_temp.seed_now() - interval '3 days',
         d.created_at + interval '32 days' + pg_temp.h(d.n, 70) * interval '200 days') as at) r
     where d.agent_id is not null and pg_temp.h(d.n, 69) < 0.25`,
  );
  await step(
    'testimonials',
    `update pro_reviews r set featured = true from (
       select id, row_number() over (partition by pro_id order by created_at desc, id) as rank
       from pro_reviews where feature_consent and status = 'published') f
     where r.id = f.id and f.rank <= 2`,
  );
  await step(
    'rating counters',
    `update pro_profiles p set rating_count = s.n, rating_sum = s.total
     from (select pro_id, count(*)::int as n, sum(overall)::int as total from pro_reviews
       where status = 'published' group by pro_id) s
     where p.user_id = s.pro_id`,
  );
}

// ---------------------------------------------------------------------------------------------------
// The dossier chat

const candidateLinesFr = [
  'Bonjour, j’ai téléversé mon passeport, pouvez-vous vérifier ?',
  'Merci pour votre retour rapide.',
  'Est-ce que la lettre de mon employeur actuel suffit ?',
  'J’ai rendez-vous pour la biométrie la semaine prochaine.',
  'Mon test de langue est prévu le mois prochain.',
  'Faut-il traduire l’acte de naissance de mon fils ?',
  'Je vous envoie le relevé bancaire des six derniers mois.',
  'Avez-vous des nouvelles de l’IRCC ?',
  'Parfait, je m’en occupe aujourd’hui.',
  'Le certificat de police a été demandé, délai de trois semaines.',
];
const agentLinesFr = [
  'Bonjour, j’ai bien reçu votre document, je le vérifie aujourd’hui.',
  'Il manque la deuxième page du relevé : pouvez-vous la téléverser ?',
  'Votre dossier est complet, nous pouvons déposer la demande.',
  'Oui, une lettre signée sur papier à en-tête avec vos tâches et vos heures.',
  'Pensez à vérifier la date d’expiration de votre passeport.',
  'L’accusé de réception est arrivé, le traitement a commencé.',
  'Je vous propose un appel jeudi pour relire les formulaires.',
  'Tout est en ordre de mon côté.',
  'La traduction doit être faite par un traducteur agréé.',
  'Je vous tiens au courant dès que j’ai une réponse.',
];
const candidateLinesEn = [
  'Hello, I uploaded my passport, could you check it?',
  'Thank you for the quick answer.',
  'Is the letter from my current employer enough?',
  'My biometrics appointment is next week.',
  'My language test is booked for next month.',
  'Does my son’s birth certificate need a translation?',
  'Here is the bank statement for the last six months.',
  'Any news from IRCC?',
  'Great, I will do it today.',
  'The police certificate is requested, three weeks to wait.',
];
const agentLinesEn = [
  'Hello, I received your document and will review it today.',
  'The second page of the statement is missing: could you upload it?',
  'Your file is complete, we can submit the application.',
  'Yes, a signed letter on letterhead listing your duties and hours.',
  'Please check the expiry date of your passport.',
  'The acknowledgement of receipt arrived; processing has started.',
  'Shall we have a call on Thursday to go over the forms?',
  'Everything is in order on my side.',
  'The translation must be done by a certified translator.',
  'I will let you know as soon as I hear back.',
];

async function seedMessages(client: pg.ClientBase, counts: LargeDataSetCounts, log: Log) {
  const step = stepRunner(client, log);
  const M = counts.messages;
  // When message k of a chat was posted: increasing with k, between the day after the opening and
  // 26 hours ago (older than the unread-messages sweep looks, so seeding sends no email).
  await client.query(`create or replace function pg_temp.message_at(first_at timestamptz, last_at timestamptz,
      total int, k int, n bigint) returns timestamptz language sql immutable as $$
    select date_trunc('milliseconds', first_at + (last_at - first_at)
      * ((k - 1 + 0.8 * pg_temp.h(n * 1000000 + k, 65)) / total))
    $$`);

  // Messages go to assigned dossiers, skewed (a few busy conversations hold thousands), exactly M in all.
  // The candidate and the agent take turns, except for a tail of 1–5 messages by one side in a quarter
  // of the chats: the other side has not read them yet.
  await step(
    'chats plan',
    `create temp table seed_chats as
     with weighted as (
       select d.n, d.id, d.owner_id, d.agent_id, d.locale, d.created_at,
         0.2 + 10 * power(pg_temp.h(d.n, 60), 4) + case when pg_temp.h(d.n, 61) < 0.01 then 60 else 0 end as weight
       from seed_dossiers d where d.agent_id is not null
     ), shared as (
       select *, floor(${M} * weight / sum(weight) over ())::int as base, row_number() over (order by n) as rank
       from weighted
     ), counted as (
       select *, base + case when rank <= ${M} - sum(base) over () then 1 else 0 end as messages from shared
     )
     select n, id, owner_id, agent_id, locale, messages,
       least(messages, case when pg_temp.h(n, 62) < 0.25 then 1 + floor(pg_temp.h(n, 63) * 5)::int else 0 end) as unread,
       pg_temp.h(n, 64) < 0.6 as owner_unread,
       created_at + interval '1 day' as first_at, pg_temp.seed_now() - interval '26 hours' as last_at
     from counted where messages > 0`,
  );

  await step(
    'messages',
    `insert into messages (dossier_id, seq, author_id, client_id, body, created_at)
     select c.id, k, a.author_id, gen_random_uuid(),
       (case
         when a.author_id = c.owner_id and c.locale = 'fr' then ${sqlTextArray(candidateLinesFr)}
         when a.author_id = c.owner_id then ${sqlTextArray(candidateLinesEn)}
         when c.locale = 'fr' then ${sqlTextArray(agentLinesFr)}
         else ${sqlTextArray(agentLinesEn)}
       end)[1 + floor(pg_temp.h(c.n * 1000000 + k, 66) * 10)::int],
       pg_temp.message_at(c.first_at, c.last_at, c.messages, k, c.n)
     from seed_chats c
     cross join lateral generate_series(1, c.messages) k
     cross join lateral (
       select case
         when k > c.messages - c.unread then (case when c.owner_unread then c.agent_id else c.owner_id end)
         when k % 2 = 1 then c.owner_id else c.agent_id end as author_id
     ) a`,
  );

  await step(
    'chat sequences',
    `insert into dossier_chats (dossier_id, last_seq) select id, messages from seed_chats`,
  );

  // Each participant has read up to their last message at least (posting marks it read); the side with
  // an unread tail stops before it and was emailed about it once, as the sweep does.
  await step(
    'read receipts',
    `insert into message_reads (dossier_id, user_id, last_read_seq, read_at, last_emailed_seq, last_email_at)
     select c.id, r.user_id, r.last_read,
       case when r.last_read > 0
         then pg_temp.message_at(c.first_at, c.last_at, c.messages, r.last_read, c.n) + interval '3 minutes' end,
       case when r.emailed then c.messages else 0 end,
       case when r.emailed
         then pg_temp.message_at(c.first_at, c.last_at, c.messages, c.messages, c.n) + interval '11 minutes' end
     from seed_chats c
     cross join lateral (values
       (c.owner_id, case when c.owner_unread then c.messages - c.unread else c.messages end,
         c.owner_unread and c.unread > 0),
       (c.agent_id, case when c.owner_unread then c.messages else c.messages - c.unread end,
         not c.owner_unread and c.unread > 0)
     ) r(user_id, last_read, emailed)
     where r.last_read > 0 or r.emailed`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Live: webinars, co-hosts, registrations

const eventKinds = [
  [
    'express_entry',
    'Entrée express : comprendre et améliorer son score CRS',
    'Express Entry: understanding and raising your CRS score',
    ['entrée express', 'crs'],
  ],
  [
    'express_entry',
    'Entrée express : vos questions en direct',
    'Express Entry: your questions answered live',
    ['entrée express'],
  ],
  [
    'quebec',
    'Immigrer au Québec : Arrima et le PSTQ',
    'Immigrating to Québec: Arrima and the PSTQ',
    ['québec', 'arrima'],
  ],
  [
    'study',
    'Étudier au Canada : permis d’études et CAQ',
    'Studying in Canada: study permits and the CAQ',
    ['études', 'caq'],
  ],
  [
    'work',
    'Permis de travail : ouvert ou fermé ?',
    'Work permits: open or employer-specific?',
    ['permis de travail', 'eimt'],
  ],
  [
    'family',
    'Parrainer son conjoint : étapes et délais',
    'Sponsoring your spouse: steps and timelines',
    ['parrainage'],
  ],
  [
    'settlement',
    'S’installer : logement, banque, santé',
    'Settling in: housing, banking, health',
    ['installation', 'logement'],
  ],
  ['other', 'Préparer son entrevue d’immigration', 'Preparing for your immigration interview', ['entrevue']],
] as const;

async function seedEvents(client: pg.ClientBase, counts: LargeDataSetCounts, log: Log) {
  const step = stepRunner(client, log);
  const { candidates: C, pros: P, events: E, registrations: R } = counts;
  const A = C + P;
  const kinds = eventKinds.length;
  const column = (index: 0 | 1 | 2) => sqlTextArray(eventKinds.map((kind) => kind[index]));

  // 55 % past (up to 181 days ago), 45 % ahead (up to 151 days), denser near today so that the months
  // around now are full. 1 in 50 upcoming is a draft, 1 in 33 was cancelled; 35 % have no seat limit.
  await step(
    'webinars plan',
    `create temp table seed_events as
     with base as (
       select e::bigint as n, pg_temp.sid('event', e) as id, (e * 11) % 20 < 11 as past,
         ${C} + 1 + floor(pg_temp.h(e, 70) * ${P})::int as host_n
       from generate_series(1, ${E}) e
     ), placed as (
       select *, row_number() over (partition by past order by n) as side_rank,
         count(*) over (partition by past) as side_count
       from base
     ), timed as (
       select *, date_trunc('day', pg_temp.seed_now())
         + (case when past then -1 else 1 end) * (1 + floor((case when past then 180 else 150 end)
             * power((side_rank - 0.5) / side_count, 1.4)))::int * interval '1 day'
         + (12 + floor(pg_temp.h(n, 72) * 11))::int * interval '1 hour'
         + case when pg_temp.h(n, 73) < 0.5 then interval '30 minutes' else interval '0 minutes' end as starts_at
       from placed
     )
     select t.n, t.id, t.host_n, t.starts_at,
       t.starts_at + case when pg_temp.h(t.n, 74) < 0.6 then interval '60 minutes' else interval '90 minutes' end as ends_at,
       case when not t.past and t.n % 50 = 7 then 'draft' when t.n % 33 = 5 then 'cancelled' else 'scheduled' end as status,
       date_trunc('second', least(t.starts_at - (7 + floor(pg_temp.h(t.n, 75) * 40)) * interval '1 day',
         pg_temp.seed_now() - (1 + floor(pg_temp.h(t.n, 76) * 48)) * interval '1 hour')) as created_at,
       case when pg_temp.h(t.n, 77) < 0.35 then null else 20 + floor(pg_temp.h(t.n, 78) * 230)::int end as capacity,
       1 + floor(pg_temp.h(t.n, 79) * ${kinds})::int as kind,
       case when pg_temp.h(t.n, 80) < 0.55 then 'fr' when pg_temp.h(t.n, 80) < 0.85 then 'en' else 'bilingual' end as language
     from timed t`,
  );
  await client.query(`alter table seed_events add column cancelled_at timestamptz`);
  await client.query(`update seed_events set cancelled_at = date_trunc('second', created_at
    + (least(pg_temp.seed_now(), starts_at) - created_at) * 0.7) where status = 'cancelled'`);

  await step(
    'webinars',
    `insert into events (id, host_id, title, description, language, category, tags, starts_at, ends_at, time_zone,
       capacity, stream_url, replay_url, status, sequence, published_at, cancelled_at, created_at, updated_at)
     select e.id, h.id,
       case e.language when 'fr' then (${column(1)})[e.kind] when 'en' then (${column(2)})[e.kind]
         else (${column(1)})[e.kind] || ' / ' || (${column(2)})[e.kind] end,
       case when e.language = 'en'
         then 'A live session with a licensed professional, followed by your questions.'
         else 'Une séance en direct avec un professionnel réglementé, suivie de vos questions.' end,
       e.language::event_language, (${column(0)})[e.kind]::event_category,
       case e.kind ${eventKinds.map((kind, index) => `when ${index + 1} then ${sqlTextArray(kind[3])}`).join(' ')} end,
       e.starts_at, e.ends_at, h.time_zone, e.capacity,
       case when e.status = 'draft' and e.n % 2 = 0 then null
         when pg_temp.h(e.n, 81) < 0.5 then 'https://www.youtube.com/watch?v=' || substr(md5('yt' || e.n), 1, 11)
         when pg_temp.h(e.n, 81) < 0.8 then 'https://us02web.zoom.us/j/' || (8000000000 + e.n)
         else 'https://vimeo.com/event/' || (4000000 + e.n) end,
       case when e.status = 'scheduled' and e.ends_at < pg_temp.seed_now() and pg_temp.h(e.n, 82) < 0.4
         then 'https://vimeo.com/' || (900000000 + e.n) end,
       e.status::event_status, case when e.status = 'cancelled' then 1 else 0 end,
       case when e.status <> 'draft' then e.created_at end, e.cancelled_at, e.created_at,
       coalesce(e.cancelled_at, e.created_at)
     from seed_events e join users h on h.id = pg_temp.sid('user', e.host_n)`,
  );

  if (P > 1) {
    await step(
      'co-hosts',
      `insert into event_co_hosts (event_id, user_id)
       select e.id, pg_temp.sid('user', ${C} + 1 + ((e.host_n - ${C} - 1) + 1 + floor(pg_temp.h(e.n, 83) * ${P - 1})::int) % ${P})
       from seed_events e where e.status <> 'draft' and pg_temp.h(e.n, 84) < 0.2`,
    );
  }

  // R registrations over the published webinars (skewed), by candidates and pros, in arrival order: the
  // first `capacity` of those who did not cancel hold a seat (seat_at), the others wait in line
  // (queue_order); 5 % cancelled. Ended webinars record who attended.
  await step(
    'registrations',
    `insert into event_registrations (event_id, user_id, status, queue_order, queued_at, seat_at, cancelled_at,
       attended_at, last_seen_at, created_at, updated_at)
     with weighted as (
       select e.*, 0.3 + 3 * power(pg_temp.h(e.n, 85), 2) + case when pg_temp.h(e.n, 86) < 0.03 then 10 else 0 end as weight
       from seed_events e where e.status <> 'draft'
     ), shared as (
       select *, floor(${R} * weight / sum(weight) over ())::int as base, row_number() over (order by n) as rank
       from weighted
     ), capped as (
       select *, least(${A}, base + case when rank <= ${R} - sum(base) over () then 1 else 0 end) as first_pass
       from shared
     ), planned as (
       -- No one registers twice: what a webinar cannot take beyond its ${A} possible people goes to the next.
       select *, first_pass + least(${A} - first_pass, greatest(0, (${R} - sum(first_pass) over ())
         - (sum(${A} - first_pass) over (order by n) - (${A} - first_pass)))) as registrations
       from capped
     ), arrivals as (
       select e.n, e.id as event_id, e.capacity, e.starts_at, e.ends_at, e.status as event_status, i,
         pg_temp.sid('user', 1 + (e.n * 7919 + i - 1) % ${A}) as user_id,
         pg_temp.h(e.n * 1000000 + i, 87) < 0.05 as cancelled,
         least(pg_temp.seed_now(), e.starts_at, coalesce(e.cancelled_at, e.starts_at)) as closes_at,
         date_trunc('milliseconds', e.created_at + (least(pg_temp.seed_now(), e.starts_at,
           coalesce(e.cancelled_at, e.starts_at)) - e.created_at) * ((i - 0.5) / e.registrations)) as queued_at
       from planned e cross join lateral generate_series(1, e.registrations) i
     ), ranked as (
       select a.*, count(*) filter (where not a.cancelled) over (partition by a.n order by a.i) as active_rank,
         row_number() over (order by a.queued_at, a.n, a.i) as queue_order
       from arrivals a
     ), decided as (
       select r.*,
         case when r.cancelled then 'cancelled' when r.capacity is null or r.active_rank <= r.capacity
           then 'registered' else 'waitlisted' end as state,
         case when r.cancelled then date_trunc('milliseconds', r.queued_at + (r.closes_at - r.queued_at) * 0.5) end
           as cancelled_at
       from ranked r
     )
     select d.event_id, d.user_id, d.state::registration_status, d.queue_order, d.queued_at,
       case when d.state = 'registered' then d.queued_at end, d.cancelled_at,
       case when d.state = 'registered' and d.event_status = 'scheduled' and d.ends_at <= pg_temp.seed_now()
         and pg_temp.h(d.n * 1000000 + d.i, 88) < 0.6 then d.starts_at + (pg_temp.h(d.n * 1000000 + d.i, 89) * 10) * interval '1 minute' end,
       case when d.state = 'registered' and d.event_status = 'scheduled' and d.ends_at <= pg_temp.seed_now()
         and pg_temp.h(d.n * 1000000 + d.i, 88) < 0.6 then d.ends_at - (pg_temp.h(d.n * 1000000 + d.i, 90) * 20) * interval '1 minute' end,
       d.queued_at, coalesce(d.cancelled_at, d.queued_at)
     from decided d`,
  );
  // The next registration (the API's) takes the next number of the queue.
  await client.query(`select setval(pg_get_serial_sequence('event_registrations', 'queue_order'),
    (select coalesce(max(queue_order), 0) + 1 from event_registrations), false)`);
}

// ---------------------------------------------------------------------------------------------------
// Notifications the events above would have produced

async function seedNotifications(client: pg.ClientBase, log: Log) {
  const step = stepRunner(client, log);
  const read = (at: string) =>
    `case when ${at} < pg_temp.seed_now() - interval '3 days' then ${at} + interval '2 hours' end`;
  await step(
    'notifications: document decisions (last 30 days)',
    `insert into notifications (user_id, type, params, link, read_at, created_at)
     select d.owner_id, case when doc.status = 'approved' then 'document_approved' else 'document_rejected' end,
       jsonb_build_object('documentFr', coalesce(i.label->>'fr', 'Document'),
         'documentEn', coalesce(i.label->>'en', 'Document'), 'reason', doc.rejection_reason),
       '/dossiers/' || d.id, ${read('doc.reviewed_at')}, doc.reviewed_at
     from documents doc
     join dossiers d on d.id = doc.dossier_id
     left join checklist_items i on i.id = doc.item_id
     where doc.reviewed_at > pg_temp.seed_now() - interval '30 days' and doc.status in ('approved', 'rejected')`,
  );
  await step(
    'notifications: expiring documents',
    `insert into notifications (user_id, type, params, link, read_at, created_at)
     select p.user_id, 'document_expiring',
       jsonb_build_object('documentFr', coalesce(i.label->>'fr', 'Document'),
         'documentEn', coalesce(i.label->>'en', 'Document'), 'expiryDate', doc.expiry_date::text,
         'days', doc.expiry_date - (n.sent_at at time zone 'UTC')::date),
       '/dossiers/' || d.id, ${read('n.sent_at')}, n.sent_at
     from expiry_notices n
     join documents doc on doc.id = n.document_id
     join dossiers d on d.id = doc.dossier_id
     left join checklist_items i on i.id = doc.item_id
     cross join lateral (values (d.owner_id), (d.agent_id)) p(user_id)
     where p.user_id is not null
       -- One warning when both thresholds were claimed at once, as the watch does.
       and not (n.threshold_days = 30 and exists (select 1 from expiry_notices w
         where w.document_id = n.document_id and w.threshold_days = 7 and w.sent_at = n.sent_at))`,
  );
  await step(
    'notifications: unread messages',
    `insert into notifications (user_id, type, params, link, created_at)
     select r.user_id, 'message_received', jsonb_build_object('count', c.unread), '/dossiers/' || c.id || '#messages',
       r.last_email_at
     from seed_chats c join message_reads r on r.dossier_id = c.id and r.last_emailed_seq > 0`,
  );
  await step(
    'notifications: cancelled webinars',
    `insert into notifications (user_id, type, params, link, read_at, created_at)
     select r.user_id, 'webinar_cancelled',
       jsonb_build_object('eventId', e.id, 'title', e.title, 'startsAt', to_char(e.starts_at at time zone 'UTC',
         'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
       '/live/' || e.id, ${read('e.cancelled_at')}, e.cancelled_at
     from events e join event_registrations r on r.event_id = e.id
     where e.status = 'cancelled' and r.status in ('registered', 'waitlisted')`,
  );
}
