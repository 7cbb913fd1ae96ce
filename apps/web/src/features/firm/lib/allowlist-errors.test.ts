import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-error';
import { decodeMessage } from '../../../lib/form-errors';
import { allowlistFieldErrors, rangeFieldOf } from './allowlist-errors';

const refusal = (errors: { path: string; code: string; message: string }[]) =>
  new ApiError({ status: 400, code: 'VALIDATION_FAILED', fieldErrors: errors });

const keysOf = (items: { name: string; message: string }[]) =>
  items.map((item) => ({ name: item.name, ...decodeMessage(item.message) }));

describe('allowlistFieldErrors', () => {
  it('translates the allowlist’s own codes, per range', () => {
    const error = refusal([
      { path: 'body.ranges.1.cidr', code: 'cidr_invalid', message: 'Not a CIDR range' },
      { path: 'body.ranges', code: 'locks_you_out', message: 'Your address is outside' },
    ]);
    expect(keysOf(allowlistFieldErrors(error, '198.51.100.7'))).toEqual([
      { name: 'ranges.1.cidr', key: 'firm:network.errors.cidrInvalid' },
      { name: 'ranges', key: 'firm:network.errors.locksYouOut', params: { address: '198.51.100.7' } },
    ]);
  });

  it('tells a repeated range and an empty list switched on', () => {
    const error = refusal([
      { path: 'body.ranges.2.cidr', code: 'duplicate', message: '10.0.0.0/8 is listed twice' },
      { path: 'body.ranges', code: 'ranges_required', message: 'List at least one range' },
    ]);
    expect(keysOf(allowlistFieldErrors(error, null))).toEqual([
      { name: 'ranges.2.cidr', key: 'firm:network.errors.duplicate' },
      { name: 'ranges', key: 'firm:network.errors.rangesRequired' },
    ]);
  });

  it('says so without naming an address it does not know', () => {
    const error = refusal([{ path: 'body.enabled', code: 'locks_you_out', message: 'outside' }]);
    expect(keysOf(allowlistFieldErrors(error, null))).toEqual([
      { name: 'enabled', key: 'firm:network.errors.locksYouOutUnknown' },
    ]);
  });

  it('leaves the generic codes to the forms’ messages, one per field', () => {
    const error = refusal([
      { path: 'body.ranges.0.label', code: 'too_big', message: 'Too long' },
      { path: 'body.ranges.0.label', code: 'invalid_characters', message: 'Control character' },
    ]);
    expect(keysOf(allowlistFieldErrors(error, null))).toEqual([
      { name: 'ranges.0.label', key: 'forms:validation.tooLongAny' },
    ]);
  });

  it('has nothing to say about other failures', () => {
    expect(allowlistFieldErrors(new Error('boom'), null)).toEqual([]);
    expect(allowlistFieldErrors(new ApiError({ status: 403, code: 'FORBIDDEN' }), null)).toEqual([]);
  });
});

describe('rangeFieldOf', () => {
  it('finds the row and the field', () => {
    expect(rangeFieldOf('ranges.12.cidr')).toEqual({ index: 12, field: 'cidr' });
    expect(rangeFieldOf('ranges.0.label')).toEqual({ index: 0, field: 'label' });
    expect(rangeFieldOf('ranges')).toBeNull();
    expect(rangeFieldOf('enabled')).toBeNull();
  });
});
