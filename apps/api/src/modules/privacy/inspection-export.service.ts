import { Readable } from 'node:stream';
import { milestoneKindLabels, type TInspectionExportBody, type TLocale } from '@capitune/contracts';
import yazl from 'yazl';
import type { AppDeps } from '../../deps';
import { CSV_BOM, csvLine } from '../../lib/csv';
import { AppError } from '../../lib/errors';
import { cleanFileName } from '../../platform/storage/upload';
import { type Caller, dossierFor, requireRole } from '../access';
import { recordAudit } from '../audit';
import {
  auditPage,
  type InspectedAuditEntry,
  type InspectedDocument,
  type InspectedMessage,
  type InspectionRange,
  inspectedCounts,
  inspectedDocuments,
  inspectedDossier,
  inspectedMembers,
  inspectedMilestones,
  messagePage,
  personName,
} from './inspection-export.queries';
import {
  type InspectionIndex,
  type InspectionIndexDocument,
  inspectionIndexPdf,
  otherDocumentsLabel,
} from './inspection-index.pdf';

/**
 * The inspection export: what an inspector of the professional order (the CICC) expects of a client
 * file — the service agreement, every document version with its review, the conversation, the file's
 * audit trail and its milestones — as one ZIP with an index in PDF and JSON. For the pros of the firm
 * that holds the file, after a fresh step-up; audited.
 *
 * The ZIP is streamed: document files are read (and decrypted) from the store only when their turn
 * comes, and the conversation and audit trail are read a page at a time, so neither a large file nor a
 * long conversation is held in memory. The index, the milestones and the document list are built whole:
 * their size follows the number of versions and milestones, not the files.
 */

/** Rows read per statement for the conversation and the audit trail. */
const PAGE = 500;

const name = (first: string | null, last: string | null) => `${first ?? ''} ${last ?? ''}`.trim();
const iso = (at: Date | null) => at?.toISOString() ?? null;

/** A folder or file name inside the archive: no separators, no `..`, nothing a desktop refuses. */
function entryName(value: string): string {
  return cleanFileName(value.replace(/[\\/]/g, '-').replace(/^\.+$/, ''));
}

/**
 * `documents/<item>/v<N> - <file name>`: a folder per checklist item (per item and person when the item
 * concerns several people of the file), unique within the archive. Erased files (withdrawn versions) have
 * no path.
 */
