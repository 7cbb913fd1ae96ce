import { describe, expect, it } from 'vitest';
import { createTestApp } from '../test/app';

describe('starting the app', () => {
  it('prints no deprecation warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      const t = await createTestApp();
      await t.close();
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((warning) => /deprecat/i.test(warning))).toEqual([]);
  });
});
