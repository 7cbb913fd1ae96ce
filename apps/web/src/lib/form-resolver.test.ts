import { ZRegisterBody } from '@capitune/contracts';
import type { ResolverOptions } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { decodeMessage } from './form-errors';
import { formResolver } from './form-resolver';

const options = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<Record<string, unknown>>;

describe('formResolver', () => {
  const resolve = formResolver<Record<string, unknown>, unknown>(ZRegisterBody.options[1]);
  const pro = {
    role: 'pro',
    email: 'marie@example.ca',
    password: 'Caribou-Toundra-2026',
    firstName: 'Marie',
    lastName: 'Tremblay',
    locale: 'fr',
    organisationName: 'Cabinet Tremblay',
    profession: 'lawyer',
    regulator: 'barreau_qc',
  };

  it('gives translation keys for the refinement’s issues, one per field', async () => {
    const result = await resolve({ ...pro, licenceNumber: 'R123456' }, undefined, options);
    expect(result.values).toEqual({});
    const errors = result.errors as Record<string, { message: string; type: string }>;
    expect(Object.keys(errors)).toEqual(['licenceNumber']);
    expect(decodeMessage(errors.licenceNumber?.message ?? '')).toEqual({
      key: 'forms:validation.licenceFormat',
      params: { example: '123456-7' },
    });
  });

  it('returns the parsed values (licence normalised) when valid', async () => {
    const result = await resolve({ ...pro, licenceNumber: '123 456-7' }, undefined, options);
    expect(result.errors).toEqual({});
    expect(result.values).toMatchObject({ licenceNumber: '123456-7', regulator: 'barreau_qc' });
  });
});
