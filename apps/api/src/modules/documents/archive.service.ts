import type { Readable } from 'node:stream';
import type { TLocale } from '@capitune/contracts';
import yazl from 'yazl';
import type { AppDeps } from '../../deps';
import { cleanFileName } from '../../platform/storage/upload';
import { type Caller, dossierFor } from '../access';
import { recordAudit } from '../audit';
import { type ArchivedDocument, currentDocuments } from './documents.queries';

/** A folder or file name inside the archive: no separators, no `..`, nothing a desktop refuses. */
function entryName(name: string): string {
  return cleanFileName(name.replace(/[\\/]/g, '-').replace(/^\.+$/, ''));
}

/** `<member>/<item> - <file name>`, unique within the archive. */
function entryPaths(files: readonly ArchivedDocument[], locale: TLocale): string[] {
  const taken = new Set<string>();
  return files.map((file) => {
    const label = file.itemLabel?.[locale];
    const base = `${entryName(file.memberName)}/${entryName(label ? `${label} - ${file.originalName}` : file.originalName)}`;
    const dot = base.lastIndexOf('.');
    const [stem, extension] = dot > base.indexOf('/') ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
    let candidate = base;
    for (let copy = 2; taken.has(candidate.toLowerCase()); copy++)
      candidate = `${stem} (${copy})${extension}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/**
 * The dossier's current documents as one ZIP, streamed: each file is read and decrypted only when its
 * turn comes, stored as it is (PDF and image formats are compressed already). A file that does not open
 * or decrypt ends the stream with that error, and the response is cut: an archive is never completed
 * around a refused file.
 */
function zipOf(deps: AppDeps, files: readonly ArchivedDocument[], locale: TLocale) {
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  let reading: Readable | null = null;
  const fail = (error: Error) => output.destroy(error);
  zip.on('error', fail);
  // A client gone: the file being read is closed with the response.
  output.once('close', () => reading?.destroy());
  entryPaths(files, locale).forEach((entryPath, index) => {
    const file = files[index] as ArchivedDocument;
    zip.addReadStreamLazy(
      entryPath,
      { mtime: new Date(file.createdAt), compress: false, size: file.sizeBytes },
      (give) => {
        deps.storage.get(file.blobKey).then((stream) => {
          if (output.destroyed) {
            stream.destroy();
            return;
          }
          reading = stream;
          stream.once('error', fail);
          give(null, stream);
        }, fail);
      },
    );
  });
  let size = -1;
  // Every entry's size is given and nothing is compressed: the archive's size is known before a byte.
  // (@types/yazl leaves out the callback's argument.)
  const sizeKnown = (total: number) => {
    size = total;
  };
  zip.end(undefined, sizeKnown as () => void);
  return { stream: output, size };
}

/**
 * The whole dossier, for its owner and the firm's pros: a sensitive export, so it needs a fresh
 * step-up, and each download is audited.
 */
export async function downloadDossierArchive(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  locale: TLocale,
) {
  await dossierFor(deps.db, caller, dossierId, deps.clock.now());
  await deps.requireStepUp(caller);
  const files = await currentDocuments(deps.db, dossierId);
  await recordAudit(deps.db, {
    actorId: caller.id,
    action: 'dossier.archive_downloaded',
    subjectType: 'dossier',
    subjectId: dossierId,
    dossierId,
    after: { documents: files.length },
    ip: caller.ip,
  });
  const { stream, size } = zipOf(deps, files, locale);
  const day = deps.clock.now().toISOString().slice(0, 10);
  return { stream, size, fileName: `dossier-${dossierId.slice(0, 8)}-${day}.zip` };
}
