/** `empty-label` (src/course/label-rules.ts): which texts name nothing. Positions: integration/bad-input (empty-label). */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { blankLabel } from '../../src/course/label-rules.js';
import { loadCourse } from '../../src/course/load-course.js';
import { ROOT } from '../support/build.js';
import { testdir } from '../support/testdir.js';

describe('blankLabel', () => {
  it('is true for texts a screen reader reads as nothing: empty, white space, invisible format characters', () => {
    for (const text of ['', ' ', '\t\n', '\u00a0', '\u200b', '\u200e\u200f', '\u202e \u202c', '\u2066\u2069', '\ufeff', '\u2060', '\u061c']) expect(blankLabel(text), JSON.stringify(text)).toBe(true);
  });
  it('is false for any visible character', () => {
    for (const text of ['a', ' 1 ', '\u200b.', '😀', '👩🏽‍💻', '\u202eabc', '-', '<img>']) expect(blankLabel(text), JSON.stringify(text)).toBe(false);
  });
});

describe('empty-label on every kind whose text names or heads something', () => {
  it('reports a blank hotspot label, step title and card front, language by language, at the text', () => {
    const fixture = join(ROOT, 'tests/fixtures/courses/interactive-blocks');
    const files: Record<string, string | Uint8Array> = {};
    for (const path of readdirSync(fixture, { recursive: true }).map(String)) {
      const full = join(fixture, path);
      if (statSync(full).isFile()) files[path] = readFileSync(full);
    }
    const module = 'modules/blocks.yaml';
    files[module] = readFileSync(join(fixture, module), 'utf8')
      .replace('front: { en: Back end, fr: Back-end }', 'front: { en: " ", fr: Back-end }')
      .replace('- title: { en: Listen, fr: Écouter }', '- title: { en: Listen, fr: "\\u200b" }')
      .replace('label: { en: Degree, fr: Diplôme }', 'label: { en: "  ", fr: "\\u2066\\u2069" }');
    const dir = testdir(files);
    expect(loadCourse(join(ROOT, 'tests/fixtures/courses/interactive-blocks')).diagnostics.filter((d) => d.code === 'empty-label')).toEqual([]);
    const found = loadCourse(dir).diagnostics.filter((d) => d.code === 'empty-label');
    expect(found.map((d) => `${d.file}:${d.path}`).sort()).toEqual(
      [
        `${module}:pages.2.blocks.0.cards.1.front.en`,
        `${module}:pages.3.blocks.0.steps.1.title.fr`,
        `${module}:pages.4.blocks.0.spots.1.label.en`,
        `${module}:pages.4.blocks.0.spots.1.label.fr`,
      ].sort(),
    );
    for (const d of found) expect(d.line, d.path).toBeGreaterThan(0);
  });
});