function documentPaths(rows: readonly InspectedDocument[], locale: TLocale): (string | null)[] {
  const people = new Map<string, Set<string>>();
  for (const row of rows) {
    const item = row.itemId ?? '';
    people.set(item, (people.get(item) ?? new Set()).add(row.memberId));
  }
  const taken = new Set<string>();
  return rows.map((row) => {
    if (!row.blobKey) return null;
    const label = row.itemLabel?.[locale] ?? otherDocumentsLabel(locale);
    const shared = (people.get(row.itemId ?? '')?.size ?? 0) > 1;
    const folder = entryName(shared ? `${label} - ${row.memberName}` : label);
    const base = `documents/${folder}/${entryName(`v${row.version} - ${row.originalName}`)}`;
    const dot = base.lastIndexOf('.');
    const [stem, extension] =
      dot > base.lastIndexOf('/') ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
    let candidate = base;
    for (let copy = 2; taken.has(candidate.toLowerCase()); copy++)
      candidate = `${stem} (${copy})${extension}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

function indexDocument(
  row: InspectedDocument,
  path: string | null,
  locale: TLocale,
): InspectionIndexDocument {
  const decided = row.status === 'approved' || row.status === 'rejected';
  return {
    id: row.id,
    item: row.itemId ? { id: row.itemId, label: row.itemLabel?.[locale] ?? row.itemId } : null,
    member: { id: row.memberId, name: row.memberName, role: row.memberRole },
    version: row.version,
    status: row.status,
    decision: decided ? (row.status as 'approved' | 'rejected') : null,
    reviewer: row.reviewerId
      ? { id: row.reviewerId, name: name(row.reviewerFirstName, row.reviewerLastName) }
      : null,
    decidedAt: iso(row.reviewedAt),
    rejectionReason: row.rejectionReason,
    uploadedAt: row.uploadedAt.toISOString(),
    uploadedBy: row.uploaderFirstName
      ? { id: row.uploaderId, name: name(row.uploaderFirstName, row.uploaderLastName) }
      : null,
    originalName: row.originalName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    issueDate: row.issueDate,
    expiryDate: row.expiryDate,
    path,
  };
}

const agreementReadme = `Convention de service — Service agreement

FR
Aucune convention de service n’est encore versée à ce dossier sur la plateforme CAPITUNE\u00a0: les
conventions de service y arriveront avec la facturation. Si une convention a été signée en dehors de
la plateforme, le cabinet la conserve dans ses propres dossiers et la remet à l’inspecteur avec cette
exportation.

EN
No service agreement is on file for this client on the CAPITUNE platform yet: service agreements will
arrive with billing. If an agreement was signed outside the platform, the firm keeps it in its own
records and hands it to the inspector with this export.
`;

function messageOf(row: InspectedMessage) {
  return {
    seq: row.seq,
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    author: { id: row.authorId, name: name(row.authorFirstName, row.authorLastName), role: row.authorRole },
    body: row.body,
    documentIds: row.documentIds,
  };
}

function auditEntryOf(row: InspectedAuditEntry) {
  return {
    id: row.id,
    seq: row.seq,
    createdAt: row.createdAt.toISOString(),
    actor: row.actorId
      ? {
          id: row.actorId,
          name: row.actorRole ? name(row.actorFirstName, row.actorLastName) : null,
          role: row.actorRole,
        }
      : null,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    before: row.before,
    after: row.after,
    // The entry's link in the log's hash chain; addresses are left out (not needed to inspect the file).
    hash: row.hash,
  };
}

type Pages<T> = (after: number) => Promise<T[]>;

/** Every row of a keyset-read list, a page at a time. */
async function* rowsOf<T>(read: Pages<T>, keyOf: (row: T) => number): AsyncGenerator<T[]> {
  let after = 0;
  for (;;) {
    const page = await read(after);
    if (page.length > 0) yield page;
    const last = page[page.length - 1];
    if (page.length < PAGE || last === undefined) return;
    after = keyOf(last);
  }
}

/** A JSON array written a page at a time. */
async function* jsonArray<T>(pages: AsyncGenerator<T[]>, map: (row: T) => unknown): AsyncGenerator<Buffer> {
  let first = true;
  yield Buffer.from('[');
  for await (const page of pages) {
    const items = page.map((row) => JSON.stringify(map(row), null, 2).replace(/\n/g, '\n  '));
    yield Buffer.from(`${first ? '\n  ' : ',\n  '}${items.join(',\n  ')}`);
    first = false;
  }
  yield Buffer.from(first ? ']\n' : '\n]\n');
}

const messageCsvHeader = [
  'seq',
  'id',
  'created_at',
  'author_id',
  'author_name',
  'author_role',
  'body',
  'document_ids',
];

async function* messagesCsv(pages: AsyncGenerator<InspectedMessage[]>): AsyncGenerator<Buffer> {
  yield Buffer.from(CSV_BOM + csvLine(messageCsvHeader));
  for await (const page of pages) {
    const lines = page.map((row) => {
      const message = messageOf(row);
      return csvLine([
        String(message.seq),
        message.id,
        message.createdAt,
        message.author.id,
        message.author.name,
        message.author.role,
        message.body,
        message.documentIds.join(' '),
      ]);
    });
    yield Buffer.from(lines.join(''));
  }
}

/** A stream of bytes from a generator, for the ZIP. */
const streamOf = (chunks: AsyncGenerator<Buffer>) => Readable.from(chunks, { objectMode: false });

/**
 * The archive, streamed as it is read. A file that does not open or decrypt, or a statement that fails,
 * ends the stream with that error, and the response is cut: an export is never completed around a gap.
 */
function zipOf(
  deps: AppDeps,
  content: {
    index: InspectionIndex;
    documents: readonly InspectedDocument[];
    paths: readonly (string | null)[];
    milestones: unknown[];
    messages: () => AsyncGenerator<InspectedMessage[]>;
    audit: () => AsyncGenerator<InspectedAuditEntry[]>;
  },
) {
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  let reading: Readable | null = null;
  const fail = (error: Error) => output.destroy(error);
  zip.on('error', fail);
  // A client gone: what is being read is closed with the response.
  output.once('close', () => reading?.destroy());
  const mtime = new Date(content.index.generatedAt);
  /** An entry opened only when the ZIP reaches it; a file of known size is stored as it is. */
  const lazy = (
    path: string,
    options: { mtime: Date; compress?: boolean; size?: number },
    open: () => Readable | Promise<Readable>,
  ) =>
    zip.addReadStreamLazy(path, options, (give) => {
      Promise.resolve()
        .then(open)
        .then((stream) => {
          if (output.destroyed) {
            stream.destroy();
            return;
          }
          reading = stream;
          stream.once('error', fail);
          give(null, stream);
        }, fail);
    });
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

  lazy('index.pdf', { mtime }, () => inspectionIndexPdf(content.index));
  zip.addBuffer(json(content.index), 'index.json', { mtime });
  zip.addBuffer(Buffer.from(agreementReadme), 'service-agreement/README.txt', { mtime });
  content.documents.forEach((document, at) => {
    const path = content.paths[at];
    const key = document.blobKey;
    // PDF and image formats are compressed already.
    if (path && key)
      lazy(path, { mtime: document.uploadedAt, compress: false, size: document.sizeBytes }, () =>
        deps.storage.get(key),
      );
  });
  lazy('messages.json', { mtime }, () => streamOf(jsonArray(content.messages(), messageOf)));
  lazy('messages.csv', { mtime }, () => streamOf(messagesCsv(content.messages())));
  lazy('audit.json', { mtime }, () => streamOf(jsonArray(content.audit(), auditEntryOf)));
  zip.addBuffer(json(content.milestones), 'milestones.json', { mtime });
  zip.end();
  return output;
}

/** A pro of the firm that holds the file: anyone else is refused, without learning whether it exists. */
async function firmFile(deps: AppDeps, caller: Caller, dossierId: string, now: Date) {
  requireRole(caller, 'pro', 'Only the professionals of the firm holding a client file export it');
  try {
    return await dossierFor(deps.db, caller, dossierId, now, { only: 'pro' });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND')
      throw new AppError('FORBIDDEN', 'This client file is not held by your firm');
    throw error;
  }
}

/** `POST /api/dossiers/{id}/inspection-export`: the ZIP, streamed, and its file name. */
export async function exportForInspection(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  body: TInspectionExportBody,
): Promise<{ stream: Readable; fileName: string }> {
  const now = deps.clock.now();
  await firmFile(deps, caller, dossierId, now);
  await deps.requireStepUp(caller);
  const { locale } = body;
  const range: InspectionRange = {
    from: body.from ? new Date(body.from) : null,
    to: body.to ? new Date(body.to) : null,
  };
  const [dossier, members, documents, milestoneRows, counts, generatorName] = await Promise.all([
    inspectedDossier(deps.db, dossierId),
    inspectedMembers(deps.db, dossierId),
    inspectedDocuments(deps.db, dossierId, range),
    inspectedMilestones(deps.db, dossierId, range),
    inspectedCounts(deps.db, dossierId, range),
    personName(deps.db, caller.id),
  ]);
  if (!dossier) throw new AppError('NOT_FOUND', 'No such dossier');
  const paths = documentPaths(documents, locale);
  const milestones = milestoneRows.map((row) => ({
    id: row.id,
    kind: row.kind,
    kindLabel: milestoneKindLabels[locale][row.kind],
    label: row.label,
    date: row.date,
    done: row.done,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  }));
  const index: InspectionIndex = {
    format: 'capitune.inspection-export',
    formatVersion: 1,
    locale,
    generatedAt: now.toISOString(),
    generatedBy: { id: caller.id, name: generatorName },
    range: { from: iso(range.from), to: iso(range.to) },
    dossier: {
      id: dossier.id,
      program: { id: dossier.programId, name: dossier.programName[locale] },
      fileNumber: dossier.fileNumber,
      status: dossier.status,
      firm:
        dossier.organisationId && dossier.firmName
          ? { id: dossier.organisationId, name: dossier.firmName }
          : null,
      agent: dossier.agentId
        ? { id: dossier.agentId, name: name(dossier.agentFirstName, dossier.agentLastName) }
        : null,
      owner: { id: dossier.ownerId, name: name(dossier.ownerFirstName, dossier.ownerLastName) },
      members,
      openedAt: dossier.createdAt.toISOString(),
      closedAt: iso(dossier.closedAt),
      legalHold: dossier.legalHoldAt
        ? { since: dossier.legalHoldAt.toISOString(), reason: dossier.legalHoldReason }
        : null,
    },
    // Service agreements come with billing; none is kept by the platform yet.
    serviceAgreement: { onFile: false, path: 'service-agreement/README.txt' },
    counts: {
      documentVersions: documents.length,
      files: paths.filter(Boolean).length,
      messages: counts.messages,
      milestones: milestones.length,
      auditEntries: counts.auditEntries,
    },
    documents: documents.map((row, at) => indexDocument(row, paths[at] ?? null, locale)),
    files: {
      documents: 'documents/',
      messages: ['messages.json', 'messages.csv'],
      auditTrail: 'audit.json',
      milestones: 'milestones.json',
    },
  };
  await recordAudit(deps.db, {
    actorId: caller.id,
    action: 'dossier.inspection_exported',
    subjectType: 'dossier',
    subjectId: dossierId,
    dossierId,
    organisationId: dossier.organisationId,
    after: { range: index.range, locale, counts: index.counts },
    ip: caller.ip ?? null,
  });
  const stream = zipOf(deps, {
    index,
    documents,
    paths,
    milestones,
    messages: () =>
      rowsOf(
        (afterSeq) =>
          messagePage(deps.db, { dossierId, range, afterSeq, lastSeq: counts.lastSeq, limit: PAGE }),
        (row) => row.seq,
      ),
    audit: () =>
      rowsOf(
        (afterId) =>
          auditPage(deps.db, { dossierId, range, afterId, lastId: counts.lastAuditId, limit: PAGE }),
        (row) => row.id,
      ),
  });
  const day = now.toISOString().slice(0, 10);
  return { stream, fileName: `inspection-${dossierId.slice(0, 8)}-${day}.zip` };
}
