import { z } from 'zod';

/**
 * What every schema's strings, dates and integers are made of. PostgreSQL refuses a NUL character in
 * text and jsonb, a lone UTF-16 surrogate in jsonb, year 0 and years it cannot hold, and an integer
 * beyond its column's type: such input is refused here, as a 400 on the field, before it can become a
 * 500 at the database. Refinements add no message of their own, so a form's error map words them in the
 * reader's language; the field error's `code` names the rule.
 */

/** Field error code: the string holds a character the field does not take. */
export const INVALID_CHARACTERS = 'invalid_characters';
/** Field error code: the date is outside years 1–9999. */
export const DATE_OUT_OF_RANGE = 'date_out_of_range';

// With the `u` flag a well-formed surrogate pair is one code point: `\p{Cs}` matches lone halves only.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const unstorable = /\u0000|\p{Cs}/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const lineControls = /[\u0000-\u001F\u007F]|\p{Cs}/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const textControls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|\p{Cs}/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const strippedControls = /[\u0000-\u0008\u000B-\u001F\u007F]|\p{Cs}/gu;

const invalidCharacters = { params: { code: INVALID_CHARACTERS } };
const refusing = (pattern: RegExp) => z.string().refine((value) => !pattern.test(value), invalidCharacters);

/** Single-line text (names, titles, codes, tokens, search words): no control character at all, nor DEL. */
export const ZLine = refusing(lineControls);

/** Multi-line text (notes, messages, bios): tab, line feed and carriage return are its only controls. */
export const ZText = refusing(textControls);

/**
 * A string the server writes (response fields): only what no column can hold is refused, so that a row
 * stored before a field's rule tightened never turns a read into an error.
 */
export const ZString = refusing(unstorable);

/** A URL the server writes: zod's URL check alone lets a NUL or a lone surrogate through. */
export const ZUrl = z.url().refine((value) => !unstorable.test(value), invalidCharacters);

/** Removes the control characters of multi-line text (carriage returns too) and lone surrogates. */
export function stripControls(value: string): string {
  return value.replace(strippedControls, '');
}

/** Text whose meaning is to drop control characters rather than refuse them (Inside's posts). */
export const ZStrippedText = z.string().transform(stripControls);

const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/** Whether a time (ms since the epoch) falls within years 1–9999 UTC, the calendar the API keeps. */
export function isSupportedTime(time: number): boolean {
  return time >= FIRST_INSTANT && time <= LAST_INSTANT;
}

const inRange = { params: { code: DATE_OUT_OF_RANGE } };

/** A calendar day, `YYYY-MM-DD`, in years 1–9999. */
export const ZDate = z.iso.date().refine((value) => value >= '0001', inRange);

/** Whether a `YYYY-MM-DD` string is a real day of years 1–9999 (`0000-12-31`, `+010000-01-01` are not). */
export function isSupportedDay(day: string): boolean {
  return ZDate.safeParse(day).success;
}

/** An instant in UTC (`…Z`), in years 1–9999. */
export const ZDateTime = z.iso.datetime().refine((value) => isSupportedTime(Date.parse(value)), inRange);

/** An instant with any offset (`…+02:00` or `…Z`), in years 1–9999 once in UTC. */
export const ZDateTimeWithOffset = z.iso
  .datetime({ offset: true })
  .refine((value) => isSupportedTime(Date.parse(value)), inRange);

/** The largest value of a PostgreSQL `integer` column (int4). */
export const INT4_MAX = 2_147_483_647;
