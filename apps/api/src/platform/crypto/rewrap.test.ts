import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ENCRYPTION_KEYS, TEST_JWT_SECRET, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { multipart, pdfBytes } from '../../../test/dossier-helpers';
import { startS3Server } from '../../../test/s3';
import { blobKeys, totpFactors } from '../../db/schema';
import { createKeyring, parseMasterKeys } from './keyring';
import { resealTotpSecrets, rewrapDataKeys } from './rewrap';

const command = fileURLToPath(new URL('../../cli/rewrap-keys.ts', import.meta.url));
const nextKey = `next:${Buffer.alloc(32, 11).toString('base64')}`;
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** `npm run keys:rewrap` against the test database, with these master keys. */
function rewrapCommand(databaseUrl: string, keys: string) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', command], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        JWT_SECRET: TEST_JWT_SECRET,
        ENCRYPTION_KEYS: keys,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const keyringOf = (keys: string) => {
  const parsed = parseMasterKeys(keys);
  if ('error' in parsed) throw new Error(parsed.error);
  return createKeyring(parsed.keys);
};

describe('master key rotation (files in S3)', () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let t: TestApp;
  let candidate: Awaited<ReturnType<typeof signUpAndLogIn>>;
  const uploaded: { id: string; content: Buffer }[] = [];
  beforeAll(async () => {
    s3 = await startS3Server();
    t = await createTestApp({ env: s3.env });
    candidate = await signUpAndLogIn(t.app, t.database);
    const dossier = (
      await t.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: candidate.auth,
        payload: { programId: 'visitor_visa' },
      })
    ).json();
    for (const text of ['before rotation, one', 'before rotation, two']) {
      const content = pdfBytes(text);
      const body = multipart(
        { itemId: 'visitor_visa.passport', memberId: dossier.members[0].id },
        { name: 'passport.pdf', content },
      );
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${dossier.id}/documents`,
        headers: { ...candidate.auth, ...body.headers },
        payload: body.payload,
      });
      uploaded.push({ id: response.json().id, content });
    }
    await t.database.db.insert(totpFactors).values({
      userId: candidate.userId,
      secretEncrypted: t.app.deps.keyring.seal(TOTP_SECRET, `totp:${candidate.userId}`),
    });
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
  });

  /** The API as it runs once ENCRYPTION_KEYS is `keys`: the same database and bucket. */
  const appWith = (keys: string, extra: Parameters<typeof createTestApp>[0] = {}) =>
    createTestApp({ ...extra, sameDatabaseAs: t, env: { ...s3.env, ENCRYPTION_KEYS: keys, ...extra.env } });

  it('re-wraps the data keys and re-seals the authenticator secrets; the old key can then go', async () => {
    const run = await rewrapCommand(t.databaseUrl, `${nextKey},${TEST_ENCRYPTION_KEYS}`);
    expect(run.output).toContain('File data keys re-wrapped: 2; that could not be opened: 0');
    expect(run.output).toContain('Authenticator secrets re-sealed: 1; that could not be opened: 0');
    expect(run.code).toBe(0);

    const keys = await t.database.db.select().from(blobKeys);
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key.masterKeyId).toBe('next');
      expect(key.rewrappedAt).toBeInstanceOf(Date);
    }
    const [factor] = await t.database.db
      .select()
      .from(totpFactors)
      .where(eq(totpFactors.userId, candidate.userId));
    expect(factor?.secretEncrypted.startsWith('next.')).toBe(true);

    // Only the new key now: the files (not rewritten) and the secret still open.
    const keyring = keyringOf(nextKey);
    expect(keyring.open(factor?.secretEncrypted ?? '', `totp:${candidate.userId}`)).toBe(TOTP_SECRET);
    const after = await appWith(nextKey);
    try {
      for (const file of uploaded) {
        const download = await after.app.inject({
          method: 'GET',
          url: `/api/documents/${file.id}/download`,
          headers: candidate.auth,
        });
        expect(download.statusCode).toBe(200);
        expect(download.rawPayload.equals(file.content)).toBe(true);
      }
    } finally {
      await after.close();
    }

    // Again: nothing left to do.
    const again = await rewrapCommand(t.databaseUrl, `${nextKey},${TEST_ENCRYPTION_KEYS}`);
    expect(again.output).toContain('File data keys re-wrapped: 0; that could not be opened: 0');
    expect(again.output).toContain('Authenticator secrets re-sealed: 0');
    expect(again.code).toBe(0);
  });

  it('a download whose master key is wrong answers 500 and says why in the log', async () => {
    const lines: string[] = [];
    const wrong = await appWith(`next:${Buffer.alloc(32, 12).toString('base64')}`, {
      env: { LOG_LEVEL: 'error' },
      logStream: { write: (line) => lines.push(line) },
    });
    try {
      const download = await wrong.app.inject({
        method: 'GET',
        url: `/api/documents/${uploaded[0]?.id}/download`,
        headers: candidate.auth,
      });
      expect(download.statusCode).toBe(500);
      expect(download.json()).toMatchObject({ code: 'INTERNAL' });
      expect(download.rawPayload.includes(Buffer.from('before rotation'))).toBe(false);
      expect(lines.join('\n')).toMatch(/The data key of file dossiers\/.+ does not open/);
    } finally {
      await wrong.close();
    }
  });

  it('rows under a key missing from the keyring are left as they are, counted, and make the command fail', async () => {
    const lost = `lost:${Buffer.alloc(32, 13).toString('base64')}`;
    const keyring = keyringOf(lost);
    await t.database.db
      .insert(blobKeys)
      .values({ blobKey: 'dossiers/lost/file', ...keyring.wrapKey(Buffer.alloc(32, 1)) });
    const run = await rewrapCommand(t.databaseUrl, nextKey);
    expect(run.output).toContain('that could not be opened: 1');
    expect(run.output).toContain('file dossiers/lost/file');
    expect(run.code).toBe(1);
    const [row] = await t.database.db
      .select()
      .from(blobKeys)
      .where(eq(blobKeys.blobKey, 'dossiers/lost/file'));
    expect(row?.masterKeyId).toBe('lost');
  });

  it('works through the rows in batches', async () => {
    const old = keyringOf(TEST_ENCRYPTION_KEYS);
    await t.database.db.insert(blobKeys).values(
      Array.from({ length: 7 }, (_, index) => ({
        blobKey: `dossiers/batch/${index}`,
        ...old.wrapKey(Buffer.alloc(32, index)),
      })),
    );
    const keyring = keyringOf(`${nextKey},${TEST_ENCRYPTION_KEYS}`);
    const files = await rewrapDataKeys(t.database.pool, keyring, () => new Date(), 3);
    // The seven, and the one under a lost key, seen in each of the three batches of three.
    expect(files).toEqual({ done: 7, failed: ['dossiers/lost/file'] });
    for (let index = 0; index < 7; index++) {
      const [row] = await t.database.db
        .select()
        .from(blobKeys)
        .where(eq(blobKeys.blobKey, `dossiers/batch/${index}`));
      expect(keyring.unwrapKey(row?.masterKeyId ?? '', row?.wrappedKey ?? '')).toEqual(
        Buffer.alloc(32, index),
      );
      expect(row?.masterKeyId).toBe('next');
    }
    expect(await resealTotpSecrets(t.database.pool, keyring, 3)).toEqual({ done: 0, failed: [] });
  });
});
