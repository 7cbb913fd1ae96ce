import type { TLocalized } from '@capitune/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { checklistItems, organisations, users } from '../../db/schema';
import type { Database } from '../../platform/db/database';

/** A line of the dossier's program checklist (active), with its label in both languages. */
export async function programItem(
  db: Database,
  programId: string,
  itemId: string,
): Promise<{ id: string; label: TLocalized } | undefined> {
  const [row] = await db
    .select({ id: checklistItems.id, label: checklistItems.label })
    .from(checklistItems)
    .where(
      and(
        eq(checklistItems.id, itemId),
        eq(checklistItems.programId, programId),
        eq(checklistItems.active, true),
      ),
    );
  return row;
}

/** The asking pro's name and firm, as the candidate reads them. */
export async function proName(
  db: Database,
  userId: string,
  organisationId: string | null,
): Promise<{ name: string; firm: string | null }> {
  const [row] = await db
    .select({
      name: sql<string>`${users.firstName} || ' ' || ${users.lastName}`,
      firm: sql<
        string | null
      >`(select ${organisations.name} from ${organisations} where ${organisations.id} = ${organisationId})`,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? { name: '', firm: null };
}
