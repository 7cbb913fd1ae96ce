import { AppError } from './errors';

/** The position after which a keyset page starts: the last row's timestamp and id. */
export interface Cursor {
  at: Date;
  id: string;
}

/** Opaque to clients: base64url of `<ISO time>|<id>`. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  const [at, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError('VALIDATION_FAILED', 'Invalid cursor', {
      fieldErrors: [{ path: 'query.cursor', message: 'Invalid cursor', code: 'invalid_cursor' }],
    });
  }
  return { at: date, id };
}

/** A position in a sequence-ordered list (registrations in arrival order): base64url of the number. */
export function encodeOrderCursor(order: number): string {
  return Buffer.from(`#${order}`).toString('base64url');
}

export function decodeOrderCursor(value: string): number {
  const match = /^#(\d{1,15})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match?.[1]) {
    throw new AppError('VALIDATION_FAILED', 'Invalid cursor', {
      fieldErrors: [{ path: 'query.cursor', message: 'Invalid cursor', code: 'invalid_cursor' }],
    });
  }
  return Number(match[1]);
}
