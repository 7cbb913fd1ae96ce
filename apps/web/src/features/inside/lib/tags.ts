/** Tags as the API accepts them: letters and digits joined by single hyphens, 2–30 characters. */
export const TAG_PATTERN = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u;

/** One tag as typed ("#Permis-Travail ") in the API's form ("permis-travail"). */
export function normaliseTag(raw: string): string {
  return raw.trim().replace(/^#+/, '').toLowerCase().normalize('NFC');
}

export type TagProblem = 'format' | 'tooShort' | 'tooLong' | 'tooMany' | 'duplicate';

export interface TagParseResult {
  tags: string[];
  /** The text left in the field (after the last separator). */
  rest: string;
  /** The first refused entry and why. */
  problem?: { value: string; reason: TagProblem };
}

/**
 * Adds the tags of what was typed into the tag field: commas, semicolons, spaces and new lines separate
 * tags (a space ends a tag, as in most tag fields; hyphens join words). With `commit`, the text after the
 * last separator is taken too (Enter, leaving the field).
 */
export function parseTagInput(
  current: readonly string[],
  input: string,
  { max, commit = false }: { max: number; commit?: boolean },
): TagParseResult {
  const parts = input.split(/[\s,;]+/);
  const rest = commit ? '' : (parts.pop() ?? '');
  const tags = [...current];
  let problem: TagParseResult['problem'];
  for (const part of parts) {
    const tag = normaliseTag(part);
    if (!tag) continue;
    let reason: TagProblem | undefined;
    if (tags.includes(tag)) reason = 'duplicate';
    else if (tag.length < 2) reason = 'tooShort';
    else if (tag.length > 30) reason = 'tooLong';
    else if (!TAG_PATTERN.test(tag)) reason = 'format';
    else if (tags.length >= max) reason = 'tooMany';
    if (reason) problem ??= { value: part.trim(), reason };
    else tags.push(tag);
  }
  return { tags, rest, ...(problem ? { problem } : {}) };
}
