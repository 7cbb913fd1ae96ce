import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { multipart, pdfBytes } from '../../../test/dossier-helpers';
import { blobKeys, documents, pendingUploads } from '../../db/schema';
import { encryptEarlierDocuments } from './encrypt-earlier.service';

describe('documents stored before files were encrypted', () => {
  let t: TestApp;
  let candidate: Awaited<ReturnType<typeof signUpAndLogIn>>;
  let dossier: { id: string; members: { id: string }[] };
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
  });
  afterAll(() => t.close());

  /** A document as an earlier release stored it: its file in clear, no data key. */
  const earlierDocument = async (content: Buffer) => {
    const body = multipart(
      { itemId: 'visitor_visa.passport', memberId: dossier.members[0]?.id ?? '' },
      { name: 'passport.pdf', content },
    );
    const id = (
      await t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${dossier.id}/documents`,
        headers: { ...candidate.auth, ...body.headers },
        payload: body.payload,
      })
    ).json().id as string;
    const [row] = await t.database.db.select().from(documents).where(eq(documents.id, id));
    const blobKey = row?.blobKey as string;
    await writeFile(path.join(t.filesDir, blobKey), content);
    await t.database.db.delete(blobKeys).where(eq(blobKeys.blobKey, blobKey));
    return { id, blobKey, content };
  };
  const download = (id: string) =>
    t.app.inject({ method: 'GET', url: `/api/documents/${id}/download`, headers: candidate.auth });

  it('are encrypted by the hourly job into new files; the plain ones are deleted', async () => {
    const first = await earlierDocument(pdfBytes('earlier, first'));
    const second = await earlierDocument(pdfBytes('earlier, second'));
    const unreadable = await earlierDocument(pdfBytes('earlier, file lost'));
    await rm(path.join(t.filesDir, unreadable.blobKey));
    expect((await download(first.id)).rawPayload.equals(first.content)).toBe(true);

    expect(await encryptEarlierDocuments(t.app.deps)).toBe(2);
    for (const earlier of [first, second]) {
      const [row] = await t.database.db.select().from(documents).where(eq(documents.id, earlier.id));
      const blobKey = row?.blobKey as string;
      expect(blobKey).not.toBe(earlier.blobKey);
      expect(blobKey.startsWith(`dossiers/${dossier.id}/`)).toBe(true);
      const [key] = await t.database.db.select().from(blobKeys).where(eq(blobKeys.blobKey, blobKey));
      expect(key?.masterKeyId).toBe('test-1');
      const atRest = await readFile(path.join(t.filesDir, blobKey));
      expect(atRest.subarray(0, 4).toString()).toBe('CPTE');
      await expect(readFile(path.join(t.filesDir, earlier.blobKey))).rejects.toThrow(/ENOENT/);
      expect((await download(earlier.id)).rawPayload.equals(earlier.content)).toBe(true);
    }
    // The one whose file cannot be read keeps its key, and nothing of the attempt stays.
    const [lost] = await t.database.db.select().from(documents).where(eq(documents.id, unreadable.id));
    expect(lost?.blobKey).toBe(unreadable.blobKey);
    expect(await t.database.db.select().from(pendingUploads)).toEqual([]);
    const folder = await readdir(path.join(t.filesDir, 'dossiers', dossier.id));
    expect(folder).toHaveLength(2);

    expect(await encryptEarlierDocuments(t.app.deps)).toBe(0);
  });
});
