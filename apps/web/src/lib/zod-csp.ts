/**
 * zod compiles fast object parsers with `new Function`, which the Content Security Policy forbids
 * (`script-src 'self'`): even zod's probe for it is reported as a violation. `jitless` turns that off,
 * and must be set before any schema is created. zod keeps its settings on `globalThis.__zod_globalConfig`
 * (what `z.config()` writes to): setting it there, first thing in `main.tsx`, keeps zod itself out of the
 * home page's bundle. A unit test checks that zod still reads this object; the end-to-end suite fails on
 * any CSP violation.
 */
export const zodGlobalConfigKey = '__zod_globalConfig';

export function disableZodJit(): void {
  const holder = globalThis as Record<string, unknown>;
  const current = holder[zodGlobalConfigKey];
  holder[zodGlobalConfigKey] = { ...(typeof current === 'object' ? current : {}), jitless: true };
}

disableZodJit();
