import { describe, expect, it } from 'vitest';
import { appErrorCodes, appErrorStatus, ZProblem } from './errors';

describe('AppErrorCode', () => {
  it('maps every code to an HTTP error status', () => {
    for (const code of appErrorCodes) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(appErrorStatus[code]).toBeGreaterThanOrEqual(400);
      expect(appErrorStatus[code]).toBeLessThan(600);
    }
  });

  it('accepts a problem body only with a known code', () => {
    const problem = {
      type: 'urn:capitune:problem:not-found',
      title: 'Not found',
      status: 404,
      code: 'NOT_FOUND',
    };
    expect(ZProblem.parse(problem)).toEqual(problem);
    expect(ZProblem.safeParse({ ...problem, code: 'SOMETHING_ELSE' }).success).toBe(false);
  });
});
