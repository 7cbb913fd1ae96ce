import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { multipart, pdfBytes } from '../../../test/dossier-helpers';
import { blobKeys, documents } from '../../db/schema';
import { encryptedSize, FileEncryptionError, HEADER_BYTES, SEGMENT_BYTES } from '../crypto/file-encryption';
import { createKeyring, KeyringError } from '../crypto/keyring';
import { createEncryptedStore } from './encrypted-store';
import { createLocalDiskStore } from './local-disk-store';

const SEALED = SEGMENT_BYTES + 16;

/** A PDF of about `bytes` bytes whose text is random, so that a segment of it is found nowhere else. */
function largePdf(bytes: number): Buffer {
  return pdfBytes(
    randomBytes(Math.ceil(bytes * 0.75))
      .toString('base64')
      .slice(0, bytes),
  );
}

/** What a client reading the download to its end over a real socket gets: the bytes, and how it ended. */
function fetchToTheEnd(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: Buffer; complete: boolean }>((resolve) => {
    httpGet(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      const done = (complete: boolean) =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks), complete });
      response.once('end', () => done(response.complete));
      response.once('error', () => done(false));
      response.once('aborted', () => done(false));
    }).once('error', () => resolve({ status: 0, body: Buffer.alloc(0), complete: false }));
  });
}

