import { describe, expect, it } from 'vitest';
import { countryOfAddress } from './country-of-address';

describe('countryOfAddress', () => {
  it('places public IPv4 addresses in their country', () => {
    expect(countryOfAddress('24.48.0.1')).toBe('CA');
    expect(countryOfAddress('2.16.0.1')).toBe('FR');
    expect(countryOfAddress('41.0.0.1')).toBe('ZA');
  });

  it('reads an IPv4 address written as IPv6', () => {
    expect(countryOfAddress('::ffff:24.48.0.1')).toBe('CA');
  });

  it('has no country for private, loopback, reserved, IPv6 or malformed addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.1.1',
      '255.255.255.255',
      '::1',
      '2001:db8::1',
      '24.48.0',
      'not an address',
      '',
      undefined,
      null,
    ]) {
      expect(countryOfAddress(address), String(address)).toBeNull();
    }
  });
});
