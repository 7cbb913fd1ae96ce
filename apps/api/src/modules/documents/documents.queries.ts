import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { checklistItems, documents, dossierMembers, expiryNotices, pendingUploads } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { returnedRow, selectRows } from '../../platform/db/rows';
import { keepsDossiers } from '../access';

/** Every statement of the documents module: documents and their versions, expiry notices, abandoned uploads. */

export type DocumentRow = typeof documents.$inferSelect;
type NewDocument = typeof documents.$inferInsert;
type DocumentChange = Partial<
  Pick<DocumentRow, 'status' | 'rejectionReason' | 'reviewedBy' | 'reviewedAt' | 'blobKey'>
> &
  Partial<Pick<DocumentRow, 'issueDate' | 'expiryDate' | 'expiryDateManual'>>;

export async function memberOfDossier(db: Database, memberId: string, dossierId: string) {
  const [member] = await db
    .select()
    .from(dossierMembers)
    .where(and(eq(dossierMembers.id, memberId), eq(dossierMembers.dossierId, dossierId)));
  return member;
}

/** A checklist item, of this program when one is given. */
export async function checklistItem(db: Database, itemId: string, programId?: string) {
  const [item] = await db
    .select()
    .from(checklistItems)
    .where(
      and(
        eq(checklistItems.id, itemId),
        programId === undefined ? undefined : eq(checklistItems.programId, programId),
      ),
    );
  return item;
}

const ZNextVersion = z.object({ next: z.number() });

/** The version the next upload of this line (item and member) of the dossier gets. */
export async function nextVersion(
  db: Database,
  line: { dossierId: string; memberId: string; itemId: string | null },
): Promise<number> {
  const [row] = await selectRows(
    db,
    ZNextVersion,
    sql`
          select coalesce(max(version), 0) + 1 as next from documents
          where dossier_id = ${line.dossierId} and member_id = ${line.memberId}
            and item_id is not distinct from ${line.itemId}`,
    'documents.next_version',
  );
  return row?.next ?? 1;
}

export async function insertDocument(db: Database, document: NewDocument): Promise<DocumentRow> {
  return returnedRow(await db.insert(documents).values(document).returning(), 'document insert');
}

/** A document by id, row-locked (in a transaction) when asked. */
export async function documentById(
  db: Database,
  documentId: string,
  options: { lock?: boolean } = {},
): Promise<DocumentRow | undefined> {
  const query = db.select().from(documents).where(eq(documents.id, documentId));
  const [document] = options.lock ? await query.for('update') : await query;
  return document;
}

export async function updateDocument(
  db: Database,
  documentId: string,
  change: DocumentChange,
): Promise<DocumentRow> {
  const rows = await db.update(documents).set(change).where(eq(documents.id, documentId)).returning();
  return returnedRow(rows, 'document update');
}

const ZDueDocument = z.object({ id: z.string() });

/**
 * The latest versions (not withdrawn) of documents pending or approved that expire between `today` and
 * `until` and were not warned at `threshold` days yet: 1000 at most, soonest first.
 */
export async function documentsToWarn(
  db: Database,
  window: { today: string; until: string; threshold: number },
): Promise<string[]> {
  const rows = await selectRows(
    db,
    ZDueDocument,
    sql`
      select d.id from documents d
      where d.status in ('pending', 'approved') and d.expiry_date is not null
        and d.expiry_date <= ${window.until} and d.expiry_date >= ${window.today}
        and not exists (select 1 from expiry_notices n where n.document_id = d.id and n.threshold_days = ${window.threshold})
        and d.version = (select max(v.version) from documents v where v.dossier_id = d.dossier_id
          and v.member_id = d.member_id and v.item_id is not distinct from d.item_id and v.status <> 'withdrawn')
      order by d.expiry_date limit 1000`,
    'documents.to_warn',
  );
  return rows.map((row) => row.id);
}

