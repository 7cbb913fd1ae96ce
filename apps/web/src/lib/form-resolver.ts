import { toNestErrors, validateFieldsNatively } from '@hookform/resolvers';
import type { FieldError, FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { ZodType } from 'zod';
import { formIssueMessage, type IssueLike, issueMessage } from './form-errors';

/**
 * A react-hook-form resolver for a zod schema of `@capitune/contracts` (or one built from its parts),
 * whose messages are translation keys (see `form-errors.ts`) rather than zod's English text.
 * `TValues` is what the form holds (strings for selects and dates), `TOutput` what the schema returns.
 *
 * Not `@hookform/resolvers/zod`: that one shows each issue's message as zod left it, and the issues of
 * the contracts' refinements (`refineLicence`) keep their own English message; here their code decides.
 */
export function formResolver<TValues extends FieldValues, TOutput>(
  schema: ZodType<TOutput>,
): Resolver<TValues, unknown, TOutput> {
  return async (values, _context, options) => {
    const result = await schema.safeParseAsync(values, {
      // The refinements' issues need their input (the regulator decides the example in the message).
      reportInput: true,
      error: (issue: unknown) => issueMessage(issue as IssueLike),
    });
    if (result.success) {
      if (options.shouldUseNativeValidation) validateFieldsNatively({}, options);
      return { values: result.data, errors: {} };
    }
    // The first issue of each field, as the forms show one message per field.
    const errors: Record<string, FieldError> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.');
      errors[path] ??= { type: issue.code, message: formIssueMessage(issue as IssueLike) };
    }
    return { values: {}, errors: toNestErrors(errors as FieldErrors, options) };
  };
}
