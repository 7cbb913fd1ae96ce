import {
  directorySorts,
  licenceClasses,
  proLanguages,
  provinces,
  regulators,
  ZProDirectoryQuery,
} from '@capitune/contracts';
import { describe, expect, it } from 'vitest';
import {
  languageCodes,
  licenceClassCodes,
  provinceCodes,
  regulatorCodes,
  sorts,
  validateDirectorySearch,
  validateProProfileSearch,
  validateReviewSearch,
} from './search';

describe('directory search', () => {
  it('mirrors the contracts’ lists (the router may not import them at run time)', () => {
    expect(sorts).toEqual(directorySorts);
    expect(languageCodes).toEqual(proLanguages);
    expect(provinceCodes).toEqual(provinces);
    expect(regulatorCodes).toEqual(regulators);
    expect(licenceClassCodes).toEqual(licenceClasses);
  });

  it('keeps known filters and drops unknown or malformed ones', () => {
    expect(
      validateDirectorySearch({
        q: '  Tremblay ',
        language: 'es',
        province: 'QC',
        program: 'express_entry_fsw',
        regulator: 'cicc',
        licenceClass: 'L2',
        minRating: '4.5',
        accepting: 'true',
        mode: 'remote',
        city: 'Montréal',
        sort: 'rating',
      }),
    ).toEqual({
      q: 'Tremblay',
      language: 'es',
      province: 'QC',
      program: 'express_entry_fsw',
      regulator: 'cicc',
      licenceClass: 'L2',
      minRating: 4.5,
      accepting: true,
      mode: 'remote',
      city: 'Montréal',
      sort: 'rating',
    });
    expect(
      validateDirectorySearch({
        language: 'xx',
        province: 'ZZ',
        regulator: 'nobody',
        minRating: '9',
        accepting: 'false',
        mode: 'teleport',
        sort: 'relevance',
        q: '   ',
      }),
    ).toEqual({});
  });

  it('gives the API a query it accepts', () => {
    const search = validateDirectorySearch({ language: 'fr', province: 'ON', minRating: 4, accepting: true });
    const query = Object.fromEntries(Object.entries(search).map(([key, value]) => [key, String(value)]));
    expect(ZProDirectoryQuery.safeParse(query).success).toBe(true);
  });

  it('reads the profile’s and the review form’s own parameters', () => {
    expect(validateProProfileSearch({ ask: '1' })).toEqual({ ask: true });
    expect(validateProProfileSearch({ ask: 'no' })).toEqual({});
    const id = '0b6f3c1e-8f1a-4a55-9c5e-2f1d9b7a6c3d';
    expect(validateReviewSearch({ dossier: id })).toEqual({ dossier: id });
    expect(validateReviewSearch({ dossier: '../admin' })).toEqual({});
    expect(validateReviewSearch({ review: id, dossier: 'x' })).toEqual({ review: id });
  });
});
