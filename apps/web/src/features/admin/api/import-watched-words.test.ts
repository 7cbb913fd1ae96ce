import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { importRowErrors } from './import-watched-words';

describe('importRowErrors', () => {
  it('reads the bad rows of a refused import, and nothing from other errors', () => {
    const refused = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      fieldErrors: [
        { path: 'csv.3.action', message: 'Row 3: invalid_action', code: 'invalid_action' },
        { path: 'csv.8.row', message: 'Row 8: columns', code: 'columns' },
        { path: 'body.csv', message: 'Too long', code: 'too_big' },
      ],
    });
    expect(importRowErrors(refused)).toEqual([
      { row: 3, column: 'action', code: 'invalid_action' },
      { row: 8, column: 'row', code: 'columns' },
    ]);
    expect(importRowErrors(new ApiError({ status: 413, code: 'PAYLOAD_TOO_LARGE' }))).toEqual([]);
    expect(importRowErrors(new Error('network'))).toEqual([]);
  });
});