describe('files encrypted at rest (local disk)', () => {
  let t: TestApp;
  let candidate: Awaited<ReturnType<typeof signUpAndLogIn>>;
  let dossier: { id: string; members: { id: string }[] };
  let origin: string;
  beforeAll(async () => {
    t = await createTestApp();
    candidate = await signUpAndLogIn(t.app, t.database);
    dossier = (
      await t.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: candidate.auth,
        payload: { programId: 'visitor_visa' },
      })
    ).json();
    origin = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => t.close());

  const upload = async (content: Buffer) => {
    const body = multipart(
      { itemId: 'visitor_visa.passport', memberId: dossier.members[0]?.id ?? '' },
      { name: 'passport.pdf', content },
    );
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossier.id}/documents`,
      headers: { ...candidate.auth, ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(201);
    const id = response.json().id as string;
    const [row] = await t.database.db.select().from(documents).where(eq(documents.id, id));
    const blobKey = row?.blobKey as string;
    return { id, row, blobKey, file: path.join(t.filesDir, blobKey) };
  };
  const download = (id: string) =>
    t.app.inject({ method: 'GET', url: `/api/documents/${id}/download`, headers: candidate.auth });

  it('stores the bytes encrypted, records the plaintext’s size and digest, and downloads the plaintext', async () => {
    const content = pdfBytes('Passport of Amina Diallo, number X1234567');
    const { id, row, blobKey, file } = await upload(content);
    const atRest = await readFile(file);
    expect(atRest.subarray(0, 4).toString()).toBe('CPTE');
    expect(atRest.includes(Buffer.from('Amina Diallo'))).toBe(false);
    expect(atRest.includes(Buffer.from('%PDF'))).toBe(false);
    expect(atRest.length).toBe(encryptedSize(content.length));
    expect(row).toMatchObject({
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      contentType: 'application/pdf',
    });
    const [key] = await t.database.db.select().from(blobKeys).where(eq(blobKeys.blobKey, blobKey));
    expect(key?.masterKeyId).toBe('test-1');
    const downloaded = await download(id);
    expect(downloaded.statusCode).toBe(200);
    expect(downloaded.rawPayload.equals(content)).toBe(true);
  });

  it('round-trips a file of several segments whose size is not a multiple of a segment', async () => {
    const content = largePdf(5 * SEGMENT_BYTES + 4321);
    const { id, file } = await upload(content);
    expect((await readFile(file)).length).toBe(encryptedSize(content.length));
    const downloaded = await fetchToTheEnd(`${origin}/api/documents/${id}/download`, candidate.auth);
    expect(downloaded).toMatchObject({ status: 200, complete: true });
    expect(downloaded.body.equals(content)).toBe(true);
  });

  // Files are read 256 KiB at a time, about four segments: a file of eight has a second read, after the
  // first one's plaintext was sent.
  it('never serves a file changed at rest: a changed first segment answers 500, a later one cuts the download', async () => {
    const content = largePdf(8 * SEGMENT_BYTES + 10);
    const { id, file } = await upload(content);
    const sealed = await readFile(file);

    const first = Buffer.from(sealed);
    first.writeUInt8(first.readUInt8(HEADER_BYTES + 100) ^ 1, HEADER_BYTES + 100);
    await writeFile(file, first);
    const refused = await download(id);
    expect(refused.statusCode).toBe(500);
    expect(refused.json()).toMatchObject({ code: 'INTERNAL' });
    expect(refused.rawPayload.includes(content.subarray(0, 100))).toBe(false);

    const seventh = Buffer.from(sealed);
    const at = HEADER_BYTES + 6 * SEALED + 7;
    seventh.writeUInt8(seventh.readUInt8(at) ^ 1, at);
    await writeFile(file, seventh);
    const cut = await fetchToTheEnd(`${origin}/api/documents/${id}/download`, candidate.auth);
    expect(cut.status).toBe(200);
    expect(cut.complete).toBe(false);
    expect(cut.body.length).toBeGreaterThan(0);
    // The segments before the changed one at most, never a byte of it.
    expect(cut.body.length).toBeLessThanOrEqual(6 * SEGMENT_BYTES);
    expect(cut.body.includes(content.subarray(6 * SEGMENT_BYTES, 6 * SEGMENT_BYTES + 64))).toBe(false);

    await writeFile(file, sealed);
    expect((await download(id)).rawPayload.equals(content)).toBe(true);
  });

  it('never serves a file cut short or whose segments were swapped', async () => {
    const content = largePdf(8 * SEGMENT_BYTES + 10);
    const { id, file } = await upload(content);
    const sealed = await readFile(file);
    const url = `${origin}/api/documents/${id}/download`;

    // Cut at a segment boundary: what is left looks whole, but its last segment was not sealed as last.
    await writeFile(file, sealed.subarray(0, HEADER_BYTES + 6 * SEALED));
    const truncated = await fetchToTheEnd(url, candidate.auth);
    expect(truncated.status).toBe(200);
    expect(truncated.complete).toBe(false);
    expect(truncated.body.length).toBeLessThan(6 * SEGMENT_BYTES);

    const swapped = Buffer.concat([
      sealed.subarray(0, HEADER_BYTES + 5 * SEALED),
      sealed.subarray(HEADER_BYTES + 6 * SEALED, HEADER_BYTES + 7 * SEALED),
      sealed.subarray(HEADER_BYTES + 5 * SEALED, HEADER_BYTES + 6 * SEALED),
      sealed.subarray(HEADER_BYTES + 7 * SEALED),
    ]);
    await writeFile(file, swapped);
    const reordered = await fetchToTheEnd(url, candidate.auth);
    expect(reordered.status).toBe(200);
    expect(reordered.complete).toBe(false);
    expect(reordered.body.length).toBeLessThanOrEqual(5 * SEGMENT_BYTES);
  });

  it('refuses to open a file whose master key is wrong or gone', async () => {
    const { blobKey } = await upload(pdfBytes('wrong key'));
    const raw = createLocalDiskStore(t.filesDir);
    const under = (id: string, fill: number) =>
      createEncryptedStore(raw, {
        db: t.database.db,
        keyring: createKeyring([{ id, key: Buffer.alloc(32, fill) }]),
      });
    // The same key id with other key bytes: the data key does not unwrap.
    const wrongKey = under('test-1', 9);
    await expect(wrongKey.get(blobKey)).rejects.toBeInstanceOf(KeyringError);
    await expect(wrongKey.get(blobKey)).rejects.toThrow(/does not open with its key/);
    // A keyring without the key that wrapped it.
    const gone = under('test-2', 7);
    await expect(gone.get(blobKey)).rejects.toThrow(/Master key "test-1" is not in ENCRYPTION_KEYS/);
  });

  it('serves a file stored before encryption (no key row) as it is', async () => {
    const content = pdfBytes('stored before encryption');
    const { id, blobKey, file } = await upload(content);
    await writeFile(file, content);
    await t.database.db.delete(blobKeys).where(eq(blobKeys.blobKey, blobKey));
    expect((await download(id)).rawPayload.equals(content)).toBe(true);
  });

  it('plain bytes put in place of a file that has a key row are refused, not passed through', async () => {
    const raw = createLocalDiskStore(t.filesDir);
    await raw.put('dossiers/x/plain', Readable.from([Buffer.from('not encrypted')]), 'text/plain');
    await t.database.db
      .insert(blobKeys)
      .values({ blobKey: 'dossiers/x/plain', ...t.app.deps.keyring.wrapKey(randomBytes(32)) });
    const stream = await t.storage.get('dossiers/x/plain');
    await expect(async () => {
      for await (const _ of stream) {
        // read to the end
      }
    }).rejects.toBeInstanceOf(FileEncryptionError);
  });

  it('withdrawing a document erases its file and its key', async () => {
    const { id, blobKey, file } = await upload(pdfBytes('withdrawn'));
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${id}/withdraw`,
      headers: candidate.auth,
    });
    expect(withdrawn.statusCode).toBe(200);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
    expect(await t.database.db.select().from(blobKeys).where(eq(blobKeys.blobKey, blobKey))).toEqual([]);
  });

  it('writing a key again keeps its data key, and both versions open', async () => {
    const key = 'verifications/demo/identity';
    await t.storage.put(key, Readable.from([Buffer.from('first')]), 'application/pdf');
    const [before] = await t.database.db.select().from(blobKeys).where(eq(blobKeys.blobKey, key));
    const firstBytes = await readFile(path.join(t.filesDir, key));
    await t.storage.put(key, Readable.from([Buffer.from('second')]), 'application/pdf');
    const [after] = await t.database.db.select().from(blobKeys).where(eq(blobKeys.blobKey, key));
    expect(after).toEqual(before);
    const chunks: Buffer[] = [];
    for await (const chunk of await t.storage.get(key)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('second');
    await writeFile(path.join(t.filesDir, key), firstBytes);
    const again: Buffer[] = [];
    for await (const chunk of await t.storage.get(key)) again.push(chunk as Buffer);
    expect(Buffer.concat(again).toString()).toBe('first');
  });

  it('a store that fails leaves neither a file nor a key row', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(100_000, 1));
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(t.storage.put('dossiers/x/broken', failing, 'application/pdf')).rejects.toThrow();
    expect(await t.storage.exists('dossiers/x/broken')).toBe(false);
    expect(
      await t.database.db.select().from(blobKeys).where(eq(blobKeys.blobKey, 'dossiers/x/broken')),
    ).toEqual([]);
  });
});
