import { describe, expect, it } from 'vitest';
import { isUuid, validateDeliveriesSearch } from './deliveries-search';

const id = '0b9f5c1e-8a9d-4c3e-9f00-1234567890ab';

describe('validateDeliveriesSearch', () => {
  it('keeps known channels and statuses and valid ids', () => {
    expect(
      validateDeliveriesSearch({
        channel: 'email',
        status: 'failed',
        userId: id,
        notificationId: ` ${id.toUpperCase()} `,
      }),
    ).toEqual({ channel: 'email', status: 'failed', userId: id, notificationId: id });
  });

  it('drops unknown or malformed values', () => {
    expect(
      validateDeliveriesSearch({
        channel: 'fax',
        status: 'lost',
        userId: 'me',
        notificationId: 42,
        other: 'x',
      }),
    ).toEqual({});
  });

  it('tells a valid id', () => {
    expect(isUuid(id)).toBe(true);
    expect(isUuid('nope')).toBe(false);
  });
});