/** Records the notices of these thresholds for a document; the thresholds newly claimed (the others were sent). */
export async function claimExpiryNotices(
  db: Database,
  documentId: string,
  thresholds: number[],
  now: Date,
): Promise<number[]> {
  const claimed = await db
    .insert(expiryNotices)
    .values(thresholds.map((days) => ({ documentId, thresholdDays: days, sentAt: now })))
    .onConflictDoNothing()
    .returning();
  return claimed.map((row) => row.thresholdDays);
}

/**
 * A document with its dossier's owner and the pro in charge, if that pro's licence still opens the
 * dossier on `today` (a pro who lost it is not told about its documents).
 */
export async function documentWithParticipants(db: Database, documentId: string, today: string) {
  const [row] = await db
    .select({
      document: documents,
      ownerId: sql<string>`dossiers.owner_id`,
      agentId: sql<string | null>`case when ${keepsDossiers(sql`dossiers.agent_id`, today)}
          then dossiers.agent_id end`,
    })
    .from(documents)
    .innerJoin(sql`dossiers`, sql`dossiers.id = ${documents.dossierId}`)
    .where(eq(documents.id, documentId));
  return row;
}

/** Uploads begun before `before` that never finished (at most `limit`). */
export async function abandonedUploads(db: Database, before: Date, limit: number) {
  return db.select().from(pendingUploads).where(lt(pendingUploads.createdAt, before)).limit(limit);
}

const ZArchivedDocument = z.object({
  id: z.string(),
  blobKey: z.string(),
  originalName: z.string(),
  sizeBytes: z.number(),
  createdAt: z.string(),
  memberName: z.string(),
  itemLabel: z.object({ fr: z.string(), en: z.string() }).nullable(),
});
export type ArchivedDocument = z.infer<typeof ZArchivedDocument>;

/**
 * The dossier's current documents: for each line (item and member), the latest version not withdrawn,
 * when it is pending or approved and its file is kept; by member, then checklist order.
 */
export async function currentDocuments(db: Database, dossierId: string): Promise<ArchivedDocument[]> {
  return selectRows(
    db,
    ZArchivedDocument,
    sql`
    select d.id, d.blob_key as "blobKey", d.original_name as "originalName",
      d.size_bytes as "sizeBytes", d.created_at as "createdAt", m.full_name as "memberName",
      i.label as "itemLabel"
    from documents d
      join dossier_members m on m.id = d.member_id
      left join checklist_items i on i.id = d.item_id
    where d.dossier_id = ${dossierId} and d.status in ('pending', 'approved') and d.blob_key is not null
      and d.version = (select max(v.version) from documents v where v.dossier_id = d.dossier_id
        and v.member_id = d.member_id and v.item_id is not distinct from d.item_id and v.status <> 'withdrawn')
    order by m.created_at, m.id, i.sort_order nulls last, d.created_at`,
    'documents.current',
  );
}

const ZFileInClear = z.object({
  id: z.string(),
  dossierId: z.string(),
  blobKey: z.string(),
  contentType: z.string(),
});

/**
 * Documents whose file was stored before files were encrypted (it has no data key), `limit` at most, in
 * no order: a file that cannot be read does not hold back the others.
 */
export async function documentsStoredInClear(db: Database, limit: number) {
  return selectRows(
    db,
    ZFileInClear,
    sql`
      select d.id, d.dossier_id as "dossierId", d.blob_key as "blobKey", d.content_type as "contentType"
      from documents d
      where d.blob_key is not null and not exists (select 1 from blob_keys k where k.blob_key = d.blob_key)
      order by random() limit ${limit}`,
    'documents.stored_in_clear',
  );
}

/** Points a document at another file, if it still points at `from`; whether it did. */
export async function repointDocumentFile(db: Database, documentId: string, from: string, to: string) {
  const rows = await db
    .update(documents)
    .set({ blobKey: to })
    .where(and(eq(documents.id, documentId), eq(documents.blobKey, from)))
    .returning({ id: documents.id });
  return rows.length === 1;
}
