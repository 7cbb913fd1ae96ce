import { describe, expect, it } from 'vitest';
import { defaultAfterLogin, safeRedirect } from './redirect';

describe('safeRedirect', () => {
  it('keeps a path of this site, with its query and hash', () => {
    expect(safeRedirect('/profile')).toBe('/profile');
    expect(safeRedirect('/profile?tab=goals#sessions')).toBe('/profile?tab=goals#sessions');
    expect(safeRedirect('/dossiers/42/documents')).toBe('/dossiers/42/documents');
  });

  it('normalises dot segments without leaving the site', () => {
    expect(safeRedirect('/a/../profile')).toBe('/profile');
    expect(safeRedirect('/../../profile')).toBe('/profile');
  });

  it.each([
    'https://evil.example/profile',
    'http://evil.example',
    '//evil.example/profile',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,hi',
    'profile',
    '',
    '   ',
  ])('refuses %j', (value) => {
    expect(safeRedirect(value)).toBe(defaultAfterLogin);
  });

  it('refuses what is not a string', () => {
    expect(safeRedirect(undefined)).toBe(defaultAfterLogin);
    expect(safeRedirect(null)).toBe(defaultAfterLogin);
    expect(safeRedirect(42)).toBe(defaultAfterLogin);
    expect(safeRedirect(['/profile'])).toBe(defaultAfterLogin);
  });

  it('does not send a signed-in person back to the login or sign-up pages', () => {
    expect(safeRedirect('/login?redirect=/profile')).toBe(defaultAfterLogin);
    expect(safeRedirect('/signup')).toBe(defaultAfterLogin);
    expect(safeRedirect('/reset-password?token=x')).toBe(defaultAfterLogin);
  });

  it('uses the given fallback', () => {
    expect(safeRedirect('https://evil.example', '/')).toBe('/');
  });
});
