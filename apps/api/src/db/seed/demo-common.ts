import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobStore } from '../../platform/storage/blob-store';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/**
 * A stable UUID for a demo row, from its name: inserting it again conflicts on the primary key, so the
 * seed writes each row once whatever the number of starts.
 */
export function demoId(name: string): string {
  const hex = createHash('sha256').update(`capitune-demo:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Tiny valid files: what the demo documents' downloads give. */
export const demoPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
export const demoPdf = (title: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${title}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

/** What a document row records of a file. */
export const describeFile = (content: Buffer, contentType: string) => ({
  contentType,
  sizeBytes: content.length,
  sha256: createHash('sha256').update(content).digest('hex'),
});

export async function putDemoFile(storage: BlobStore, key: string, content: Buffer, contentType: string) {
  await storage.put(key, Readable.from([content]), contentType);
}
