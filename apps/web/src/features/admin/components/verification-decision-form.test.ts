import type { ResolverOptions } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { decisionsFor, ZDecisionForm } from './verification-decision-form';

const options = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<Record<string, unknown>>;
const resolve = formResolver<Record<string, unknown>, unknown>(ZDecisionForm);

const values = {
  decision: 'approve',
  reason: 'Inscription active au registre.',
  registerEntry: {
    nameOnRegister: 'Marie Tremblay',
    statusOnRegister: 'Actif',
    licenceClass: '',
    entitledToPractise: true,
    restrictions: '',
    notes: '',
  },
  renewalDate: '2027-06-30',
  nextCheckDate: '2027-01-15',
};

describe('decisionsFor', () => {
  it('offers what applies to the file as it stands', () => {
    expect(decisionsFor({ status: 'pending', appealed: false })).toEqual([
      'approve',
      'request_info',
      'reject',
    ]);
    expect(decisionsFor({ status: 'verified', appealed: false })).toEqual(['recheck', 'suspend', 'revoke']);
    expect(decisionsFor({ status: 'expired', appealed: false })).toContain('recheck');
    expect(decisionsFor({ status: 'suspended', appealed: true })).toEqual([
      'reinstate',
      'dismiss_appeal',
      'revoke',
    ]);
    expect(decisionsFor({ status: 'rejected', appealed: true })).toEqual(['approve', 'dismiss_appeal']);
    // A rejection not appealed, a revocation: nothing left to decide.
    expect(decisionsFor({ status: 'rejected', appealed: false })).toEqual([]);
    expect(decisionsFor({ status: 'revoked', appealed: false })).toEqual([]);
  });
});

describe('the decision form', () => {
  it('sends an approval as the contract takes it: empty optional fields become null', async () => {
    const result = await resolve(values, undefined, options);
    expect(result.errors).toEqual({});
    expect(result.values).toEqual({
      ...values,
      registerEntry: { ...values.registerEntry, licenceClass: null, restrictions: null, notes: null },
    });
  });

  it('sends only the reason for a decision that is not a check', async () => {
    const result = await resolve({ ...values, decision: 'reject', renewalDate: '' }, undefined, options);
    expect(result.values).toEqual({ decision: 'reject', reason: values.reason });
  });

  it('asks for the register entry, the dates and a reason before a check', async () => {
    const result = await resolve(
      {
        ...values,
        reason: '',
        registerEntry: { ...values.registerEntry, statusOnRegister: ' ' },
        renewalDate: '',
      },
      undefined,
      options,
    );
    const errors = result.errors as Record<
      string,
      { message?: string } & Record<string, { message?: string }>
    >;
    expect(decodeMessage(errors.reason?.message ?? '')).toEqual({ key: 'forms:validation.required' });
    expect(decodeMessage(errors.renewalDate?.message ?? '')).toEqual({ key: 'forms:validation.required' });
    expect(decodeMessage(errors.registerEntry?.statusOnRegister?.message ?? '')).toEqual({
      key: 'forms:validation.required',
    });
  });
});
