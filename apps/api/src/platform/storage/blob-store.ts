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
}
