/** The theme form's live contrast, the Markdown toolbar, the interface strings and the tree rows. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../../src/course/json-schema.js';
import { contrast, DEFAULT_COLORS } from '../../../src/course/theme.js';
import type { JsonSchema } from '../../../src/studio/ui/app/schema-form.js';
import { contrastRatio, THEME_DEFAULTS, themePairs } from '../../../src/studio/ui/app/contrast.js';
import { format, pickLanguage } from '../../../src/studio/ui/app/i18n.js';
import { applyMarkdown } from '../../../src/studio/ui/app/markdown-format.js';
import { dropMove, rowFor, treeRows, visibleRows } from '../../../src/studio/ui/app/tree-model.js';

const hex = fc.array(fc.constantFrom(...'0123456789abcdefABCDEF'), { minLength: 6, maxLength: 6 }).map((c) => `#${c.join('')}`);

describe('contrast', () => {
  it('gives the same ratio as the check (src/course/theme.ts)', () => {
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        expect(contrastRatio(a, b)).toBeCloseTo(contrast(a, b), 10);
      }),
    );
    expect(THEME_DEFAULTS).toEqual(DEFAULT_COLORS);
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
  });
  it('flags the pairs under 4.5:1, over the defaults', () => {
    const pairs = themePairs({ accent: '#aaaaaa' });
    expect(pairs.filter((p) => !p.ok).map((p) => `${p.fg}/${p.bg}`)).toEqual(['accent/background', 'accent/surface', 'accentText/accent']);
    expect(themePairs(undefined).every((p) => p.ok)).toBe(true);
    expect(themePairs({ text: '#12' })).toHaveLength(5);
  });
});

describe('Markdown toolbar', () => {
  const ph = { text: 'text', url: 'https://', alt: 'alt', image: 'assets/' };
  it('wraps the selection, or a placeholder it selects', () => {
    expect(applyMarkdown('bold', { text: 'a word here', start: 2, end: 6 }, ph)).toEqual({ text: 'a **word** here', start: 4, end: 8 });
    expect(applyMarkdown('italic', { text: 'ab', start: 1, end: 1 }, ph)).toEqual({ text: 'a*text*b', start: 2, end: 6 });
  });
  it('makes a link and an image with the target selected', () => {
    const link = applyMarkdown('link', { text: 'see this', start: 4, end: 8 }, ph);
    expect(link.text).toBe('see [this](https://)');
    expect(link.text.slice(link.start, link.end)).toBe('https://');
    const image = applyMarkdown('image', { text: '', start: 0, end: 0 }, ph);
    expect(image.text).toBe('![alt](assets/)');
    expect(image.text.slice(image.start, image.end)).toBe('assets/');
  });
  it('prefixes and unprefixes whole lines for lists and headings', () => {
    const list = applyMarkdown('list', { text: 'one\ntwo\nthree', start: 1, end: 6 }, ph);
    expect(list.text).toBe('- one\n- two\nthree');
    expect(applyMarkdown('list', { text: list.text, start: list.start, end: list.end }, ph).text).toBe('one\ntwo\nthree');
    expect(applyMarkdown('heading', { text: 'intro\nTitle', start: 8, end: 8 }, ph).text).toBe('intro\n## Title');
  });
});

describe('interface strings', () => {
  const en = JSON.parse(readFileSync('templates/i18n/studio/en.json', 'utf8')) as Record<string, string>;
  const fr = JSON.parse(readFileSync('templates/i18n/studio/fr.json', 'utf8')) as Record<string, string>;
  it('has the same keys and placeholders in English and French', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en)) expect(names(fr[key]!), key).toEqual(names(en[key]!));
  });
  it('has a label in both languages for every field of the course format', () => {
    const keys = new Set<string>();
    const walk = (schema: JsonSchema | undefined): void => {
      if (!schema || typeof schema !== 'object') return;
      for (const [key, value] of Object.entries(schema.properties ?? {})) {
        keys.add(key);
        walk(value);
      }
      walk(schema.items);
      if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties);
      for (const alt of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) walk(alt);
    };
    for (const schema of Object.values(jsonSchemas())) walk(schema as JsonSchema);
    expect(keys.size).toBeGreaterThan(50);
    for (const key of keys) {
      expect(en[`field.${key}`], `en field.${key}`).toBeTruthy();
      expect(fr[`field.${key}`], `fr field.${key}`).toBeTruthy();
    }
  });
  it('fills placeholders and follows the browser language', () => {
    expect(format(en, 'movedTo', { what: 'Intro', n: 2, total: 3 })).toBe('Intro moved to position 2 of 3.');
    expect(format(en, 'no.such.key')).toBe('no.such.key');
    expect(pickLanguage(['fr-CA', 'en'])).toBe('fr');
    expect(pickLanguage(['de-DE'])).toBe('en');
  });
});

describe('tree rows', () => {
  const tree = {
    id: 'c',
    title: 'Course',
    languages: ['en'],
    modules: [
      { file: 'modules/01.yaml', id: 'm1', title: 'M1', pages: [
        { id: 'p1', title: 'P1', blocks: [{ type: 'text', index: 0, label: 'Text' }, { type: 'check', index: 1, label: 'Check', questions: [{ id: 'q1', type: 'single-choice', label: 'Q1' }] }] },
        { id: 'p2', title: 'P2', blocks: [] },
      ] },
    ],
    assessments: [{ file: 'assessment.yaml', id: 'final', title: 'Final', questions: [{ id: 'a1', type: 'true-false', label: 'A1' }] }],
  };
  const rows = treeRows(tree, { assessment: 'assessment.yaml' });
  it('lists every node with its file, YAML path and siblings', () => {
    expect(rows.map((r) => `${r.level}:${r.kind}:${r.file}:${r.path.join('.')}`)).toEqual([
      '1:course:course.yaml:',
      '2:module:modules/01.yaml:',
      '3:page:modules/01.yaml:pages.0',
      '4:block:modules/01.yaml:pages.0.blocks.0',
      '4:block:modules/01.yaml:pages.0.blocks.1',
      '5:question:modules/01.yaml:pages.0.blocks.1.questions.0',
      '3:page:modules/01.yaml:pages.1',
      '2:assessment:assessment.yaml:',
      '3:question:assessment.yaml:questions.0',
    ]);
    expect(rows[1]!.siblings).toEqual({ file: 'course.yaml', path: ['modules'], index: 0, length: 1 });
    expect(rows[7]!.siblings).toBeUndefined();
  });
  it('shows only rows under expanded parents', () => {
    expect(visibleRows(rows, new Set([rows[0]!.key])).map((r) => r.kind)).toEqual(['course', 'module', 'assessment']);
  });
  it('finds the row of a diagnostic path, and allows drops among siblings only', () => {
    expect(rowFor(rows, 'modules/01.yaml', ['pages', 0, 'blocks', 1, 'questions', 0, 'choices', 2])!.kind).toBe('question');
    expect(dropMove(rows[2]!, rows[6]!)).toEqual({ file: 'modules/01.yaml', path: ['pages'], from: 0, to: 1 });
    expect(dropMove(rows[2]!, rows[3]!)).toBeNull();
  });
});
