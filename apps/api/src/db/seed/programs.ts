import { notInArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database';
import { checklistItems, programs } from '../schema';
import { programCatalogue } from './catalogue';

/**
 * Brings the programs catalogue in line with `catalogue.ts`: inserts what is new, updates what
 * changed, deactivates what was removed (documents may still point at it). Run at every start.
 */
export async function syncProgramCatalogue(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    const programRows = programCatalogue.map((program, index) => ({
      id: program.id,
      name: program.name,
      description: program.description,
      sortOrder: index,
      active: true,
    }));
    await tx
      .insert(programs)
      .values(programRows)
      .onConflictDoUpdate({
        target: programs.id,
        set: {
          name: sql`excluded.name`,
          description: sql`excluded.description`,
          sortOrder: sql`excluded.sort_order`,
          active: sql`true`,
        },
      });
    const itemRows = programCatalogue.flatMap((program) =>
      program.items.map((item, index) => ({
        id: `${program.id}.${item.documentType}`,
        programId: program.id,
        documentType: item.documentType,
        required: item.required,
        concerns: item.concerns,
        label: item.label,
        help: item.help,
        expiryRule: item.expiryRule,
        sortOrder: index,
        active: true,
      })),
    );
    await tx
      .insert(checklistItems)
      .values(itemRows)
      .onConflictDoUpdate({
        target: checklistItems.id,
        set: {
          required: sql`excluded.required`,
          concerns: sql`excluded.concerns`,
          label: sql`excluded.label`,
          help: sql`excluded.help`,
          expiryRule: sql`excluded.expiry_rule`,
          sortOrder: sql`excluded.sort_order`,
          active: sql`true`,
        },
      });
    const programIds = programRows.map((row) => row.id);
    const itemIds = itemRows.map((row) => row.id);
    await tx.update(programs).set({ active: false }).where(notInArray(programs.id, programIds));
    await tx.update(checklistItems).set({ active: false }).where(notInArray(checklistItems.id, itemIds));
  });
}
