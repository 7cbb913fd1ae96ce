import { describe, expect, it } from 'vitest';
import { mustAnswerConsents } from './consent-gate';

describe('the consent gate', () => {
  const pending = { pendingConsents: ['terms' as const] };

  it('sends a person with versions to accept to the consent page first', () => {
    expect(mustAnswerConsents(pending, '/dashboard')).toBe(true);
    expect(mustAnswerConsents(pending, '/inside')).toBe(true);
  });

  it('keeps open the consent page, the documents and the ways out', () => {
    for (const path of ['/consent', '/terms', '/privacy', '/profile/privacy', '/profile/security']) {
      expect(mustAnswerConsents(pending, path), path).toBe(false);
    }
  });

  it('asks nothing when nothing is pending, or of an anonymous visitor', () => {
    expect(mustAnswerConsents({ pendingConsents: [] }, '/dashboard')).toBe(false);
    expect(mustAnswerConsents(null, '/dashboard')).toBe(false);
    expect(mustAnswerConsents({} as never, '/dashboard')).toBe(false);
  });
});
