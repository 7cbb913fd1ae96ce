import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { assignedDossier } from '../../../test/dossier-helpers';
import { dossiers, milestones } from '../../db/schema';
import { toMilestone } from '../dossiers';
import { upcomingMilestonesJson } from './dashboard.queries';

/** The dashboard's list built in SQL gives what the dossiers' mapper gives for the same rows. */
describe('the dashboard’s JSON built in SQL and the mappers agree', () => {
  let t: TestApp;
  let dossierId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const ctx = await assignedDossier(t);
    dossierId = ctx.dossierId;
    const milestonesOf = [
      { kind: 'biometrics_requested', date: '2030-01-15' },
      { kind: 'other', label: 'Appel', note: 'Avec l’agent', date: '2030-02-01' },
      { kind: 'medical_requested', date: '2029-03-01', done: true },
      { kind: 'decision', date: '2025-12-01' },
    ];
    for (const payload of milestonesOf) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${dossierId}/milestones`,
        headers: ctx.candidate.auth,
        payload,
      });
      expect(response.statusCode).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('the dashboard’s upcoming milestones: upcomingMilestonesJson and toMilestone with the dossier', async () => {
    const rows = await t.database.db
      .select()
      .from(milestones)
      .where(eq(milestones.dossierId, dossierId))
      .orderBy(asc(milestones.date), asc(milestones.id));
    const upcoming = rows
      .filter((row) => !row.done && row.date !== null && row.date >= '2026-01-01')
      .slice(0, 5)
      .map((row) => ({ ...toMilestone(row), dossierId: row.dossierId }));
    expect(upcoming.length).toBe(2);
    const [row] = await t.database.db
      .select({ json: upcomingMilestonesJson(sql.placeholder('ids'), sql.placeholder('day')) })
      .from(dossiers)
      .where(eq(dossiers.id, dossierId))
      .prepare('test.upcoming_milestones')
      .execute({ ids: [dossierId], day: '2026-01-01' });
    expect(row?.json).toEqual(upcoming);
  });
});
