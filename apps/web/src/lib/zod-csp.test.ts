import { describe, expect, it } from 'vitest';
import { zodGlobalConfigKey } from './zod-csp';

describe('zod under the CSP', () => {
  it('is told not to compile parsers with eval, through the settings object zod reads', async () => {
    const { config } = await import('zod/v4/core');
    const settings = (globalThis as Record<string, unknown>)[zodGlobalConfigKey];
    expect(settings).toMatchObject({ jitless: true });
    // `z.config()` returns the object zod actually uses: it must be the one set by the app.
    expect(config()).toBe(settings);
  });
});
