import { ZLoginBody, ZPassword, ZRegisterBody, ZUpdateMeBody } from '@capitune/contracts';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
import {
  applyServerErrors,
  decodeMessage,
  encodeMessage,
  fieldErrorsOf,
  formIssueMessage,
  type IssueLike,
  issueMessage,
  translateMessage,
} from './form-errors';

/** The translation key (and values) of each failing field, as the forms get them (see form-resolver). */
function messagesOf(schema: { safeParse: (data: unknown, params: object) => unknown }, data: unknown) {
  const result = schema.safeParse(data, {
    error: (issue: IssueLike) => issueMessage(issue),
    reportInput: true,
  }) as {
    error?: { issues: Array<IssueLike & { path: PropertyKey[] }> };
  };
  return Object.fromEntries(
    (result.error?.issues ?? []).map((issue) => [
      issue.path.join('.'),
      decodeMessage(formIssueMessage(issue)),
    ]),
  );
}

describe('issueMessage (client-side validation)', () => {
  it('translates by issue code, with the values the message needs', () => {
    expect(messagesOf(ZLoginBody, { email: 'pas-une-adresse', password: '' })).toEqual({
      email: { key: 'forms:validation.email' },
      password: { key: 'forms:validation.required' },
    });
    expect(messagesOf(ZPassword, 'court')).toEqual({
      '': { key: 'forms:validation.tooShort', params: { count: 10 } },
    });
  });

  it('covers the sign-up form', () => {
    const messages = messagesOf(ZRegisterBody, {
      role: 'pro',
      email: 'a@b.ca',
      password: 'x'.repeat(300),
      firstName: '  ',
      lastName: 'Tremblay',
      locale: 'fr',
      licenceNumber: 'R1',
      organisationName: 'Cabinet',
    });
    expect(messages).toEqual({
      password: { key: 'forms:validation.tooLong', params: { count: 256 } },
      firstName: { key: 'forms:validation.required' },
      // The CICC by default: its example goes in the message.
      licenceNumber: { key: 'forms:validation.licenceFormat', params: { example: 'R123456' } },
    });
  });

  it('translates the licence refinement by its issue codes, never its English message', () => {
    const pro = {
      role: 'pro',
      email: 'a@b.ca',
      password: 'Caribou-Toundra-2026',
      firstName: 'Marie',
      lastName: 'Tremblay',
      locale: 'fr',
      organisationName: 'Cabinet',
    };
    expect(
      messagesOf(ZRegisterBody, {
        ...pro,
        profession: 'notary',
        regulator: 'lso',
        licenceNumber: '12-34',
        licenceClass: 'L1',
      }),
    ).toEqual({
      regulator: { key: 'forms:validation.regulatorMismatch' },
      licenceNumber: { key: 'forms:validation.licenceFormat', params: { example: '12345A' } },
      licenceClass: { key: 'forms:validation.licenceClassNotApplicable' },
    });
    // A number in the regulator's format (spaces and case do not matter) passes.
    expect(
      messagesOf(ZRegisterBody, {
        ...pro,
        profession: 'rcic',
        regulator: 'cicc',
        licenceNumber: 'r 700 123',
      }),
    ).toEqual({});
  });

  it('says "invalid format" for a pattern, and "choose" for a value off the list', () => {
    expect(messagesOf(ZUpdateMeBody, { phone: 'abc', locale: 'de' })).toEqual({
      phone: { key: 'forms:validation.format' },
      locale: { key: 'forms:validation.choose' },
    });
  });

  it('says "required" for an empty field, whatever the rule it breaks', () => {
    expect(
      messagesOf(ZRegisterBody.options[1], { role: 'pro', email: '', password: '', licenceNumber: ' ' }),
    ).toMatchObject({
      email: { key: 'forms:validation.required' },
      password: { key: 'forms:validation.required' },
      licenceNumber: { key: 'forms:validation.required' },
    });
  });

  it('falls back to a generic message for other issues', () => {
    expect(decodeMessage(issueMessage({ code: 'custom' }))).toEqual({ key: 'forms:validation.invalid' });
  });
});

