import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { type Person, person } from '../../../test/inside-helpers';
import { watchedWords } from '../../db/schema';
import { watchedWordList, writingRow } from './authors.queries';

describe('Inside: what a writer reads before writing', () => {
  let t: TestApp;
  let writer: Person;

  beforeAll(async () => {
    t = await createTestApp();
    writer = await person(t.app, t.database);
    const now = t.app.deps.clock.now();
    await t.database.db.insert(watchedWords).values([
      { word: 'arnaque', action: 'block', createdBy: writer.userId, createdAt: now, updatedAt: now },
      { word: 'garanti à 100 %', action: 'hold', createdBy: writer.userId, createdAt: now, updatedAt: now },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('builds in SQL the same watched words as the plain read', async () => {
    const row = await writingRow(t.database.db, writer.userId, 'post', t.app.deps.clock.now());
    const byWord = (a: { word: string }, b: { word: string }) => a.word.localeCompare(b.word);
    const plain = await watchedWordList(t.database.db);
    expect(plain).toHaveLength(2);
    expect([...(row?.watched ?? [])].sort(byWord)).toEqual([...plain].sort(byWord));
  });
});
