import type { TFlagTargetType } from '@capitune/contracts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/database';
import { selectRows } from '../../platform/db/rows';

/** Open flags created since `since` (all targets), and open flags on one target: both in one statement. */
export async function openFlagCounts(
  db: Database,
  target: { type: TFlagTargetType; id: string },
  since: Date,
): Promise<{ recent: number; onTarget: number }> {
  const [row] = await selectRows(
    db,
    z.object({ recent: z.number(), onTarget: z.number() }),
    sql`
      select count(*) filter (where created_at > ${since})::int as recent,
             count(*) filter (where target_type = ${target.type} and target_id = ${target.id})::int as "onTarget"
        from flags
       where resolved_at is null
         and (created_at > ${since} or (target_type = ${target.type} and target_id = ${target.id}))`,
    'inside.open_flag_counts',
  );
  return row ?? { recent: 0, onTarget: 0 };
}
