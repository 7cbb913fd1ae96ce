import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import webpush from 'web-push';
import { z } from 'zod';

/** The server's VAPID identity (RFC 8292): a P-256 key pair, base64url, and how push services reach us. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const ZStoredVapid = z.object({
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{86,88}$/),
  privateKey: z.string().regex(/^[A-Za-z0-9_-]{42,44}$/),
});

/**
 * Embedded mode without VAPID_*: a key pair generated on first start and kept in the data folder
 * (`vapid.json`, mode 0600), like the other local secrets. It must survive restarts: browsers subscribed
 * with its public key, and a new key would silently orphan every subscription.
 */
export async function localVapidKeys(dataDir: string, subject: string): Promise<VapidKeys> {
  const file = path.join(dataDir, 'vapid.json');
  if (!existsSync(file)) {
    await mkdir(dataDir, { recursive: true });
    const { publicKey, privateKey } = webpush.generateVAPIDKeys();
    await writeFile(file, `${JSON.stringify({ publicKey, privateKey }, null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    }).catch((error) => {
      // Another process wrote it first: theirs is kept.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    });
  }
  let stored: unknown;
  try {
    stored = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    stored = null;
  }
  const parsed = ZStoredVapid.safeParse(stored);
  if (!parsed.success) {
    throw new Error(`${file} does not hold a VAPID key pair: delete it to generate a new one`);
  }
  return { ...parsed.data, subject };
}
