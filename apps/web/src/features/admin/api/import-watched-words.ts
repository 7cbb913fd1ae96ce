import { ZWatchedWordImportResult } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch, isApiError } from '../../../lib/api-client';
import { adminKeys } from './keys';

/** `POST /api/admin/watched-words/import`: a CSV file's text; all rows or none. */
export const importWatchedWords = (csv: string) =>
  apiFetch('/api/admin/watched-words/import', {
    method: 'POST',
    body: { csv },
    schema: ZWatchedWordImportResult,
  });

export function useImportWatchedWords() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importWatchedWords,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.watchedWords }),
  });
}

/** A refused import's bad rows, read from the field errors' paths (`csv.<row>.<column>`), in order. */
export function importRowErrors(error: unknown): { row: number; column: string; code: string }[] {
  if (!isApiError(error)) return [];
  return error.fieldErrors.flatMap((fieldError) => {
    const [root, row, column] = fieldError.path.split('.');
    return root === 'csv' && row && Number.isInteger(Number(row))
      ? [{ row: Number(row), column: column ?? 'row', code: fieldError.code }]
      : [];
  });
}
