import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, Resolver } from 'react-hook-form';
import type { ZodType } from 'zod';
import { type IssueLike, issueMessage } from './form-errors';

/**
 * A react-hook-form resolver for a zod schema of `@capitune/contracts` (or one built from its parts),
 * whose messages are translation keys (see `form-errors.ts`) rather than zod's English text.
 * `TValues` is what the form holds (strings for selects and dates), `TOutput` what the schema returns.
 */
export function formResolver<TValues extends FieldValues, TOutput>(
  schema: ZodType<TOutput>,
): Resolver<TValues, unknown, TOutput> {
  return zodResolver(schema as never, {
    error: (issue: unknown) => issueMessage(issue as IssueLike),
  }) as unknown as Resolver<TValues, unknown, TOutput>;
}
