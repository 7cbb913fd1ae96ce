import type { ResolverOptions } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { regulatorsFor, ZDeclarationForm } from './declaration-form';
import { statusKey } from './status-panel';

const options = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<Record<string, unknown>>;
const resolve = formResolver<Record<string, unknown>, unknown>(ZDeclarationForm);
const blank = { name: '', email: '', relationship: '', locale: 'fr' };
const jeanne = { name: 'Jeanne Roy', email: 'jeanne@example.ca', relationship: 'Associée', locale: 'en' };
const declaration = {
  profession: 'rcic',
  regulator: 'cicc',
  licenceNumber: 'r 700 123',
  licenceClass: '',
  references: [jeanne, blank],
};

describe('the declaration form', () => {
  it('sends the licence normalised, no class, and only the references given', async () => {
    const result = await resolve(declaration, undefined, options);
    expect(result.errors).toEqual({});
    expect(result.values).toEqual({
      profession: 'rcic',
      regulator: 'cicc',
      licenceNumber: 'r 700 123',
      licenceClass: null,
      references: [jeanne],
    });
  });

  it('asks to finish a reference that was started, and checks the licence against the regulator', async () => {
    const result = await resolve(
      {
        ...declaration,
        regulator: 'barreau_qc',
        profession: 'lawyer',
        references: [jeanne, { ...blank, name: 'Samuel Côté', email: 'pas-une-adresse' }],
      },
      undefined,
      options,
    );
    const errors = result.errors as Record<string, unknown>;
    const message = (path: string) =>
      decodeMessage(
        (
          path
            .split('.')
            .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], errors) as {
            message: string;
          }
        )?.message ?? '',
      );
    expect(message('licenceNumber')).toEqual({
      key: 'forms:validation.licenceFormat',
      params: { example: '123456-7' },
    });
    expect(message('references.1.email')).toEqual({ key: 'forms:validation.email' });
    expect(message('references.1.relationship')).toEqual({ key: 'forms:validation.required' });
    expect(message('references.1.name')).toBeNull();
  });
});

describe('regulatorsFor', () => {
  it('lists the regulators that license the profession', () => {
    expect(regulatorsFor('rcic')).toEqual(['cicc']);
    expect(regulatorsFor('notary')).toEqual(['cnq']);
    expect(regulatorsFor('paralegal')).toEqual(['lso']);
    expect(regulatorsFor('lawyer')).toContain('barreau_qc');
    expect(regulatorsFor('lawyer')).not.toContain('cicc');
  });
});

describe('statusKey', () => {
  it('tells a file being prepared from one under review', () => {
    expect(statusKey({ status: 'pending', submittedAt: null })).toBe('preparing');
    expect(statusKey({ status: 'pending', submittedAt: '2026-12-01T10:00:00.000Z' })).toBe('under_review');
    expect(statusKey({ status: 'verified', submittedAt: '2026-12-01T10:00:00.000Z' })).toBe('verified');
  });
});
