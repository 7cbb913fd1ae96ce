import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { localSecret } from '../local-secret';

/**
 * The master keys (`ENCRYPTION_KEYS`): the first one encrypts, every one listed can still decrypt, so a
 * new key is put first and the older ones stay until `npm run keys:rewrap` has re-wrapped what
 * they protect. They encrypt small secrets (authenticator secrets) and wrap the data key of each file;
 * files themselves are encrypted with their own data key (`platform/crypto/file-encryption.ts`).
 */
export interface MasterKey {
  id: string;
  key: Buffer;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses `id:base64key,id:base64key`: each key 32 bytes (base64 or base64url), ids unique. */
export function parseMasterKeys(value: string): { keys: MasterKey[] } | { error: string } {
  const keys: MasterKey[] = [];
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    if (separator < 1 || !KEY_ID.test(id)) return { error: `"${entry.slice(0, 12)}…" is not id:base64key` };
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== KEY_BYTES) return { error: `key "${id}" must be ${KEY_BYTES} bytes (base64)` };
    if (keys.some((known) => known.id === id)) return { error: `key id "${id}" appears twice` };
    keys.push({ id, key });
  }
  if (keys.length === 0) return { error: 'lists no key' };
  return { keys };
}

/** Embedded mode: a master key derived from a secret generated once in the data folder. */
export async function localMasterKey(dataDir: string): Promise<MasterKey> {
  const secret = await localSecret(dataDir, 'encryption');
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'capitune master key', KEY_BYTES));
  return { id: 'local', key };
}

/** The master keys an entry point uses: `ENCRYPTION_KEYS`, else (embedded mode) the one of DATA_DIR. */
export async function masterKeysOf(config: {
  encryptionKeys: readonly MasterKey[] | null;
  dataDir: string;
}): Promise<readonly MasterKey[]> {
  return config.encryptionKeys ?? [await localMasterKey(config.dataDir)];
}

export class KeyringError extends Error {
  override name = 'KeyringError';
}

export interface Keyring {
  /** The id of the key that encrypts now. */
  readonly currentKeyId: string;
  /** Encrypts a small secret: `<key id>.<iv+ciphertext+tag, base64url>`. `context` binds it to its use. */
  seal(plaintext: string, context: string): string;
  /** Decrypts what `seal` wrote, with the key it names; KeyringError if that key is gone or it was altered. */
  open(sealed: string, context: string): string;
  /** Whether `seal`ed text was written with another key than the current one (for re-wrapping). */
  isStale(sealed: string): boolean;
  /** Wraps a file's data key with the current master key. */
  wrapKey(dataKey: Buffer): { masterKeyId: string; wrappedKey: string };
  unwrapKey(masterKeyId: string, wrappedKey: string): Buffer;
}

function encrypt(key: Buffer, plaintext: Buffer, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

function decrypt(key: Buffer, encoded: string, context: string): Buffer {
  const bytes = Buffer.from(encoded, 'base64url');
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new KeyringError('The encrypted value is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new KeyringError('The encrypted value does not open with its key (wrong key or altered)');
  }
}

export function createKeyring(keys: readonly MasterKey[]): Keyring {
  const [current] = keys;
  if (!current) throw new KeyringError('The keyring needs at least one master key');
  const keyOf = (id: string) => {
    const found = keys.find((key) => key.id === id);
    if (!found) throw new KeyringError(`Master key "${id}" is not in ENCRYPTION_KEYS`);
    return found.key;
  };
  const split = (sealed: string) => {
    const dot = sealed.indexOf('.');
    if (dot < 1) throw new KeyringError('Not a sealed value');
    return { id: sealed.slice(0, dot), body: sealed.slice(dot + 1) };
  };
  return {
    currentKeyId: current.id,
    seal: (plaintext, context) =>
      `${current.id}.${encrypt(current.key, Buffer.from(plaintext, 'utf8'), context)}`,
    open(sealed, context) {
      const { id, body } = split(sealed);
      return decrypt(keyOf(id), body, context).toString('utf8');
    },
    isStale: (sealed) => split(sealed).id !== current.id,
    wrapKey: (dataKey) => ({
      masterKeyId: current.id,
      wrappedKey: encrypt(current.key, dataKey, 'data-key'),
    }),
    unwrapKey: (masterKeyId, wrappedKey) => decrypt(keyOf(masterKeyId), wrappedKey, 'data-key'),
  };
}
