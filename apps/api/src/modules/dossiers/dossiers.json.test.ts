import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { assignedDossier, multipart, pdfBytes } from '../../../test/dossier-helpers';
import { documents, dossierMembers, dossiers, milestones, users } from '../../db/schema';
import { toDocument, toMember, toMilestone } from './dossiers.mapper';
import { documentFactsJson, documentsJson, membersJson, milestonesJson } from './dossiers.queries';

/**
 * Where SQL builds a contract's JSON (`json_build_object`) and TypeScript maps the same rows, both give
 * equal objects: a column renamed or a key mistyped on one side fails here.
 */
describe('the JSON built in SQL and the mappers agree', () => {
  let t: TestApp;
  let dossierId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const ctx = await assignedDossier(t);
    dossierId = ctx.dossierId;
    const as = (person: typeof ctx.candidate) => person.auth;
    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: as(ctx.candidate), payload });
    await post(`/api/dossiers/${dossierId}/members`, { role: 'spouse', fullName: 'Paul Martin' });
    await post(`/api/dossiers/${dossierId}/members`, {
      role: 'dependant',
      fullName: 'Léa Martin',
      dateOfBirth: '2015-06-01',
    });
    await post(`/api/dossiers/${dossierId}/milestones`, { kind: 'biometrics_requested', date: '2030-01-15' });
    await post(`/api/dossiers/${dossierId}/milestones`, {
      kind: 'other',
      label: 'Appel',
      note: 'Avec l’agent',
      done: true,
    });
    await post(`/api/dossiers/${dossierId}/milestones`, { kind: 'medical_requested', date: '2029-03-01' });
    const uploads: Record<string, string>[] = [
      { itemId: 'express_entry_fsw.passport', memberId: ctx.principalId, expiryDate: '2031-05-01' },
      { memberId: ctx.principalId },
    ];
    let reviewed = false;
    for (const fields of uploads) {
      const body = multipart(fields, {
        name: 'piece.pdf',
        content: pdfBytes(),
        contentType: 'application/pdf',
      });
      const uploaded = await t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${dossierId}/documents`,
        headers: { ...ctx.candidate.auth, ...body.headers },
        payload: body.payload,
      });
      expect(uploaded.statusCode).toBe(201);
      if (!reviewed) {
        // A reviewed document: `reviewedAt` and a rejection reason set.
        await t.app.inject({
          method: 'POST',
          url: `/api/documents/${uploaded.json().id}/review`,
          headers: ctx.pro.auth,
          payload: { decision: 'reject', reason: 'La page est illisible.' },
        });
        reviewed = true;
      }
    }
  });
  afterAll(() => t.close());

  /**
   * The JSON the fragment builds for the test's dossier. Sent through the pool (the driver parses the
   * JSON): a first `db.select()` of this statement through drizzle answered `[]` in this test, the same
   * text through the pool the rows (see the report of the access/dossiers refactor).
   */
  async function inSql<T>(json: ReturnType<typeof sql<T>>): Promise<T> {
    // A join, so that drizzle qualifies `dossiers.id` (the subqueries would read a bare `id` as their own).
    const statement = t.database.db
      .select({ json })
      .from(dossiers)
      .innerJoin(users, eq(users.id, dossiers.ownerId))
      .where(eq(dossiers.id, dossierId))
      .toSQL();
    const result = await t.database.pool.query({
      text: statement.sql,
      values: statement.params,
      rowMode: 'array',
    });
    return result.rows[0]?.[0] as T;
  }

  it('members: membersJson and toMember', async () => {
    const rows = await t.database.db
      .select()
      .from(dossierMembers)
      .where(eq(dossierMembers.dossierId, dossierId))
      .orderBy(asc(dossierMembers.role), asc(dossierMembers.createdAt));
    expect(rows.length).toBe(3);
    expect(await inSql(membersJson)).toEqual(rows.map(toMember));
  });

  it('milestones: milestonesJson and toMilestone', async () => {
    const rows = await t.database.db
      .select()
      .from(milestones)
      .where(eq(milestones.dossierId, dossierId))
      .orderBy(sql`${milestones.date} nulls last`, asc(milestones.createdAt));
    expect(rows.length).toBe(3);
    expect(rows.some((row) => row.label !== null && row.note !== null && row.done)).toBe(true);
    expect(await inSql(milestonesJson)).toEqual(rows.map(toMilestone));
  });

  it('documents: documentsJson and toDocument; documentFactsJson, the same facts', async () => {
    const rows = await t.database.db.select().from(documents).where(eq(documents.dossierId, dossierId));
    expect(rows.length).toBe(2);
    expect(rows.some((row) => row.reviewedAt !== null && row.rejectionReason !== null)).toBe(true);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const mapped = rows.map(toDocument).sort(byId);
    expect((await inSql(documentsJson)).sort(byId)).toEqual(mapped);
    const facts = mapped
      .filter((document) => document.itemId !== null && document.status !== 'withdrawn')
      .map(({ itemId, memberId, version, status, expiryDate }) => ({
        itemId,
        memberId,
        version,
        status,
        expiryDate,
      }));
    expect(await inSql(documentFactsJson)).toEqual(facts);
  });
});
