import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { documents, users } from '../src/db/schema';
import type { DatabaseHandle } from '../src/platform/db/database';
import type { TestApp } from './app';
import { signUpAndLogIn } from './auth-helpers';
import { verifyPro } from './pro-helpers';

const licencesGiven = new Set<string>();

/**
 * A CICC licence number (R + 6 random digits) no other pro of this test file has: a licence belongs to
 * one pending or verified pro, and each test file has its own database.
 */
export function uniqueLicence(): string {
  for (;;) {
    const licence = `R${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;
    if (!licencesGiven.has(licence)) {
      licencesGiven.add(licence);
      return licence;
    }
  }
}

/** A small but real PDF (file-type recognises it from its first bytes). */
export function pdfBytes(text = 'CAPITUNE test document'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** A 1×1 PNG. */
export const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** The start of a Windows executable: what a renamed `.exe` looks like. */
export function exeBytes(): Buffer {
  const header = Buffer.alloc(512);
  header.write('MZ', 0, 'latin1');
  header.writeUInt32LE(0x80, 0x3c);
  header.write('PE\0\0', 0x80, 'latin1');
  return header;
}

export interface FilePart {
  name: string;
  content: Buffer;
  contentType?: string;
}

/** A multipart/form-data body: fields first, then the file, as browsers send forms. */
export function multipart(fields: Record<string, string>, file?: FilePart) {
  const boundary = `----capitune${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * A pro signed up with a firm and a licence of their own, verified (as an admin would, without the
 * evidence) unless `proVerified: false` leaves their file pending.
 */
export async function signUpPro(
  app: FastifyInstance,
  database: DatabaseHandle,
  organisationName = 'Cabinet Boréal',
  options: { proVerified?: boolean } = {},
) {
  const licenceNumber = uniqueLicence();
  const pro = await signUpAndLogIn(app, database, { role: 'pro', licenceNumber, organisationName });
  if (options.proVerified !== false) await verifyPro({ app, database }, pro.userId, { licenceNumber });
  return pro;
}

export async function makeAdmin(database: DatabaseHandle, userId: string) {
  await database.db.update(users).set({ role: 'admin' }).where(eq(users.id, userId));
}

/**
 * A candidate with a dossier of `programId`, assigned to a pro who accepted it: a new pro in a new
 * firm, or the one given.
 */
export async function assignedDossier(
  t: TestApp,
  programId = 'express_entry_fsw',
  existingPro?: Awaited<ReturnType<typeof signUpPro>>,
) {
  const candidate = await signUpAndLogIn(t.app, t.database, { firstName: 'Amina', lastName: 'Diallo' });
  const pro = existingPro ?? (await signUpPro(t.app, t.database));
  const dossier = await dossierOf(t.app, candidate, programId, pro);
  return { candidate, pro, dossierId: dossier.id, principalId: dossier.principalId };
}

/** Someone signed in, as the test helpers give them (`person`, `signUpAndLogIn`, `signUpPro`). */
interface SignedIn {
  userId: string;
  auth: Record<string, string>;
}

/** A dossier of `owner`, followed by `pro`'s firm when given (the owner asks, the pro accepts). */
export async function dossierOf(app: FastifyInstance, owner: SignedIn, programId: string, pro?: SignedIn) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/dossiers',
    headers: owner.auth,
    payload: { programId },
  });
  expect(created.statusCode).toBe(201);
  const dossier = created.json() as { id: string; members: { id: string }[] };
  if (pro) {
    const asked = await app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossier.id}/assignment`,
      headers: owner.auth,
      payload: { proId: pro.userId },
    });
    expect(asked.statusCode).toBe(202);
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossier.id}/assignment/decision`,
      headers: pro.auth,
      payload: { decision: 'accept' },
    });
    expect(accepted.statusCode).toBe(204);
  }
  return { id: dossier.id, principalId: dossier.members[0]?.id as string };
}

/** Uploads a small PDF for `itemId` of the dossier's principal member; returns the file's key in the store. */
export async function uploadDocument(
  t: TestApp,
  owner: SignedIn,
  dossier: { id: string; principalId: string },
  itemId: string,
): Promise<string> {
  const body = multipart(
    { itemId, memberId: dossier.principalId },
    { name: 'passport.pdf', content: pdfBytes(`file of ${dossier.id}`) },
  );
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/dossiers/${dossier.id}/documents`,
    headers: { ...owner.auth, ...body.headers },
    payload: body.payload,
  });
  expect(response.statusCode).toBe(201);
  const [row] = await t.database.db
    .select({ blobKey: documents.blobKey })
    .from(documents)
    .where(eq(documents.id, response.json().id));
  return row?.blobKey as string;
}
