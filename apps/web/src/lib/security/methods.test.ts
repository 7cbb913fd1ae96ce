import { describe, expect, it } from 'vitest';
import { needsStart, orderMethods } from './methods';

describe('orderMethods', () => {
  it('offers the strong factors first and the recovery codes last, whatever the API’s order', () => {
    expect(orderMethods(['recovery_code', 'sms', 'email', 'passkey', 'totp'], true)).toEqual([
      'totp',
      'passkey',
      'email',
      'sms',
      'recovery_code',
    ]);
  });

  it('leaves the passkey out where the browser cannot use one', () => {
    expect(orderMethods(['passkey', 'recovery_code'], false)).toEqual(['recovery_code']);
    expect(orderMethods(['passkey'], false)).toEqual([]);
  });

  it('keeps the password for accounts with no factor', () => {
    expect(orderMethods(['password'], true)).toEqual(['password']);
  });

  it('drops duplicates', () => {
    expect(orderMethods(['email', 'email', 'totp'], true)).toEqual(['totp', 'email']);
  });
});

describe('needsStart', () => {
  it('is true for what must be sent or fetched first', () => {
    expect(
      ['passkey', 'email', 'sms', 'totp', 'recovery_code', 'password'].map((method) =>
        needsStart(method as never),
      ),
    ).toEqual([true, true, true, false, false, false]);
  });
});
