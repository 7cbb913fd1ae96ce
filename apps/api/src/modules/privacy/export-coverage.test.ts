import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { assignedDossier, multipart, pdfBytes, pngBytes } from '../../../test/dossier-helpers';
import { createPost } from '../../../test/inside-helpers';
import { submittedPro } from '../../../test/verification-helpers';
import { unzip } from '../../../test/zip';
import {
  emailTokens,
  knownDevices,
  notifications,
  refreshTokens,
  sessions,
  users,
  userTags,
} from '../../db/schema';
import { buildDataExport, exportBlobKey } from './data-export.job';
import { insertExport } from './data-export.queries';
import { exportedSections, exportSections, followedColumns } from './export-sections';

/**
 * The rule for "a column that names a person", read from PostgreSQL's catalog:
 * - every column with a foreign key to users(id);
 * - and every uuid column of a table (not a view) with no foreign key at all whose name says it holds a
 *   person: `user_id` or `*_user_id`, `*_by` (created_by, resolved_by, undone_by…), or one of the actor
 *   names below. Polymorphic columns (`subject_id`, `target_id`) hold a person only with their type
 *   column; the audit log's is followed by the registry (`aboutPerson`), the others name content.
 */
const PERSON_COLUMNS_SQL = `
  with fk as (
    select c.conrelid::regclass::text as table_name, a.attname::text as column_name
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
     where c.contype = 'f' and c.confrelid = 'public.users'::regclass
  ),
  named as (
    select col.table_name::text, col.column_name::text
      from information_schema.columns col
      join information_schema.tables tab
        on tab.table_schema = col.table_schema and tab.table_name = col.table_name
     where col.table_schema = 'public' and tab.table_type = 'BASE TABLE' and col.data_type = 'uuid'
       and (col.column_name = 'user_id' or col.column_name like '%\\_user\\_id' or col.column_name like '%\\_by'
            or col.column_name in ('actor_id', 'author_id', 'owner_id', 'host_id', 'pro_id', 'agent_id',
                                   'supervisor_id', 'claimant_id', 'reviewer_id', 'sender_id', 'recipient_id'))
       and not exists (
         select 1 from pg_constraint k
           join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
          where k.contype = 'f' and k.conrelid = (quote_ident(col.table_name))::regclass
            and a.attname = col.column_name)
  )
  select table_name, column_name from fk
  union
  select table_name, column_name from named
  order by 1, 2`;

/** Column names that hold a secret: never among the exported columns. */
const SECRET = /hash|secret|password|public_key|challenge|wrapped_key|token/;
const isSecret = (column: string) => SECRET.test(column) && !column.endsWith('_id');

