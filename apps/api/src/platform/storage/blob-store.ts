import type { Readable } from 'node:stream';

/**
 * Where files live. Keys are opaque paths chosen by the caller (`dossiers/<id>/<uuid>`); nothing here
 * checks access: files are private, served only by routes that check who may read them.
 */
export interface BlobStore {
  /** Stores the whole stream under `key`; rejects (and leaves nothing) if the stream fails. */
  put(key: string, body: Readable, contentType: string): Promise<void>;
  get(key: string): Promise<Readable>;
  /** Removes the file; a missing file is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /**
   * Removes what uploads cut by a crash left half-written and untouched since `before`; returns how many.
   * An S3 store has nothing to do: an object exists only once complete (the bucket's lifecycle rule
   * aborts the incomplete multipart uploads of a killed process).
   */
  sweepPartials(before: Date): Promise<number>;
}

/**
 * A half-written file untouched for this long belongs to no upload in progress: its file is written as the
 * bytes arrive, and an upload whose bytes stop for UPLOAD_IDLE_TIMEOUT_SECONDS (10 minutes at most) is
 * dropped.
 */
export const PARTIAL_UPLOAD_MAX_AGE_MS = 30 * 60 * 1000;
