import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, type Readable, Transform } from 'node:stream';
import { eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { pendingUploads } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { BlobStore } from './blob-store';

/** What storing an upload needs: the database (its journal), the store, the clock and the idle limit. */
export interface UploadDeps {
  db: Database;
  storage: BlobStore;
  clock: Clock;
  config: { uploadIdleTimeoutMs: number };
}

/** Enough bytes for `file-type` to recognise every allowed format. */
const SNIFF_BYTES = 4100;

export interface IncomingFile {
  filename: string;
  stream: Readable;
  /** True once the stream stopped at the size limit. */
  truncated(): boolean;
}

/** A file written to the blob store, before its row points at it. */
export interface StoredUpload {
  key: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** Reads the first bytes of a stream, and gives a stream of the whole content again. */
function sniff(stream: Readable): Promise<{ head: Buffer; whole: Readable }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (ended: boolean) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', reject);
      stream.pause();
      const head = Buffer.concat(chunks);
      const whole = new PassThrough();
      // A body cut short may fail it while the caller still awaits (the type, the journal): heard here so it
      // cannot end the process, and read by the caller from `whole.errored`.
      whole.on('error', () => undefined);
      whole.write(head);
      if (ended) whole.end();
      else {
        stream.once('error', (error) => whole.destroy(error));
        stream.pipe(whole);
      }
      resolve({ head, whole });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= SNIFF_BYTES) finish(false);
    };
    const onEnd = () => finish(true);
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', reject);
  });
}

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks): they make "passport\u202Efdp.exe" read
 * "passportexe.pdf" on screen.
 */
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A file name safe to show and to send back in Content-Disposition. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base.normalize('NFC').replace(bidiControls, '')]
    .filter((char) => char !== '"' && char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 200);
  return clean || 'document';
}

/** Other spellings of the extensions `file-type` gives. */
const extensionAliases: Record<string, string[]> = {
  jpg: ['jpeg', 'jpe', 'jfif'],
  heic: ['heif'],
  tif: ['tiff'],
};

/**
 * The name with the extension of the type its bytes show: "passport.exe" that is a PDF becomes
 * "passport.pdf", so the file opens with the right program once downloaded. A matching extension is kept
 * as it was written ("Photo.JPEG").
 */
export function nameWithExtension(name: string, extension: string): string {
  const dot = name.lastIndexOf('.');
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (current === extension || extensionAliases[extension]?.includes(current)) return name;
  const stem = (dot > 0 ? name.slice(0, dot) : name).trim().slice(0, 190);
  return `${stem || 'document'}.${extension}`;
}

/**
 * The file's bytes, failing with UPLOAD_INCOMPLETE when none come for `idleMs` (a client that stopped
 * sending, or a store that stopped accepting them): the request is answered instead of held open, and
 * the multipart parser stops once its file stream is destroyed.
 */
function withIdleLimit(stream: Readable, idleMs: number): Readable {
  const watched = new PassThrough();
  const stop = () => {
    const error = new AppError('UPLOAD_INCOMPLETE', 'The upload stopped before the end');
    stream.destroy(error);
    watched.destroy(error);
  };
  const timer = setTimeout(stop, idleMs);
  stream.on('data', () => timer.refresh());
  const done = () => clearTimeout(timer);
  stream.once('end', done);
  stream.once('close', done);
  stream.once('error', (error) => {
    done();
    watched.destroy(error);
  });
  watched.once('close', done);
  stream.pipe(watched);
  return watched;
}

function isStreamFailure(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return (
    code === 'ECONNRESET' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    /premature|aborted|Unexpected end/i.test(String(error))
  );
}

/**
 * Writes an uploaded file under `<prefix>/<uuid>` once its bytes (never its name) show an allowed type,
 * journalled in `pending_uploads` so that the hourly sweep deletes it if the row never comes. The caller
 * records the row and then calls `keepUpload`, or `discardUpload` when it fails. Too large, cut off or
 * empty: nothing is left behind.
 */
export async function storeUpload(
  deps: UploadDeps,
  prefix: string,
  file: IncomingFile,
  rules: { allowed: readonly string[]; maxBytes: number },
): Promise<StoredUpload> {
  const tooLarge = () =>
    new AppError('PAYLOAD_TOO_LARGE', `Files are limited to ${rules.maxBytes / 1024 / 1024} MB`);
  // A body cut short while the service checked access: the parser has destroyed the stream with its error.
  if (file.stream.errored || file.stream.destroyed)
    throw new AppError('UPLOAD_INCOMPLETE', 'The upload was cut off before the end');
  let sniffed: { head: Buffer; whole: Readable };
  try {
    sniffed = await sniff(withIdleLimit(file.stream, deps.config.uploadIdleTimeoutMs));
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (error instanceof AppError) throw error;
    throw new AppError('UPLOAD_INCOMPLETE', 'The upload was cut off before the end');
  }
  const { head, whole } = sniffed;
  const type = await fileTypeFromBuffer(head);
  if (!type || !rules.allowed.includes(type.mime)) {
    whole.resume();
    throw new AppError('FILE_TYPE_NOT_ALLOWED', `Detected type: ${type?.mime ?? 'unknown'}`);
  }
  const key = `${prefix}/${randomUUID()}`;
  await journalUpload(deps, key);
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    if (whole.errored || whole.destroyed)
      throw new AppError('UPLOAD_INCOMPLETE', 'The upload was cut off before the end');
    whole.on('error', (error) => counter.destroy(error));
    await deps.storage.put(key, whole.pipe(counter), type.mime);
    if (file.truncated() || size > rules.maxBytes) throw tooLarge();
    if (size === 0) throw new AppError('UPLOAD_INCOMPLETE', 'The file is empty');
  } catch (error) {
    await discardUpload(deps, key);
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (isStreamFailure(error))
      throw new AppError('UPLOAD_INCOMPLETE', 'The upload was cut off before the end');
    throw error;
  }
  return {
    key,
    originalName: nameWithExtension(cleanFileName(file.filename), type.ext),
    contentType: type.mime,
    sizeBytes: size,
    sha256: hash.digest('hex'),
  };
}

/**
 * Writes `key` in the journal of uploads before its first byte is stored: until `keepUpload`, the hourly
 * sweep deletes whatever is under it.
 */
export async function journalUpload(deps: Pick<UploadDeps, 'db' | 'clock'>, key: string): Promise<void> {
  await deps.db.insert(pendingUploads).values({ blobKey: key, createdAt: deps.clock.now() });
}

/** The row now points at the file: the sweep must leave it. Runs in the transaction that wrote the row. */
export async function keepUpload(db: Database, key: string): Promise<void> {
  await db.delete(pendingUploads).where(eq(pendingUploads.blobKey, key));
}

export async function discardUpload(deps: Pick<UploadDeps, 'db' | 'storage'>, key: string): Promise<void> {
  await deps.storage.delete(key).catch(() => undefined);
  await deps.db.delete(pendingUploads).where(eq(pendingUploads.blobKey, key));
}

/** `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(givenName: string): string {
  const name = givenName.replace(bidiControls, '');
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'document';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
