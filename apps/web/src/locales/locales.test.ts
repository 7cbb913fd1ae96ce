import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appErrorCodes } from '@capitune/contracts';
import { describe, expect, it } from 'vitest';

const localesDir = import.meta.dirname;
const languages = ['fr', 'en'] as const;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function namespaces(language: string): string[] {
  return readdirSync(join(localesDir, language))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.replace(/\.json$/, ''))
    .sort();
}

function load(language: string, namespace: string): Json {
  return JSON.parse(readFileSync(join(localesDir, language, `${namespace}.json`), 'utf8')) as Json;
}

/** Every leaf as `path → value`; array items are keyed by index, so both languages need the same lengths. */
function flatten(value: Json, prefix = '', into = new Map<string, Json>()): Map<string, Json> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value);
    for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
  return into;
}

/** What must survive translation: `{{placeholders}}` and `<tags>`. */
function markers(text: string): string[] {
  return [...text.matchAll(/\{\{\s*\w+\s*\}\}|<\/?[a-zA-Z][\w-]*>/g)].map(([marker]) => marker).sort();
}

/** Web addresses keep their own punctuation (`https://…?token=`). */
const withoutUrls = (text: string) => text.replace(/\b(?:https?|mailto):\S+/g, '');

/**
 * One convention, as in the emails: a no-break space (U+00A0, never a plain or a narrow one) before
 * : ; ! ? » and after «, and the typographic apostrophe.
 */
function followsFrenchTypography(text: string): boolean {
  const prose = withoutUrls(text);
  return !/[^\u00a0][:;!?»]|«[^\u00a0]|'|\u202f/.test(prose);
}

function followsEnglishTypography(text: string): boolean {
  return !/\s[:;!?]|'/.test(withoutUrls(text));
}

describe('typography rules', () => {
  it('tell French right from wrong', () => {
    expect(followsFrenchTypography('Motif\u00a0: «\u00a0Entrée\u00a0» — prêt\u00a0? Oui\u00a0!')).toBe(true);
    expect(followsFrenchTypography('Voir https://capitune.ca/x?token=1 et l’aide.')).toBe(true);
    for (const wrong of ['Motif : x', 'Motif\u202f: x', 'Prêt?', 'Oui !', '« x\u00a0»', "l'aide"]) {
      expect(followsFrenchTypography(wrong), wrong).toBe(false);
    }
  });

  it('tell English right from wrong', () => {
    expect(followsEnglishTypography('Reason: it’s “done”! Ready? Yes; go.')).toBe(true);
    for (const wrong of ['Confirm my address : x', 'Ready ?', "it's"]) {
      expect(followsEnglishTypography(wrong), wrong).toBe(false);
    }
  });
});

describe('translation files', () => {
  it('exist for the same namespaces in every language', () => {
    expect(namespaces('en')).toEqual(namespaces('fr'));
    expect(namespaces('fr')).toEqual(expect.arrayContaining(['common', 'home', 'privacy', 'terms']));
  });

  describe.each(namespaces('fr'))('namespace %s', (namespace) => {
    const fr = flatten(load('fr', namespace));
    const en = flatten(load('en', namespace));

    it('has the same keys in French and English', () => {
      expect([...en.keys()].sort()).toEqual([...fr.keys()].sort());
    });

    it.each(languages)('has no empty or non-text value in %s', (language) => {
      const entries = language === 'fr' ? fr : en;
      const bad = [...entries].filter(([, value]) => typeof value !== 'string' || value.trim() === '');
      expect(bad).toEqual([]);
    });

    it('follows French typography: a no-break space before : ; ! ? and inside « », the ’ apostrophe', () => {
      const bad = [...fr]
        .filter(([, value]) => typeof value === 'string' && !followsFrenchTypography(value))
        .map(([key]) => key);
      expect(bad).toEqual([]);
    });

    it('follows English typography: no space before : ; ! ?, the ’ apostrophe', () => {
      const bad = [...en]
        .filter(([, value]) => typeof value === 'string' && !followsEnglishTypography(value))
        .map(([key]) => key);
      expect(bad).toEqual([]);
    });

    it('keeps placeholders and tags in both languages', () => {
      const mismatches = [...fr]
        .filter(([key, value]) => typeof value === 'string' && typeof en.get(key) === 'string')
        .filter(([key, value]) => markers(value as string).join() !== markers(en.get(key) as string).join())
        .map(([key]) => key);
      expect(mismatches).toEqual([]);
    });
  });

  it.each(languages)('translates every API error code in %s (common: errors.<CODE>)', (language) => {
    const common = flatten(load(language, 'common'));
    const missing = appErrorCodes.filter((code) => !common.get(`errors.${code}`));
    expect(missing).toEqual([]);
  });
});
