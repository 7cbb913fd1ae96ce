import { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { multipart, pdfBytes } from '../../../test/dossier-helpers';
import { startS3Server } from '../../../test/s3';
import { encryptedSize } from '../crypto/file-encryption';
import { createS3Store } from './s3-store';

describe('S3 blob store (against s3rver)', () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  beforeAll(async () => {
    s3 = await startS3Server();
  });
  afterAll(() => s3.close());

  const store = () =>
    createS3Store({
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });

  it('puts, gets, tells existence and deletes', async () => {
    const blobs = store();
    await blobs.put(
      'dossiers/a/one',
      Readable.from([Buffer.from('bonjour '), Buffer.from('le monde')]),
      'text/plain',
    );
    expect(await blobs.exists('dossiers/a/one')).toBe(true);
    expect(await text(await blobs.get('dossiers/a/one'))).toBe('bonjour le monde');
    await blobs.delete('dossiers/a/one');
    expect(await blobs.exists('dossiers/a/one')).toBe(false);
    await blobs.delete('dossiers/a/one'); // deleting twice is fine
  });

  it('streams a large file in parts', async () => {
    const blobs = store();
    const big = Buffer.alloc(12 * 1024 * 1024, 7);
    await blobs.put(
      'dossiers/a/big',
      Readable.from([big.subarray(0, 6e6), big.subarray(6e6)]),
      'application/octet-stream',
    );
    const chunks: Buffer[] = [];
    for await (const chunk of await blobs.get('dossiers/a/big')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(big)).toBe(true);
  });

  it('a stream that fails midway leaves no object', async () => {
    const blobs = store();
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 1));
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(blobs.put('dossiers/a/broken', failing, 'application/pdf')).rejects.toThrow();
    expect(await blobs.exists('dossiers/a/broken')).toBe(false);
  });

  it('documents uploaded through the API are stored in the bucket and downloaded back', async () => {
    const t = await createTestApp({ env: s3.env });
    try {
      const candidate = await signUpAndLogIn(t.app, t.database);
      const dossier = (
        await t.app.inject({
          method: 'POST',
          url: '/api/dossiers',
          headers: candidate.auth,
          payload: { programId: 'visitor_visa' },
        })
      ).json();
      const content = pdfBytes('stored in S3');
      const body = multipart(
        { itemId: 'visitor_visa.passport', memberId: dossier.members[0].id },
        { name: 'passport.pdf', content },
      );
      const uploaded = await t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${dossier.id}/documents`,
        headers: { ...candidate.auth, ...body.headers },
        payload: body.payload,
      });
      expect(uploaded.statusCode).toBe(201);
      const download = await t.app.inject({
        method: 'GET',
        url: `/api/documents/${uploaded.json().id}/download`,
        headers: candidate.auth,
      });
      expect(download.rawPayload.equals(content)).toBe(true);
      const keys = await t.database.db.execute<{ blob_key: string }>(
        (await import('drizzle-orm')).sql`select blob_key from documents`,
      );
      const key = keys.rows[0]?.blob_key ?? '';
      expect(await store().exists(key)).toBe(true);
      // The object in the bucket is the encrypted file, not what was uploaded.
      const atRest = await buffer(await store().get(key));
      expect(atRest.subarray(0, 4).toString()).toBe('CPTE');
      expect(atRest.length).toBe(encryptedSize(content.length));
      expect(atRest.includes(Buffer.from('stored in S3'))).toBe(false);
    } finally {
      await t.close();
    }
  });
});