describe('what the data export covers', () => {
  let t: TestApp;
  let columnsOf: Map<string, Set<string>>;

  beforeAll(async () => {
    t = await createTestApp();
    const { rows } = await t.database.pool.query<{ table_name: string; column_name: string }>(
      `select table_name::text, column_name::text from information_schema.columns
        where table_schema = 'public' order by table_name, ordinal_position`,
    );
    columnsOf = new Map();
    for (const row of rows) {
      const set = columnsOf.get(row.table_name) ?? new Set<string>();
      set.add(row.column_name);
      columnsOf.set(row.table_name, set);
    }
  });
  afterAll(() => t.close());

  it('answers for every table and column that names a person: exported, or left out with a reason', async () => {
    const { rows } = await t.database.pool.query<{ table_name: string; column_name: string }>(
      PERSON_COLUMNS_SQL,
    );
    // The rule finds what it must (a guard against a rule that silently finds nothing).
    expect(rows.length).toBeGreaterThan(40);
    expect(rows).toContainEqual({ table_name: 'audit_log', column_name: 'actor_id' });
    expect(rows).toContainEqual({ table_name: 'admin_batches', column_name: 'undone_by' });
    expect(rows).not.toContainEqual({ table_name: 'documents', column_name: 'member_id' });
    const uncovered = rows
      .filter(({ table_name: table, column_name: column }) => {
        const section = exportSections[table];
        if (!section) return true;
        return !followedColumns(section).includes(column) && !(column in (section.notFollowed ?? {}));
      })
      .map(({ table_name: table, column_name: column }) =>
        exportSections[table]
          ? `${table}.${column}: neither followed nor left out with a reason`
          : `${table}.${column}: table ${table} is not in export-sections.ts`,
      );
    expect(uncovered).toEqual([]);
  });

  it('names only tables and columns that exist; each column of an exported table is exported or left out', () => {
    const problems: string[] = [];
    for (const [table, section] of Object.entries(exportSections)) {
      const columns = columnsOf.get(table);
      if (!columns) {
        problems.push(`${table}: no such table`);
        continue;
      }
      const named =
        section.kind === 'excluded'
          ? Object.keys(section.notFollowed)
          : [
              ...section.columns,
              ...Object.keys(section.omitted),
              ...Object.keys(section.notFollowed ?? {}),
              ...Object.keys(section.ownOnly ?? {}),
              ...Object.values(section.ownOnly ?? {}),
              ...followedColumns(section),
              ...section.order,
            ];
      for (const column of named) {
        if (!columns.has(column)) problems.push(`${table}.${column}: no such column`);
      }
      if (section.kind === 'exported') {
        const answered = new Set([...section.columns, ...Object.keys(section.omitted)]);
        for (const column of columns) {
          if (!answered.has(column)) problems.push(`${table}.${column}: neither exported nor omitted`);
        }
        for (const column of section.columns) {
          if (column in section.omitted) problems.push(`${table}.${column}: both exported and omitted`);
          if (isSecret(column)) problems.push(`${table}.${column}: a secret is exported`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  describe('the export of a person active everywhere', () => {
    let ctx: Awaited<ReturnType<typeof assignedDossier>>;
    const uploads = [
      { item: 'passport', name: 'passeport.pdf', content: pdfBytes('passport, first version') },
      { item: 'passport', name: 'passeport.pdf', content: pdfBytes('passport, second version') },
      { item: 'educational_credential_assessment', name: 'ede.png', content: pngBytes },
    ];

    const exportOf = async (userId: string) => {
      const row = await insertExport(t.database.db, { userId, requestedAt: new Date() });
      await buildDataExport(t.app.deps, row.id);
      return unzip(await buffer(await t.storage.get(exportBlobKey(userId, row.id))));
    };
    /** The secrets stored for a person, each of which must appear nowhere in their export. */
    const secretsOf = async (userId: string) => {
      const [user] = await t.database.db.select().from(users).where(eq(users.id, userId));
      const sessionRows = await t.database.db.select().from(sessions).where(eq(sessions.userId, userId));
      const refresh = await t.database.db
        .select()
        .from(refreshTokens)
        .where(
          inArray(
            refreshTokens.sessionId,
            sessionRows.map((session) => session.id),
          ),
        );
      const tokens = await t.database.db.select().from(emailTokens).where(eq(emailTokens.userId, userId));
      const devices = await t.database.db.select().from(knownDevices).where(eq(knownDevices.userId, userId));
      return [
        user?.passwordHash as string,
        ...refresh.map((token) => token.tokenHash),
        ...tokens.map((token) => token.tokenHash),
        ...devices.map((device) => device.deviceHash),
      ];
    };

    beforeAll(async () => {
      ctx = await assignedDossier(t);
      for (const file of uploads) {
        const body = multipart(
          { itemId: `express_entry_fsw.${file.item}`, memberId: ctx.principalId },
          { name: file.name, content: file.content },
        );
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/dossiers/${ctx.dossierId}/documents`,
          headers: { ...ctx.candidate.auth, ...body.headers },
          payload: body.payload,
        });
        expect(response.statusCode, response.body).toBe(201);
      }
      for (const who of [ctx.candidate, ctx.pro, ctx.candidate]) {
        await t.app.inject({
          method: 'POST',
          url: `/api/dossiers/${ctx.dossierId}/messages`,
          headers: who.auth,
          payload: { clientId: randomUUID(), body: `Message de ${who.userId}` },
        });
      }
      // A member of a month at trust level 1: their post is published at once and takes comments.
      await t.database.db
        .update(users)
        .set({ trustLevel: 1, createdAt: new Date(Date.now() - 31 * 24 * 60 * 60 * 1000) })
        .where(eq(users.id, ctx.candidate.userId));
      const post = await createPost(t.app, { ...ctx.candidate, role: 'candidate' } as never);
      const comment = await t.app.inject({
        method: 'POST',
        url: `/api/posts/${post.id}/comments`,
        headers: ctx.candidate.auth,
        payload: { body: 'Merci pour vos conseils, très utile.' },
      });
      expect(comment.statusCode, comment.body).toBe(201);
      await t.app.inject({ method: 'PUT', url: `/api/posts/${post.id}/like`, headers: ctx.candidate.auth });
      const userId = ctx.candidate.userId;
      await t.database.db.insert(notifications).values({ userId, type: 'document.approved', params: {} });
      await t.database.db.insert(userTags).values({ userId, tag: 'webinaire-2026' });
      await t.database.db.insert(knownDevices).values({ userId, deviceHash: 'f'.repeat(64), country: 'CA' });
    });

    it('holds a file for every exported table, the person’s rows, their files as they are, and no secret', async () => {
      const entries = await exportOf(ctx.candidate.userId);
      for (const [table, section] of exportedSections()) {
        const json = entries.get(`${section.file}.json`);
        expect(json, `${table}: ${section.file}.json`).toBeDefined();
        const parsed = JSON.parse(json?.toString() ?? '');
        if (section.single) {
          expect(parsed).toMatchObject({ id: ctx.candidate.userId });
          continue;
        }
        expect(Array.isArray(parsed), table).toBe(true);
        const csv = entries.get(`${section.file}.csv`)?.toString() ?? '';
        expect(csv.startsWith('\uFEFF'), `${table}: ${section.file}.csv`).toBe(true);
        expect(csv.split('\r\n').length - 2, `${table}: CSV rows`).toBeGreaterThanOrEqual(parsed.length);
      }
      const rows = (file: string) => JSON.parse(entries.get(`data/${file}.json`)?.toString() ?? '[]');
      for (const table of [
        'sessions',
        'consents',
        'dossiers',
        'dossier_members',
        'documents',
        'messages',
        'message_reads',
        'assignment_requests',
        'posts',
        'comments',
        'post_likes',
        'notifications',
        'user_tags',
        'known_devices',
        'audit_log',
      ]) {
        expect(rows(table).length, table).toBeGreaterThan(0);
      }
      expect(rows('messages')).toHaveLength(3);
      expect(rows('documents')).toHaveLength(3);

      const files = [...entries.keys()].filter((name) => name.startsWith('files/')).sort();
      expect(files).toHaveLength(3);
      for (const upload of uploads) {
        expect(
          files.some((name) => entries.get(name)?.equals(upload.content)),
          upload.name,
        ).toBe(true);
      }

      const secrets = await secretsOf(ctx.candidate.userId);
      expect(secrets.length).toBeGreaterThan(2);
      for (const [name, content] of entries) {
        const text = content.toString('latin1');
        expect(text.includes('$argon2'), name).toBe(false);
        for (const secret of secrets) expect(text.includes(secret), name).toBe(false);
      }
    });

    it('gives a pro their verification files', async () => {
      const pro = await submittedPro(t);
      const entries = await exportOf(pro.userId);
      const identity = [...entries.keys()].find((name) =>
        name.startsWith('files/verification/identity-document-'),
      );
      expect(identity).toBeDefined();
      expect(
        entries
          .get(identity as string)
          ?.subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      const [verification] = JSON.parse(entries.get('data/pro_verifications.json')?.toString() ?? '[]');
      expect(verification).toMatchObject({ status: 'pending' });
      expect(verification).not.toHaveProperty('checked_by');
    });
  });
});
