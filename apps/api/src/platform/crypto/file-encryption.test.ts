import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  createDataKey,
  decryptStream,
  encryptedSize,
  encryptStream,
  FileEncryptionError,
  HEADER_BYTES,
  SEGMENT_BYTES,
} from './file-encryption';

const SEALED = SEGMENT_BYTES + 16;

/** The bytes in chunks of uneven sizes, as a socket or a disk would give them. */
function chunked(bytes: Buffer): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0, step = 1; at < bytes.length; at += step, step = (step * 7 + 3) % 50_000 || 1)
    chunks.push(bytes.subarray(at, at + step));
  return Readable.from(chunks);
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A copy of `bytes` with the bits of `mask` flipped at `at`. */
function flipped(bytes: Buffer, at: number, mask = 1): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt8(copy.readUInt8(at) ^ mask, at);
  return copy;
}

const encrypt = (key: Buffer, plaintext: Buffer) => collect(chunked(plaintext).pipe(encryptStream(key)));

/** Decrypts; what came out before the stream failed, and the failure. */
async function decrypt(key: Buffer, sealed: Buffer): Promise<{ released: Buffer; error: unknown }> {
  const released: Buffer[] = [];
  try {
    for await (const chunk of chunked(sealed).pipe(decryptStream(key))) released.push(chunk as Buffer);
    return { released: Buffer.concat(released), error: null };
  } catch (error) {
    return { released: Buffer.concat(released), error };
  }
}

describe('file encryption (AES-256-GCM in segments)', () => {
  const key = createDataKey();

  it('round-trips files of every shape: empty, one byte, segment boundaries, several segments', async () => {
    for (const size of [
      0,
      1,
      SEGMENT_BYTES - 1,
      SEGMENT_BYTES,
      SEGMENT_BYTES + 1,
      3 * SEGMENT_BYTES + 12_345,
    ]) {
      const plaintext = randomBytes(size);
      const sealed = await encrypt(key, plaintext);
      expect(sealed.length, `size ${size}`).toBe(encryptedSize(size));
      const { released, error } = await decrypt(key, sealed);
      expect(error, `size ${size}`).toBeNull();
      expect(released.equals(plaintext), `size ${size}`).toBe(true);
    }
  });

  it('writes no plaintext, and the same file twice gives different bytes', async () => {
    const plaintext = Buffer.from('%PDF-1.4 passport of Amina Diallo, number X1234567 '.repeat(2000));
    const first = await encrypt(key, plaintext);
    const second = await encrypt(key, plaintext);
    expect(first.subarray(0, 5).toString('latin1')).toBe('CPTE\x01');
    expect(first.includes(Buffer.from('Amina Diallo'))).toBe(false);
    expect(first.includes(plaintext.subarray(0, 64))).toBe(false);
    expect(first.equals(second)).toBe(false);
  });

  it('refuses another data key', async () => {
    const sealed = await encrypt(key, randomBytes(1000));
    const { released, error } = await decrypt(createDataKey(), sealed);
    expect(error).toBeInstanceOf(FileEncryptionError);
    expect(released.length).toBe(0);
  });

  it('refuses a changed byte, releasing only the segments before it', async () => {
    const plaintext = randomBytes(3 * SEGMENT_BYTES + 100);
    const sealed = await encrypt(key, plaintext);
    const tampered = flipped(sealed, HEADER_BYTES + SEALED + 500); // in the second segment
    const { released, error } = await decrypt(key, tampered);
    expect(error).toBeInstanceOf(FileEncryptionError);
    expect(String(error)).toContain('Segment 1 does not open');
    expect(released.equals(plaintext.subarray(0, SEGMENT_BYTES))).toBe(true);

    const tag = flipped(sealed, sealed.length - 1, 0x80); // the last tag
    expect((await decrypt(key, tag)).error).toBeInstanceOf(FileEncryptionError);
  });

  it('refuses a changed header (version, nonce prefix)', async () => {
    const sealed = await encrypt(key, randomBytes(100));
    const version = flipped(sealed, 4, 0x03); // 1 becomes 2
    expect(String((await decrypt(key, version)).error)).toContain('Unknown encrypted file version 2');
    const prefix = flipped(sealed, 8);
    expect((await decrypt(key, prefix)).error).toBeInstanceOf(FileEncryptionError);
  });

  it('refuses a file cut at a segment boundary, in the middle of one, or in its header', async () => {
    const plaintext = randomBytes(2 * SEGMENT_BYTES + 10);
    const sealed = await encrypt(key, plaintext);
    const atBoundary = sealed.subarray(0, HEADER_BYTES + 2 * SEALED);
    const boundary = await decrypt(key, atBoundary);
    expect(boundary.error).toBeInstanceOf(FileEncryptionError);
    expect(String(boundary.error)).toContain('Segment 1 does not open as the last one');
    // The last complete segment is not released: it is known to be the last only at the end.
    expect(boundary.released.equals(plaintext.subarray(0, SEGMENT_BYTES))).toBe(true);
    expect((await decrypt(key, sealed.subarray(0, sealed.length - 5))).error).toBeInstanceOf(
      FileEncryptionError,
    );
    expect((await decrypt(key, sealed.subarray(0, HEADER_BYTES + 10))).error).toBeInstanceOf(
      FileEncryptionError,
    );
    expect(String((await decrypt(key, sealed.subarray(0, 6))).error)).toContain('cut short');
    // A file whose plaintext fills whole segments, cut after one of them: still refused.
    const whole = await encrypt(key, randomBytes(2 * SEGMENT_BYTES));
    expect((await decrypt(key, whole.subarray(0, HEADER_BYTES + SEALED))).error).toBeInstanceOf(
      FileEncryptionError,
    );
  });

  it('refuses swapped segments', async () => {
    const sealed = await encrypt(key, randomBytes(3 * SEGMENT_BYTES + 1));
    const first = sealed.subarray(HEADER_BYTES, HEADER_BYTES + SEALED);
    const second = sealed.subarray(HEADER_BYTES + SEALED, HEADER_BYTES + 2 * SEALED);
    const swapped = Buffer.concat([
      sealed.subarray(0, HEADER_BYTES),
      second,
      first,
      sealed.subarray(HEADER_BYTES + 2 * SEALED),
    ]);
    const { released, error } = await decrypt(key, swapped);
    expect(String(error)).toContain('Segment 0 does not open');
    expect(released.length).toBe(0);
  });

  it('refuses bytes that were never encrypted', async () => {
    const { error } = await decrypt(key, Buffer.from('%PDF-1.4 plain file'));
    expect(String(error)).toContain('not an encrypted file');
  });
});
