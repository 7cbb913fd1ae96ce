import { describe, expect, it } from 'vitest';
import { cursorOf, decodeCursor, encodeCursor, isCursorId, isCursorInstant, isCursorOrder } from './cursor';

const any = (values: unknown[]): values is unknown[] => true;
const id = '8f6c2f8e-3b1a-4c55-9d6e-2a7b1c0d9e4f';
const refused = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'accepted';
};

describe('the one cursor codec', () => {
  it('gives back the sort key it was given, for every shape of key', () => {
    const at = new Date('2026-01-01T10:00:00.123Z');
    expect(decodeCursor(encodeCursor({ at, id }))).toEqual({ at, id });
    expect(decodeCursor(encodeCursor([42]), cursorOf(isCursorOrder))).toEqual([42]);
    const key = ['s', null, 80, 12, id];
    expect(decodeCursor(encodeCursor(key), (values): values is unknown[] => values.length === 5)).toEqual(
      key,
    );
  });

  it('is canonical base64url: padded, altered or cut cursors are refused', () => {
    const cursor = encodeCursor({ at: new Date('2026-01-01T00:00:00Z'), id });
    expect(refused(() => decodeCursor(`${cursor}==`))).toBe('INVALID_CURSOR');
    expect(refused(() => decodeCursor(cursor.slice(0, -3)))).toBe('INVALID_CURSOR');
    expect(refused(() => decodeCursor(''))).toBe('INVALID_CURSOR');
    expect(refused(() => decodeCursor('!!!'))).toBe('INVALID_CURSOR');
  });

  it('refuses a key of another shape, or values no column would take', () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64url');
    expect(refused(() => decodeCursor(encodeCursor([42])))).toBe('INVALID_CURSOR');
    expect(refused(() => decodeCursor(encodeCursor(['2026-02-30T00:00:00.000Z', id])))).toBe(
      'INVALID_CURSOR',
    );
    expect(refused(() => decodeCursor(encodeCursor(['2026-01-01T00:00:00.000Z', 'x'])))).toBe(
      'INVALID_CURSOR',
    );
    expect(refused(() => decodeCursor(encodeCursor([-1]), cursorOf(isCursorOrder)))).toBe('INVALID_CURSOR');
    expect(refused(() => decodeCursor(encodeCursor([1, 2]), cursorOf(isCursorOrder)))).toBe('INVALID_CURSOR');
    expect(refused(() => decodeCursor(b64('[{"a":1}]'), any))).toBe('INVALID_CURSOR');
    expect(refused(() => decodeCursor(b64('{}'), any))).toBe('INVALID_CURSOR');
    expect(refused(() => decodeCursor(b64(`2026-01-01T00:00:00.000Z|${id}`)))).toBe('INVALID_CURSOR');
  });

  it('checks each field as the query will read it', () => {
    expect(isCursorId(id)).toBe(true);
    expect(isCursorInstant('2026-01-01T00:00:00.000001Z')).toBe(true);
    expect(isCursorInstant('0000-01-01T00:00:00.000Z')).toBe(false);
    expect(isCursorOrder(999_999_999_999_999)).toBe(true);
    expect(isCursorOrder(1_000_000_000_000_000)).toBe(false);
  });
});
