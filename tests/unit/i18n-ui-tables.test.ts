/** The player's interface tables: complete in every language, and a build check for the missing ones. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/package/build.js';
import { TEMPLATES_DIR } from '../../src/paths.js';
import { testdir, validCourse } from '../support/testdir.js';

const I18N = join(TEMPLATES_DIR, 'i18n');
const table = (lang: string) => JSON.parse(readFileSync(join(I18N, `${lang}.json`), 'utf8')) as Record<string, unknown>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const languages = readdirSync(I18N).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
const en = table('en');

describe('interface tables', () => {
  it('exist for en, fr, pl, fi and mt', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'fr', 'pl', 'fi', 'mt']));
  });

  it.each(languages.filter((l) => l !== 'en'))('%s has every key of en.json, no other key, and the same placeholders', (lang) => {
    const t = table(lang);
    expect(Object.keys(t).filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !(k in t))).toEqual([]);
    for (const [key, value] of Object.entries(t)) {
      expect(typeof value, `${lang}.${key}`).toBe('string');
      expect((value as string).trim(), `${lang}.${key}`).not.toBe('');
      expect(placeholders(value as string), `${lang}.${key}`).toEqual(placeholders(en[key] as string));
    }
  });
});

describe('a course language without an interface table', () => {
  /** The sample course in English and German: complete, but the player has no German table. */
  const withGerman = () =>
    testdir(Object.fromEntries(Object.entries(validCourse()).map(([path, content]) => [path, typeof content === 'string' ? content.replace(/\bfr\b/g, 'de') : content])));

  it('is an error at its place in course.yaml', async () => {
    const dir = withGerman();
    const result = await build({ courses: [dir], checkOnly: true, write: false, cwd: dir });
    const d = result.diagnostics.find((x) => x.code === 'missing-ui-language');
    expect(d).toMatchObject({ code: 'missing-ui-language', severity: 'error', file: 'course.yaml', line: 3, column: 17 });
  });

  it('is a warning with allowMissing (the player falls back to English)', async () => {
    const dir = withGerman();
    const result = await build({ courses: [dir], checkOnly: true, write: false, allowMissing: true, cwd: dir });
    const d = result.diagnostics.find((x) => x.code === 'missing-ui-language');
    expect(d).toMatchObject({ severity: 'warning', file: 'course.yaml', line: 3, column: 17 });
  });

  it('is not reported for languages that are not being built', async () => {
    const dir = withGerman();
    const result = await build({ courses: [dir], langs: ['en'], checkOnly: true, write: false, cwd: dir });
    expect(result.diagnostics.filter((x) => x.code === 'missing-ui-language')).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
