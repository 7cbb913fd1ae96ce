import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Files at rest: each file is encrypted with its own random 256-bit data key (AES-256-GCM), in
 * authenticated segments, so that it is encrypted and decrypted as a stream, in constant memory, and a
 * reader never releases a byte that its tag has not vouched for.
 *
 * Format, version 1:
 *
 *   header   "CPTE" (4 bytes) | version 0x01 (1 byte) | nonce prefix (7 random bytes)     12 bytes
 *   segment  AES-256-GCM ciphertext of 64 KiB of plaintext | tag (16 bytes)            65,552 bytes
 *   …
 *   last     ciphertext of 0 to 64 KiB | tag (16 bytes)
 *
 * Segment i is sealed with the nonce `prefix (7) | i (uint32, big-endian) | last (1 byte: 1 for the last
 * segment, else 0)` and the 12 header bytes as additional data (the STREAM construction). Every segment
 * but the last holds exactly 64 KiB; the last holds the rest (nothing only for an empty file), so a
 * file cut at a segment boundary ends on a segment sealed as not last, swapped segments carry the wrong
 * counter, and a changed byte anywhere fails its segment's tag: each is refused when read.
 */

const MAGIC = Buffer.from('CPTE', 'ascii');
const VERSION = 1;
const PREFIX_BYTES = 7;
export const HEADER_BYTES = MAGIC.length + 1 + PREFIX_BYTES;
export const SEGMENT_BYTES = 64 * 1024;
const TAG_BYTES = 16;
const SEALED_SEGMENT_BYTES = SEGMENT_BYTES + TAG_BYTES;
export const DATA_KEY_BYTES = 32;
const MAX_SEGMENTS = 2 ** 32;

/** A file that does not decrypt (altered, cut, reordered, not encrypted, under another data key), or too large. */
export class FileEncryptionError extends Error {
  override name = 'FileEncryptionError';
}

export function createDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/** The size of a file of `plainBytes` once encrypted. */
export function encryptedSize(plainBytes: number): number {
  const segments = Math.max(1, Math.ceil(plainBytes / SEGMENT_BYTES));
  return HEADER_BYTES + plainBytes + segments * TAG_BYTES;
}

function nonceOf(prefix: Buffer, counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(counter, PREFIX_BYTES);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** Chunks as they come, taken out by byte counts as views of those chunks (nothing is copied). */
class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;

  push(chunk: Buffer) {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The next `bytes` bytes, as the pieces of the chunks they are in. */
  take(bytes: number): Buffer[] {
    const pieces: Buffer[] = [];
    let missing = bytes;
    while (missing > 0) {
      const head = this.chunks[0] as Buffer;
      if (head.length <= missing) {
        pieces.push(head);
        this.chunks.shift();
        missing -= head.length;
      } else {
        pieces.push(head.subarray(0, missing));
        this.chunks[0] = head.subarray(missing);
        missing = 0;
      }
    }
    this.length -= bytes;
    return pieces;
  }
}

/** Pieces split into all but their last `bytes` bytes, and those last bytes. */
function splitTail(pieces: Buffer[], bytes: number): { body: Buffer[]; tail: Buffer } {
  const body = [...pieces];
  const tail: Buffer[] = [];
  let missing = bytes;
  while (missing > 0) {
    const last = body.pop() as Buffer;
    if (last.length <= missing) {
      tail.unshift(last);
      missing -= last.length;
    } else {
      tail.unshift(last.subarray(last.length - missing));
      body.push(last.subarray(0, last.length - missing));
      missing = 0;
    }
  }
  return { body, tail: Buffer.concat(tail, bytes) };
}

/**
 * Pieces as one buffer: what a chunk of input gives is pushed at once, since every push is a write
 * downstream (a socket's, a file's), and writes cost more per call than the copy does.
 */
function joined(pieces: Buffer[]): Buffer {
  return pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces);
}

/** Encrypts a stream of plaintext with `dataKey` into the format above. */
export function encryptStream(dataKey: Buffer): Transform {
  const prefix = randomBytes(PREFIX_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), prefix]);
  const queue = new ByteQueue();
  let counter = 0;
  /** One segment, given as pieces, sealed: its ciphertext and tag. */
  const seal = (plaintext: Buffer[], last: boolean): Buffer[] => {
    if (counter >= MAX_SEGMENTS) throw new FileEncryptionError('The file is too large to encrypt');
    const cipher = createCipheriv('aes-256-gcm', dataKey, nonceOf(prefix, counter++, last));
    cipher.setAAD(header);
    const sealed = plaintext.map((piece) => cipher.update(piece));
    cipher.final();
    sealed.push(cipher.getAuthTag());
    return sealed;
  };
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      queue.push(chunk);
      try {
        const sealed: Buffer[] = [];
        // A full segment is sealed only once more bytes follow it: the last one is known at the end.
        while (queue.length > SEGMENT_BYTES) sealed.push(...seal(queue.take(SEGMENT_BYTES), false));
        if (sealed.length > 0) this.push(joined(sealed));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        callback(null, joined(seal(queue.take(queue.length), true)));
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  transform.push(header);
  return transform;
}

/**
 * Decrypts what `encryptStream` wrote. Each segment's plaintext is released only once its tag is
 * checked; the stream fails with FileEncryptionError at the first segment that does not open, or at the
 * end when the last segment is missing.
 */
export function decryptStream(dataKey: Buffer): Transform {
  const queue = new ByteQueue();
  let header: Buffer | null = null;
  let prefix: Buffer = Buffer.alloc(0);
  let counter = 0;
  const readHeader = () => {
    const bytes = Buffer.concat(queue.take(HEADER_BYTES), HEADER_BYTES);
    if (!bytes.subarray(0, MAGIC.length).equals(MAGIC))
      throw new FileEncryptionError('The file is not an encrypted file');
    if (bytes[MAGIC.length] !== VERSION)
      throw new FileEncryptionError(`Unknown encrypted file version ${bytes[MAGIC.length]}`);
    prefix = bytes.subarray(MAGIC.length + 1);
    header = bytes;
  };
  /** One segment, given as pieces, opened: its plaintext, once its tag is checked. */
  const open = (sealed: Buffer[], last: boolean): Buffer[] => {
    if (counter >= MAX_SEGMENTS) throw new FileEncryptionError('The file has too many segments');
    const { body, tail } = splitTail(sealed, TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', dataKey, nonceOf(prefix, counter, last));
    decipher.setAAD(header as Buffer);
    decipher.setAuthTag(tail);
    try {
      const plaintext = body.map((piece) => decipher.update(piece));
      decipher.final();
      counter++;
      return plaintext;
    } catch {
      throw new FileEncryptionError(
        last
          ? `Segment ${counter} does not open as the last one: the file was altered or cut`
          : `Segment ${counter} does not open: the file was altered or reordered`,
      );
    }
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      queue.push(chunk);
      try {
        if (!header && queue.length >= HEADER_BYTES) readHeader();
        const opened: Buffer[] = [];
        // A segment followed by more bytes is not the last one.
        while (header && queue.length > SEALED_SEGMENT_BYTES)
          opened.push(...open(queue.take(SEALED_SEGMENT_BYTES), false));
        if (opened.length > 0) this.push(joined(opened));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (!header && queue.length >= HEADER_BYTES) readHeader();
        if (!header || queue.length < TAG_BYTES)
          throw new FileEncryptionError('The encrypted file is cut short');
        callback(null, joined(open(queue.take(queue.length), true)));
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
