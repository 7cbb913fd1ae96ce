import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { users } from '../src/db/schema';
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
  const dossier = (
    await t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: candidate.auth,
      payload: { programId },
    })
  ).json();
  await t.app.inject({
    method: 'POST',
    url: `/api/dossiers/${dossier.id}/assignment`,
    headers: candidate.auth,
    payload: { proId: pro.userId },
  });
  await t.app.inject({
    method: 'POST',
    url: `/api/dossiers/${dossier.id}/assignment/decision`,
    headers: pro.auth,
    payload: { decision: 'accept' },
  });
  return { candidate, pro, dossierId: dossier.id as string, principalId: dossier.members[0].id as string };
}