describe('translateMessage', () => {
  const t = vi.fn((key: string, params?: object) => `${key}${params ? JSON.stringify(params) : ''}`);

  it('translates encoded messages when shown', () => {
    expect(translateMessage(t, encodeMessage('forms:validation.tooShort', { count: 10 }))).toBe(
      'forms:validation.tooShort{"count":10}',
    );
  });

  it('shows other messages as they are (the API’s reason for a weak password)', () => {
    expect(translateMessage(t, 'Ajoutez un autre mot ou deux.')).toBe('Ajoutez un autre mot ou deux.');
    expect(translateMessage(t, undefined)).toBeUndefined();
  });
});

describe('server errors on a form', () => {
  const weak = new ApiError({
    status: 400,
    code: 'PASSWORD_TOO_WEAK',
    detail: 'Ajoutez un autre mot ou deux. Les mots peu courants sont préférables.',
    fieldErrors: [{ path: 'body.password', message: 'Add another word or two.', code: 'too_weak' }],
  });

  it('puts the reason of a weak password under the password field', () => {
    expect(fieldErrorsOf(weak, ['email', 'password'])).toEqual([
      { name: 'password', message: 'Ajoutez un autre mot ou deux. Les mots peu courants sont préférables.' },
    ]);
  });

  it('translates field codes rather than showing the API’s English', () => {
    const error = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      fieldErrors: [
        { path: 'body.email', message: 'Invalid email address', code: 'invalid_format' },
        { path: 'body.firstName', message: 'Too small', code: 'too_small' },
        { path: 'body.timeZone', message: 'Unknown time zone', code: 'invalid_time_zone' },
        { path: 'query.limit', message: 'Too big', code: 'too_big' },
      ],
    });
    expect(
      fieldErrorsOf(error, ['email', 'firstName', 'timeZone']).map((item) => [
        item.name,
        decodeMessage(item.message),
      ]),
    ).toEqual([
      ['email', { key: 'forms:validation.format' }],
      ['firstName', { key: 'forms:validation.tooShortAny' }],
      ['timeZone', { key: 'forms:validation.invalid' }],
    ]);
  });

  it('translates the licence checks of the API by their codes', () => {
    const error = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      fieldErrors: [
        { path: 'body.licenceNumber', message: 'Expected a number like R123456', code: 'licence_format' },
        {
          path: 'body.regulator',
          message: 'This regulator does not license that profession',
          code: 'regulator_mismatch',
        },
      ],
    });
    expect(
      fieldErrorsOf(error, ['licenceNumber', 'regulator']).map((item) => [
        item.name,
        decodeMessage(item.message),
      ]),
    ).toEqual([
      ['licenceNumber', { key: 'forms:validation.licenceFormatAny' }],
      ['regulator', { key: 'forms:validation.regulatorMismatch' }],
    ]);
  });

  it('puts an already claimed licence under the licence field, in words that name nobody', () => {
    const error = new ApiError({
      status: 409,
      code: 'LICENCE_ALREADY_CLAIMED',
      fieldErrors: [{ path: 'body.licenceNumber', message: 'Already claimed', code: 'already_claimed' }],
    });
    expect(decodeMessage(fieldErrorsOf(error, ['licenceNumber'])[0]?.message ?? '')).toEqual({
      key: 'common:errors.LICENCE_ALREADY_CLAIMED',
    });
  });

  it('uses the problem’s own message for a field error of another kind (wrong password)', () => {
    const error = new ApiError({
      status: 400,
      code: 'WRONG_PASSWORD',
      fieldErrors: [{ path: 'body.currentPassword', message: 'Not right', code: 'wrong_password' }],
    });
    expect(decodeMessage(fieldErrorsOf(error, ['currentPassword'])[0]?.message ?? '')).toEqual({
      key: 'common:errors.WRONG_PASSWORD',
    });
  });

  it('sets the errors on the form, focusing the first, and says whether any applied', () => {
    const setError = vi.fn();
    expect(applyServerErrors(weak, setError, ['password'])).toBe(true);
    expect(setError).toHaveBeenCalledWith(
      'password',
      { type: 'server', message: weak.detail },
      { shouldFocus: true },
    );

    // Not a field of this form, or not an API error: left to the form-level alert.
    expect(applyServerErrors(weak, vi.fn(), ['email'])).toBe(false);
    expect(applyServerErrors(new Error('boom'), vi.fn(), ['email'])).toBe(false);
    expect(
      applyServerErrors(new ApiError({ status: 401, code: 'INVALID_CREDENTIALS' }), vi.fn(), ['email']),
    ).toBe(false);
  });
});
