/**
 * Author mistakes in issue 15's interactive blocks: each a diagnostic with its code and position
 * (line, column, data path). The picture of a hotspots block goes through the image block's rules.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import { testdir, validCourse } from '../support/testdir.js';

/** The sample course with a page (line 14) whose blocks, from line 17, are `blocks`. */
function withBlocks(blocks: string) {
  const files = validCourse();
  files['modules/one.yaml'] = String(files['modules/one.yaml']).replace('  - id: quiz-page\n', `  - id: blocks-page\n    title: { en: Blocks, fr: Blocs }\n    blocks:\n${blocks}  - id: quiz-page\n`);
  return files;
}

const found = (blocks: string) => loadCourse(testdir(withBlocks(blocks))).diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.path]);
const at = (code: string, line: number, column: number, path: string) => [code, 'modules/one.yaml', line, column, `pages.1.blocks.0.${path}`];
const spot = (x: number | string, y: number | string) => `          - { x: ${x}, y: ${y}, label: { en: L, fr: L }, body: { en: B, fr: B } }\n`;
const panel = '{ title: { en: T, fr: T }, body: { en: B, fr: B } }';

describe('interactive blocks: counts, keys and texts', () => {
  it('accepts every block at its smallest and largest counts', () => {
    const many = (key: string, n: number) => `        ${key}:\n${`          - ${panel}\n`.repeat(n)}`;
    const cards = (n: number) => `        cards:\n${'          - { front: { en: F, fr: F }, back: { en: B, fr: B } }\n'.repeat(n)}`;
    const hotspots = (n: number) => `      - type: hotspots\n        image: { src: assets/pic.svg, alt: { en: P, fr: P } }\n        spots:\n${spot(0, 100).repeat(n)}`;
    for (const n of [2, 20]) expect(found(`      - type: accordion\n${many('items', n)}`)).toEqual([]);
    for (const n of [2, 8]) expect(found(`      - type: tabs\n${many('items', n)}`)).toEqual([]);
    for (const n of [2, 12]) expect(found(`      - type: stepper\n${many('steps', n)}`)).toEqual([]);
    for (const n of [1, 12]) expect(found(`      - type: flip-cards\n${cards(n)}`)).toEqual([]);
    for (const n of [1, 20]) expect(found(hotspots(n))).toEqual([]);
  });

  it('reports too few or too many items at the list', () => {
    expect(found(`      - type: accordion\n        items:\n          - ${panel}\n`)).toEqual([at('invalid-value', 19, 11, 'items')]);
    expect(found(`      - type: tabs\n        items:\n${`          - ${panel}\n`.repeat(9)}`)).toEqual([at('invalid-value', 19, 11, 'items')]);
    expect(found(`      - type: stepper\n        steps:\n          - ${panel}\n`)).toEqual([at('invalid-value', 19, 11, 'steps')]);
    expect(found('      - type: flip-cards\n        cards: []\n')).toEqual([at('invalid-value', 18, 16, 'cards')]);
    expect(found('      - type: hotspots\n        image: { src: assets/pic.svg, alt: { en: P, fr: P } }\n        spots: []\n')).toEqual([at('invalid-value', 19, 16, 'spots')]);
  });

  it('reports a missing body and an unknown key at their places', () => {
    expect(found(`      - type: stepper\n        steps:\n          - { title: { en: A, fr: A }, text: { en: B, fr: B } }\n          - ${panel}\n`)).toEqual([
      at('missing-field', 19, 13, 'steps.0.body'),
      at('unknown-key', 19, 40, 'steps.0.text'),
    ]);
  });

  it('reports a text missing a course language', () => {
    expect(found(`      - type: tabs\n        items:\n          - { title: { en: A }, body: { en: B, fr: B } }\n          - ${panel}\n`)).toEqual([at('untranslated-text', 19, 22, 'items.0.title')]);
  });
});

describe('hotspots: spots on the picture, and the picture under the image rules', () => {
  const hotspots = (image: string, spots = spot(10, 10)) => `      - type: hotspots\n        image:\n${image}        spots:\n${spots}`;
  const alt = '          alt: { en: P, fr: P }\n';

  it('reports x and y outside 0..100 at each', () => {
    expect(found(hotspots(`          src: assets/pic.svg\n${alt}`, spot(101, -1)))).toEqual([at('invalid-value', 22, 18, 'spots.0.x'), at('invalid-value', 22, 26, 'spots.0.y')]);
  });

  it('requires the alt text, not empty in any language', () => {
    expect(found(hotspots('          src: assets/pic.svg\n'))).toEqual([at('missing-field', 19, 11, 'image.alt')]);
    expect(found(hotspots('          src: assets/pic.svg\n          alt: { en: P, fr: " " }\n'))).toEqual([at('empty-alt', 20, 29, 'image.alt.fr')]);
  });

  it('checks the file as for an image block: present, inside the course, one per language', () => {
    expect(found(hotspots(`          src: assets/nothing.svg\n${alt}`))).toEqual([at('missing-asset', 19, 16, 'image.src')]);
    expect(found(hotspots(`          src: ../outside.svg\n${alt}`))).toEqual([at('asset-outside-course', 19, 16, 'image.src')]);
    expect(found(hotspots(`          src: assets/my picture.svg\n${alt}`))).toEqual([at('asset-name', 19, 16, 'image.src')]);
    // Not a picture (here a PDF beside it): wrong-file-kind, for an image block as for a hotspots picture.
    const pdf = withBlocks(hotspots(`          src: assets/routes.pdf\n${alt}`));
    pdf['assets/routes.pdf'] = '%PDF-1.4\n';
    pdf['modules/one.yaml'] = String(pdf['modules/one.yaml']).replace('        src: assets/pic.svg\n', '        src: { en: assets/pic.svg, fr: assets/pic.PDF }\n');
    pdf['assets/pic.PDF'] = '%PDF-1.4\n';
    expect(loadCourse(testdir(pdf)).diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.path])).toEqual([
      ['wrong-file-kind', 'modules/one.yaml', 12, 40, 'pages.0.blocks.1.src.fr'],
      at('wrong-file-kind', 19, 16, 'image.src'),
    ]);
    expect(found(hotspots(`          src:\n            en: assets/pic.svg\n${alt}`))).toEqual([at('untranslated-image', 20, 13, 'image.src')]);
    expect(found(hotspots(`          src:\n            en: assets/pic.svg\n            fr: assets/pic.svg\n            pl: assets/pic.svg\n${alt}`))).toEqual([at('unknown-language', 22, 13, 'image.src.pl')]);
  });

  it('carries a per-language picture only in its own language', () => {
    const files = withBlocks(hotspots(`          src:\n            en: assets/pic.svg\n            fr: assets/pic-fr.svg\n${alt}`));
    files['assets/pic-fr.svg'] = files['assets/pic.svg']!;
    const course = loadCourse(testdir(files)).course!;
    expect(course.assets.fr).toContain('assets/pic-fr.svg');
    expect(course.assets.en).not.toContain('assets/pic-fr.svg');
  });
});
