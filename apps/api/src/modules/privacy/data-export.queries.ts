import type { TLocale } from '@capitune/contracts';
import { and, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { dataExports, documents, proProfiles, proVerifications, users } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { returnedRow, selectRows } from '../../platform/db/rows';
import type { Transaction } from '../../platform/db/transaction';
import type { ExportedSection, RowClause } from './export-sections';

/** Every statement of the personal data export: its requests, and the reading of a person's rows. */

export type DataExportRow = typeof dataExports.$inferSelect;

/** The requests of one person wait for each other: one export in progress at a time. */
export async function lockPersonExports(tx: Transaction, userId: string): Promise<void> {
  await tx.db.execute(
    sql`select pg_advisory_xact_lock(hashtext('capitune.data-export'), hashtext(${userId}))`,
  );
}

export async function exportInProgress(db: Database, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: dataExports.id })
    .from(dataExports)
    .where(and(eq(dataExports.userId, userId), inArray(dataExports.status, ['queued', 'building'])))
    .limit(1);
  return row !== undefined;
}

export async function insertExport(
  db: Database,
  values: { userId: string; requestedAt: Date },
): Promise<DataExportRow> {
  return returnedRow(await db.insert(dataExports).values(values).returning(), 'data export insert');
}

export async function exportById(db: Database, id: string): Promise<DataExportRow | undefined> {
  const [row] = await db.select().from(dataExports).where(eq(dataExports.id, id));
  return row;
}

/** The person's latest requests (`data_exports_user_idx`). */
export function exportsOf(db: Database, userId: string, limit: number): Promise<DataExportRow[]> {
  return db
    .select()
    .from(dataExports)
    .where(eq(dataExports.userId, userId))
    .orderBy(desc(dataExports.requestedAt), desc(dataExports.id))
    .limit(limit);
}

/** Takes a queued (or retried) export for building; none when it is done or gone. */
export async function claimExport(db: Database, id: string): Promise<DataExportRow | undefined> {
  const [row] = await db
    .update(dataExports)
    .set({ status: 'building', error: null })
    .where(and(eq(dataExports.id, id), inArray(dataExports.status, ['queued', 'building', 'failed'])))
    .returning();
  return row;
}

