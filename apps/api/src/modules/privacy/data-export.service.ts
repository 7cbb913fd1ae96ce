import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { TDataExport } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import { inTransaction } from '../../platform/jobs/jobs';
import type { Caller } from '../access';
import { recordAudit } from '../audit';
import { EXPORT_BUILD_QUEUE, type ExportBuildJob } from './data-export.job';
import {
  type DataExportRow,
  exportById,
  exportInProgress,
  exportsOf,
  insertExport,
  lockPersonExports,
  recordExportDownload,
} from './data-export.queries';

/** The requests shown on the privacy page: the latest ones. */
const LISTED_EXPORTS = 20;

/**
 * The download link is signed rather than stored: HMAC-SHA256 of `<id>.<expires>` under a key derived
 * from the server secret for this use alone. It works without a session (a download manager, another
 * browser of the owner) and only until `expires`; it is handed only to the owner.
 */
const linkKeys = new WeakMap<Uint8Array, Buffer>();
function linkKey(secret: Uint8Array): Buffer {
  let key = linkKeys.get(secret);
  if (!key) {
    key = createHmac('sha256', secret).update('capitune:data-export-link:v1').digest();
    linkKeys.set(secret, key);
  }
  return key;
}

export function exportLinkSignature(deps: AppDeps, id: string, expires: number): string {
  return createHmac('sha256', linkKey(deps.config.jwtSecret)).update(`${id}.${expires}`).digest('base64url');
}

function downloadUrlOf(deps: AppDeps, id: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  const signature = exportLinkSignature(deps, id, expires);
  return `${deps.config.publicUrl}/api/data-exports/${id}/download?expires=${expires}&signature=${signature}`;
}

/** A ready export past its date is shown expired before the retention job removes its file. */
function viewOf(deps: AppDeps, row: DataExportRow): TDataExport {
  const lapsed = row.status === 'ready' && (!row.expiresAt || row.expiresAt <= deps.clock.now());
  const status = lapsed ? 'expired' : row.status;
  return {
    id: row.id,
    status,
    requestedAt: row.requestedAt.toISOString(),
    readyAt: row.readyAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    sizeBytes: row.sizeBytes ?? null,
    downloadUrl:
      status === 'ready' && row.expiresAt && row.blobKey ? downloadUrlOf(deps, row.id, row.expiresAt) : null,
    downloadedAt: row.downloadedAt?.toISOString() ?? null,
  };
}

/**
 * A person asks for their data: after a fresh step-up, one request at a time. The row and its job are
 * written in one transaction, so a request exists exactly when its job does.
 */
export async function requestDataExport(deps: AppDeps, caller: Caller): Promise<TDataExport> {
  await deps.requireStepUp(caller);
  return withTransaction(deps.pool, async (tx) => {
    await lockPersonExports(tx, caller.id);
    if (await exportInProgress(tx.db, caller.id)) {
      throw new AppError('EXPORT_IN_PROGRESS', 'An export of your data is already being prepared');
    }
    const row = await insertExport(tx.db, { userId: caller.id, requestedAt: deps.clock.now() });
    const job: ExportBuildJob = { exportId: row.id };
    await deps.jobs.send(EXPORT_BUILD_QUEUE, job, inTransaction(tx.client));
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'privacy.export_requested',
      subjectType: 'data_export',
      subjectId: row.id,
      ip: caller.ip ?? null,
    });
    return viewOf(deps, row);
  });
}

/** One of the caller's exports; another person's is a 404, as if it did not exist. */
export async function getDataExport(deps: AppDeps, caller: Caller, id: string): Promise<TDataExport> {
  const row = await exportById(deps.db, id);
  if (!row || row.userId !== caller.id) throw new AppError('NOT_FOUND', 'No such export');
  return viewOf(deps, row);
}

export async function listDataExports(deps: AppDeps, caller: Caller): Promise<{ items: TDataExport[] }> {
  const rows = await exportsOf(deps.db, caller.id, LISTED_EXPORTS);
  return { items: rows.map((row) => viewOf(deps, row)) };
}

function signatureMatches(deps: AppDeps, id: string, expires: number, signature: string): boolean {
  const expected = Buffer.from(exportLinkSignature(deps, id, expires));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const expired = () => new AppError('EXPORT_EXPIRED', 'This download link has expired');

/**
 * The signed link: the signature is checked first (a forged link learns nothing), then its date and the
 * export's state. Each download is audited in the owner's name and counted.
 */
export async function downloadDataExport(
  deps: AppDeps,
  link: { id: string; expires: number; signature: string; ip?: string | undefined },
): Promise<{ stream: Readable; size: number | null; fileName: string }> {
  if (!signatureMatches(deps, link.id, link.expires, link.signature)) {
    throw new AppError('FORBIDDEN', 'This download link is not valid');
  }
  const now = deps.clock.now();
  if (link.expires * 1000 <= now.getTime()) throw expired();
  const row = await exportById(deps.db, link.id);
  if (!row) throw expired();
  if (row.status === 'queued' || row.status === 'building' || row.status === 'failed') {
    throw new AppError('EXPORT_NOT_READY', 'This export is not ready');
  }
  const blobKey = row.blobKey;
  if (row.status !== 'ready' || !blobKey || !row.expiresAt || row.expiresAt <= now) throw expired();
  if (!(await deps.storage.exists(blobKey))) throw expired();
  await withTransaction(deps.pool, async (tx) => {
    await recordExportDownload(tx.db, row.id, now);
    await recordAudit(tx.db, {
      actorId: row.userId,
      action: 'privacy.export_downloaded',
      subjectType: 'data_export',
      subjectId: row.id,
      after: { sizeBytes: row.sizeBytes, downloadCount: row.downloadCount + 1 },
      ip: link.ip ?? null,
    });
  });
  const day = (row.readyAt ?? now).toISOString().slice(0, 10);
  return {
    stream: await deps.storage.get(blobKey),
    size: row.sizeBytes,
    fileName: `capitune-data-${day}.zip`,
  };
}
