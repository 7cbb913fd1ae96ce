import { regulatorInfo, regulators, type TRegulator } from '@capitune/contracts';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isApiError } from './api-error';

/**
 * Field errors are kept language-neutral in react-hook-form (a translation key and its values, encoded
 * in the message), and translated when shown: switching the language translates the errors on screen
 * too. A message without the prefix is shown as is (the API's own reason for a weak password, which is
 * already in the person's language).
 */
const PREFIX = 'i18n:';

export interface MessageRef {
  /** `namespace:key` */
  key: string;
  params?: Record<string, string | number>;
}

export function encodeMessage(key: string, params?: MessageRef['params']): string {
  return PREFIX + JSON.stringify(params ? { key, params } : { key });
}

export function decodeMessage(message: string): MessageRef | null {
  if (!message.startsWith(PREFIX)) return null;
  try {
    const parsed = JSON.parse(message.slice(PREFIX.length)) as MessageRef;
    return typeof parsed.key === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** Any `t` of react-i18next, whatever its namespaces (the keys here are dynamic). */
export type AnyT = (...args: never[]) => unknown;

/** The text of a field error in the current language. */
export function translateMessage(t: AnyT, message: string | undefined): string | undefined {
  if (!message) return undefined;
  const ref = decodeMessage(message);
  if (!ref) return message;
  const translate = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return translate(ref.key, ref.params);
}

/** The parts of a zod issue that decide the message (zod's own issue type has more). */
export interface IssueLike {
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  input?: unknown;
  message?: string;
  /** A custom issue's stable code (`refineLicence` sets `{ code: 'licence_format' }`…). */
  params?: { code?: string };
}

/**
 * Custom issue codes of the contracts' refinements and their message keys. Those issues carry an English
 * message of their own, which zod keeps rather than asking the error map: their code decides instead.
 */
const customMessages: Record<string, string> = {
  licence_format: 'licenceFormat',
  regulator_mismatch: 'regulatorMismatch',
  licence_class_not_applicable: 'licenceClassNotApplicable',
};

/** The regulator of a declaration being checked (the refinement's input is the whole object). */
function regulatorOf(input: unknown): TRegulator | undefined {
  const regulator = (input as { regulator?: unknown } | null | undefined)?.regulator;
  return (regulators as readonly unknown[]).includes(regulator) ? (regulator as TRegulator) : undefined;
}

function customMessage(issue: IssueLike): string | undefined {
  const code = issue.params?.code;
  const key = code ? customMessages[code] : undefined;
  if (!key) return undefined;
  if (code === 'licence_format') {
    const regulator = regulatorOf(issue.input);
    return regulator
      ? validation(key, { example: regulatorInfo[regulator].licenceExample })
      : validation('licenceFormatAny');
  }
  return validation(key);
}

/**
 * The message a form shows for a zod issue: a custom issue's by its code, any other's as the error map
 * (`issueMessage`) made it.
 */
export function formIssueMessage(issue: IssueLike): string {
  return customMessage(issue) ?? issue.message ?? issueMessage(issue);
}

const validation = (name: string, params?: MessageRef['params']) =>
  encodeMessage(`forms:validation.${name}`, params);

/**
 * The message of a client-side zod issue, from its code and details (never zod's English text). Passed
 * to the resolver as zod's error map: `zodResolver(schema, { error: issueMessage })`.
 */
export function issueMessage(issue: IssueLike): string {
  // An empty text field fails as "too short" or "not an email": what the person needs to hear is that
  // the field is required.
  if (typeof issue.input === 'string' && issue.input.trim() === '' && issue.code !== 'invalid_value') {
    return validation('required');
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === ''
        ? validation('required')
        : validation('invalid');
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') {
        return minimum <= 1 ? validation('required') : validation('tooShort', { count: minimum });
      }
      return validation('tooSmall', { minimum });
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      return issue.origin === 'string'
        ? validation('tooLong', { count: maximum })
        : validation('tooBig', { maximum });
    }
    case 'invalid_format':
      if (issue.format === 'email') return validation('email');
      if (issue.format === 'date') return validation('date');
      return validation('format');
    case 'invalid_value':
      return validation('choose');
    default:
      return customMessage(issue) ?? validation('invalid');
  }
}

/** The message of a field error sent by the API, from its code (the API's text is in English). */
export function serverFieldMessage(fieldCode: string, problemCode: string, detail?: string): string {
  switch (fieldCode) {
    case 'too_weak':
      return detail ?? encodeMessage('common:errors.PASSWORD_TOO_WEAK');
    case 'too_small':
      return validation('tooShortAny');
    case 'too_big':
      return validation('tooLongAny');
    case 'invalid_format':
    case 'invalid_string':
      return validation('format');
    case 'invalid_value':
    case 'invalid_enum_value':
      return validation('choose');
    case 'licence_format':
      // The API's message names no example: the field's hint shows it.
      return validation('licenceFormatAny');
    case 'regulator_mismatch':
    case 'licence_class_not_applicable':
      return customMessage({ params: { code: fieldCode } }) ?? validation('invalid');
    default:
      return problemCode === 'VALIDATION_FAILED' || problemCode === 'BAD_REQUEST'
        ? validation('invalid')
        : encodeMessage(`common:errors.${problemCode}`);
  }
}

export interface MappedFieldError {
  /** The form field: `body.email` → `email`, `body.messages.inApp` → `messages.inApp`. */
  name: string;
  message: string;
}

/** The API's field errors that belong to the given form fields (others are left to a form-level alert). */
export function fieldErrorsOf(error: unknown, fields: readonly string[]): MappedFieldError[] {
  if (!isApiError(error)) return [];
  const mapped: MappedFieldError[] = [];
  for (const fieldError of error.fieldErrors) {
    if (!fieldError.path.startsWith('body.')) continue;
    const name = fieldError.path.slice('body.'.length);
    if (!fields.includes(name) || mapped.some((item) => item.name === name)) continue;
    mapped.push({ name, message: serverFieldMessage(fieldError.code, error.code, error.detail) });
  }
  return mapped;
}

/**
 * Shows an API error on a react-hook-form form: field errors under their fields (focusing the first);
 * returns false when none applied, so the caller shows the error in the form's alert instead.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): boolean {
  const mapped = fieldErrorsOf(error, fields);
  mapped.forEach((item, index) => {
    setError(item.name as Path<T>, { type: 'server', message: item.message }, { shouldFocus: index === 0 });
  });
  return mapped.length > 0;
}
