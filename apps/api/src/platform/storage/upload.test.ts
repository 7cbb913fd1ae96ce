import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { multipart, pdfBytes } from '../../../test/dossier-helpers';
import { PARTIAL_UPLOAD_MAX_AGE_MS } from './blob-store';
import { createLocalDiskStore } from './local-disk-store';
import { cleanFileName, contentDisposition, nameWithExtension } from './upload';

describe('file names', () => {
  it('loses the bidirectional controls that disguise an extension', () => {
    const disguised = 'passport\u202Efdp.exe';
    expect(cleanFileName(disguised)).toBe('passportfdp.exe');
    for (const control of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(cleanFileName(`a${control}b.pdf`)).toBe('ab.pdf');
    }
    expect(cleanFileName('a\u200E\u200F\u061Cb.pdf')).toBe('ab.pdf');
    // Letters of right-to-left scripts stay.
    expect(cleanFileName('جواز.pdf')).toBe('جواز.pdf');
    expect(contentDisposition('x\u202Egpj.pdf')).not.toMatch(/%E2%80%AE/i);
  });

  it('takes the extension of the type the bytes show', () => {
    expect(nameWithExtension('passport.exe', 'pdf')).toBe('passport.pdf');
    expect(nameWithExtension('passport', 'pdf')).toBe('passport.pdf');
    expect(nameWithExtension('scan.PDF', 'pdf')).toBe('scan.PDF');
    expect(nameWithExtension('photo.jpeg', 'jpg')).toBe('photo.jpeg');
    expect(nameWithExtension('photo.png', 'jpg')).toBe('photo.jpg');
    expect(nameWithExtension('.exe', 'pdf')).toBe('.exe.pdf');
  });
});

const hangingUpload = fileURLToPath(new URL('../../../test/fixtures/upload-then-hang.ts', import.meta.url));

describe('partial files', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'capitune-partials-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('the sweep removes what a killed upload left half-written, and nothing else', async () => {
    const store = createLocalDiskStore(root);
    const folder = path.join(root, 'dossiers', 'd1');
    await mkdir(folder, { recursive: true });
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    const files = {
      abandoned: path.join(folder, 'a.partial'),
      inProgress: path.join(folder, 'b.partial'),
      complete: path.join(folder, 'c'),
    };
    for (const file of Object.values(files)) await writeFile(file, 'bytes');
    await utimes(files.abandoned, hourAgo, hourAgo);
    await utimes(files.complete, hourAgo, hourAgo);

    expect(await store.sweepPartials(new Date(Date.now() - 30 * 60 * 1000))).toBe(1);
    expect((await readdir(folder)).sort()).toEqual(['b.partial', 'c']);
  });

  it('a process killed in the middle of an upload leaves a partial file that the sweep removes', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', hangingUpload, root], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('writing') && resolve());
      child.once('exit', (code) => reject(new Error(`the child exited with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const partial = path.join(root, 'dossiers', 'd1', 'killed.partial');
    expect(existsSync(partial)).toBe(true);

    const store = createLocalDiskStore(root);
    // Untouched for less than the limit: maybe an upload still in progress, kept.
    expect(await store.sweepPartials(new Date(Date.now() - PARTIAL_UPLOAD_MAX_AGE_MS))).toBe(0);
    const later = new Date(Date.now() - PARTIAL_UPLOAD_MAX_AGE_MS - 60_000);
    await utimes(partial, later, later);
    expect(await store.sweepPartials(new Date(Date.now() - PARTIAL_UPLOAD_MAX_AGE_MS))).toBe(1);
    expect(existsSync(partial)).toBe(false);
  }, 30_000);

  it('deleting a key also deletes its partial file (the journal of uploads names the key)', async () => {
    const store = createLocalDiskStore(root);
    await mkdir(path.join(root, 'dossiers', 'd2'), { recursive: true });
    await writeFile(path.join(root, 'dossiers', 'd2', 'k.partial'), 'bytes');
    await store.delete('dossiers/d2/k');
    expect(await readdir(path.join(root, 'dossiers', 'd2'))).toEqual([]);
  });
});

describe('uploads through the API', () => {
  let t: TestApp;
  let candidate: Awaited<ReturnType<typeof signUpAndLogIn>>;
  let dossier: { id: string; members: { id: string }[] };
  beforeAll(async () => {
    t = await createTestApp({ env: { UPLOAD_IDLE_TIMEOUT_SECONDS: '1' } });
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

  const fields = () => ({ itemId: 'visitor_visa.passport', memberId: dossier.members[0]?.id ?? '' });

  it('downloads a PDF uploaded as "passport.exe" as "passport.pdf"', async () => {
    const body = multipart(fields(), { name: 'passport.exe', content: pdfBytes() });
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
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('filename="passport.pdf"');
  });

  it('answers 400 within seconds an upload whose bytes stop before the closing boundary', async () => {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const body = multipart(fields(), { name: 'passport.pdf', content: pdfBytes('x'.repeat(20_000)) });
    // Everything but the last 10 KB: the file part is open, its end never comes.
    const sent = body.payload.subarray(0, body.payload.length - 10_000);
    const socket = net.connect(Number(port), '127.0.0.1');
    const answer = await new Promise<string>((resolve, reject) => {
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString();
        if (received.includes('\r\n\r\n') && received.includes('}')) resolve(received);
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
      socket.write(
        [
          `POST /api/dossiers/${dossier.id}/documents HTTP/1.1`,
          'Host: 127.0.0.1',
          `Authorization: ${candidate.auth.authorization}`,
          `Content-Type: ${body.headers['content-type']}`,
          `Content-Length: ${body.payload.length}`,
          '',
          '',
        ].join('\r\n'),
      );
      socket.write(sent);
    });
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('"code":"UPLOAD_INCOMPLETE"');
    // Nothing kept: no row, no journal entry, no data key, no file, whole or partial.
    const documents = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from documents`,
    );
    const pending = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pending_uploads`,
    );
    const keys = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from blob_keys`);
    expect(documents.rows[0]?.n).toBe(1); // the one of the test before
    expect(pending.rows[0]?.n).toBe(0);
    expect(keys.rows[0]?.n).toBe(1); // the data key of that one
    const leftovers = (await readdir(t.filesDir, { recursive: true, withFileTypes: true })).filter(
      (entry) => entry.isFile() && entry.name.endsWith('.partial'),
    );
    expect(leftovers).toEqual([]);
  });

  it('answers a body that ends before its closing boundary at once, whatever the bytes, and goes on', async () => {
    // The access check runs before the file is read: the cut reaches the streams first. Unheard, that
    // error would end the process (the suite reports it as an uncaught exception).
    const cut = (content: Buffer) => {
      const body = multipart(fields(), { name: 'passport.pdf', content });
      const closing = body.payload.lastIndexOf('\r\n--');
      return t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${dossier.id}/documents`,
        headers: { ...candidate.auth, ...body.headers },
        payload: body.payload.subarray(0, closing),
      });
    };
    const large = Buffer.concat([pdfBytes(), Buffer.alloc(2_000_000, 32)]);
    expect((await cut(large)).json()).toMatchObject({ status: 400, code: 'UPLOAD_INCOMPLETE' });
    expect((await cut(Buffer.alloc(2_000_000, 32))).json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    // A small file is all in before the service reads it: answered for the cut, not by the idle limit.
    const small = (await cut(pdfBytes())).json();
    expect(small.code).toBe('UPLOAD_INCOMPLETE');
    expect(small.detail).not.toBe('The upload stopped before the end');
  });
});