export async function markExportReady(
  db: Database,
  id: string,
  values: { blobKey: string; sizeBytes: number; readyAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .update(dataExports)
    .set({ status: 'ready', ...values, error: null })
    .where(eq(dataExports.id, id));
}

/** A try that failed: `failed` after the last one, otherwise still `building` until the retry. */
export async function markExportFailed(
  db: Database,
  id: string,
  error: string,
  final: boolean,
): Promise<void> {
  await db
    .update(dataExports)
    .set({ status: final ? 'failed' : 'building', error })
    .where(and(eq(dataExports.id, id), eq(dataExports.status, 'building')));
}

export async function recordExportDownload(db: Database, id: string, now: Date): Promise<void> {
  await db
    .update(dataExports)
    .set({ downloadedAt: now, downloadCount: sql`${dataExports.downloadCount} + 1` })
    .where(eq(dataExports.id, id));
}

/** Whom the export's email goes to. */
export async function exportRecipient(db: Database, userId: string) {
  const [row] = await db
    .select({
      email: users.email,
      firstName: users.firstName,
      locale: users.locale,
      timeZone: users.timeZone,
      deletedAt: users.deletedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row as
    | { email: string; firstName: string; locale: TLocale; timeZone: string; deletedAt: Date | null }
    | undefined;
}

/* ------------------------------------------------------------ reading a person's rows */

/**
 * The export reads in one read-only, repeatable-read transaction: every file of the ZIP shows the data
 * at one instant, and dates are written in UTC.
 */
export async function beginExportSnapshot(tx: Transaction): Promise<void> {
  await tx.client.query('set transaction isolation level repeatable read, read only');
  await tx.client.query(`set local timezone to 'UTC'`);
}

const column = (name: string) => sql.identifier(name);

function clauseSql(clause: RowClause, person: { id: string; email: string }): SQL {
  if ('by' in clause) return sql`${column(clause.by)} = ${person.id}`;
  if ('ownDossier' in clause) {
    return sql`${column(clause.ownDossier)} in (select d.id from dossiers d where d.owner_id = ${person.id})`;
  }
  if ('wroteIn' in clause) {
    // The conversations the person took part in (posting moves their read mark): the index
    // (dossier_id, author_id, …) of messages answers it, where author_id alone has none.
    const { dossier, author } = clause.wroteIn;
    return sql`(${column(dossier)} in (select r.dossier_id from message_reads r where r.user_id = ${person.id})
      and ${column(author)} = ${person.id})`;
  }
  if ('email' in clause) return sql`${column(clause.email)} = ${person.email}`;
  const { type, id } = clause.aboutPerson;
  return sql`(${column(type)} = 'user' and ${column(id)} = ${person.id})`;
}

/** The section's select: its columns (another's id as `<column>_is_you`), its rows, in order. */
function sectionSelect(table: string, section: ExportedSection, person: { id: string; email: string }) {
  const columns = section.columns.map((name) => {
    if (section.isYou?.includes(name)) {
      return sql`coalesce(${column(name)} = ${person.id}, false) as ${column(`${name}_is_you`)}`;
    }
    const owner = section.ownOnly?.[name];
    if (owner)
      return sql`case when ${column(owner)} = ${person.id} then ${column(name)} end as ${column(name)}`;
    return column(name);
  });
  let where = sql.join(
    section.where.map((clause) => clauseSql(clause, person)),
    sql` or `,
  );
  const conversation = section.where.find((clause) => 'wroteIn' in clause);
  if (conversation && section.where.every((clause) => 'wroteIn' in clause || 'ownDossier' in clause)) {
    // Every row is in one of the person's dossiers or conversations: saying so first lets the planner
    // read those dossiers through the (dossier_id, …) index instead of scanning every message for the OR.
    const dossier = column(conversation.wroteIn.dossier);
    where = sql`${dossier} in (select d.id from dossiers d where d.owner_id = ${person.id}
        union select r.dossier_id from message_reads r where r.user_id = ${person.id})
      and (${where})`;
  }
  return sql`select ${sql.join(columns, sql`, `)} from ${sql.identifier(table)} where ${where}
    order by ${sql.join(section.order.map(column), sql`, `)}`;
}

/** The header of a section's CSV: its columns as exported. */
export function sectionHeader(section: ExportedSection): string[] {
  return section.columns.map((name) => (section.isYou?.includes(name) ? `${name}_is_you` : name));
}

const ZJsonRow = z.object({ row: z.record(z.string(), z.unknown()) });

/**
 * A section's rows in batches, through a server-side cursor: never more than `batch` rows in memory.
 * Each row is built as JSON by PostgreSQL (dates ISO 8601, arrays and JSON as they are).
 */
export async function* sectionRows(
  tx: Transaction,
  table: string,
  section: ExportedSection,
  person: { id: string; email: string },
  batch = 500,
): AsyncGenerator<Record<string, unknown>[]> {
  const cursor = sql.identifier(`export_${table}`);
  await tx.db.execute(
    sql`declare ${cursor} no scroll cursor for
      select row_to_json(x) as row from (${sectionSelect(table, section, person)}) x`,
  );
  try {
    for (;;) {
      const rows = await selectRows(
        tx.db,
        ZJsonRow,
        sql`fetch ${sql.raw(String(batch))} from ${cursor}`,
        `export rows of ${table}`,
      );
      if (rows.length > 0) yield rows.map((entry) => entry.row);
      if (rows.length < batch) break;
    }
  } finally {
    await tx.db.execute(sql`close ${cursor}`).catch(() => undefined);
  }
}

/* ------------------------------------------------------------ the person's files */

export interface ExportFile {
  /** Where it goes in the ZIP, under `files/`. */
  kind: 'documents' | 'verification' | 'photo';
  /** Unique within its kind: the document's id, or the file's role. */
  id: string;
  name: string;
  blobKey: string;
  at: Date;
}

/**
 * The files the person uploaded: their documents (every version still stored), their verification files
 * and their photo as a pro. Only their descriptions are read here, a few hundred bytes each.
 */
export async function filesOf(tx: Transaction, userId: string): Promise<ExportFile[]> {
  const uploaded = await tx.db
    .select({
      id: documents.id,
      name: documents.originalName,
      blobKey: documents.blobKey,
      at: documents.createdAt,
    })
    .from(documents)
    .where(and(eq(documents.uploadedBy, userId), isNotNull(documents.blobKey)))
    .orderBy(documents.createdAt, documents.id);
  const [verification] = await tx.db
    .select({
      identity: proVerifications.identityDocument,
      capture: proVerifications.registerCapture,
    })
    .from(proVerifications)
    .where(eq(proVerifications.userId, userId));
  const [profile] = await tx.db
    .select({ photo: proProfiles.photo })
    .from(proProfiles)
    .where(eq(proProfiles.userId, userId));
  const files: ExportFile[] = uploaded.map((file) => ({
    kind: 'documents',
    id: file.id,
    name: file.name,
    blobKey: file.blobKey as string,
    at: file.at,
  }));
  for (const [role, ref] of [
    ['identity-document', verification?.identity],
    ['register-capture', verification?.capture],
  ] as const) {
    if (ref) {
      files.push({
        kind: 'verification',
        id: role,
        name: ref.originalName,
        blobKey: ref.key,
        at: new Date(ref.uploadedAt),
      });
    }
  }
  const photo = profile?.photo;
  if (photo) {
    const extension = photo.contentType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';
    files.push({
      kind: 'photo',
      id: 'photo',
      name: `photo.${extension}`,
      blobKey: photo.key,
      at: new Date(photo.uploadedAt),
    });
  }
  return files;
}
