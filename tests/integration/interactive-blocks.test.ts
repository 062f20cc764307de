/**
 * Issue 15's interactive blocks through the build: markup that reads without script, one script per
 * kind shipped only where the course uses it (and listed by every manifest, XSD-valid), author
 * mistakes with positions, and every text through `i18n extract` / `import`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { run, type Io } from '../../src/cli/run.js';
import { loadCourse } from '../../src/course/load-course.js';
import type { BuiltPackage } from '../../src/package/build.js';
import { SCRIPTED_BLOCKS } from '../../src/player/blocks/kinds.js';
import { readXliff } from '../../src/i18n/xliff-read.js';
import { writeXliff } from '../../src/i18n/xliff.js';
import { ROOT, buildInMemory, fileText } from '../support/build.js';
import { testdir, validCourse } from '../support/testdir.js';
import { validateManifest } from '../support/xsd.js';

const COURSE = resolve(ROOT, 'tests/fixtures/courses/interactive-blocks');
const KINDS = ['accordion', 'tabs', 'flip-cards', 'stepper', 'hotspots'].filter((k) => SCRIPTED_BLOCKS.includes(k));
const MANIFESTS = { scorm12: ['imsmanifest.xml', 'scorm12'], scorm2004: ['imsmanifest.xml', 'scorm2004'], cmi5: ['cmi5.xml', 'cmi5'], xapi: ['tincan.xml', 'tincan'] } as const;

const blockFiles = (pkg: BuiltPackage) => pkg.files.map((f) => f.path).filter((p) => p.startsWith('blocks/')).sort();

/** The sample course with `blocks` (YAML, indented for a page's block list) added to its first page. */
function withBlocks(blocks: string, extra: Record<string, string> = {}) {
  const files = validCourse(extra);
  files['modules/one.yaml'] = String(files['modules/one.yaml']).replace('  - id: quiz-page\n', `${blocks}  - id: quiz-page\n`);
  return files;
}

const TABS = `      - type: tabs
        items:
          - { title: { en: One, fr: Un }, body: { en: First, fr: Premier } }
          - { title: { en: Two, fr: Deux }, body: { en: Second, fr: Second } }
`;

describe('the interactive-blocks course, every target and language', () => {
  let packages: BuiltPackage[];
  beforeAll(async () => {
    const result = await buildInMemory(COURSE);
    expect(result.diagnostics).toEqual([]);
    packages = result.packages;
  }, 120_000);

  it('builds every target in both languages', () => {
    expect(packages.map((p) => `${p.target}-${p.lang}`).sort()).toEqual(['cmi5', 'scorm12', 'scorm2004', 'web', 'xapi'].flatMap((t) => [`${t}-en`, `${t}-fr`]).sort());
  });

  it('ships the script of each kind it uses, loaded before player.js, and lists it in every manifest, which validates', () => {
    for (const pkg of packages) {
      expect(blockFiles(pkg), pkg.path).toEqual(KINDS.map((k) => `blocks/${k}.js`).sort());
      const html = fileText(pkg, 'index.html');
      for (const kind of KINDS) expect(html.indexOf(`<script src="blocks/${kind}.js"></script>`), kind).toBeLessThan(html.indexOf('<script src="player.js">'));
      const manifest = MANIFESTS[pkg.target as keyof typeof MANIFESTS];
      if (!manifest) continue;
      const xml = fileText(pkg, manifest[0]);
      if (pkg.target.startsWith('scorm')) for (const kind of KINDS) expect(xml, pkg.path).toContain(`<file href="blocks/${kind}.js"/>`);
      const { ok, output } = validateManifest(manifest[1], xml);
      expect(ok, `${pkg.path}: ${output}`).toBe(true);
    }
  });

  it('renders markup that reads without script: every panel with its heading, under the block title', () => {
    const html = fileText(packages.find((p) => p.target === 'web' && p.lang === 'fr')!, 'index.html');
    expect(html).toContain('<div class="cp-interactive cp-accordion" data-cp-block="accordion">\n<h2 class="cp-block-title">Avant le premier entretien</h2>');
    // French typography: a no-break space before "?" and ":".
    expect(html).toMatch(/<h3 class="cp-accordion-heading">Que dois-je apporter\s\?<\/h3><div class="cp-accordion-panel"><ul>/);
    // The tabs without a title: their headings are the page's second level.
    expect(html).toContain('<section class="cp-tab-panel"><h2 class="cp-tab-heading">Court</h2><p>Des onglets sans titre.</p></section>');
    expect(html).toMatch(/<section class="cp-tab-panel"><h3 class="cp-tab-heading">Bootcamp<\/h3><p>Intensif\s: <strong>trois à six mois<\/strong>.<\/p><\/section>/);
    // No panel is hidden in the markup: only the scripts hide them.
    expect(html.match(/class="cp-(?:accordion|tab)-panel"[^>]*hidden/g)).toBeNull();
  });
});

describe('which block scripts a package carries', () => {
  it('none for a course without interactive blocks', async () => {
    const result = await buildInMemory(testdir(validCourse()), { targets: ['scorm12', 'scorm2004', 'web'] });
    expect(result.diagnostics).toEqual([]);
    for (const pkg of result.packages) {
      expect(blockFiles(pkg), pkg.path).toEqual([]);
      expect(fileText(pkg, 'index.html')).not.toContain('blocks/');
    }
  });

  it('only blocks/tabs.js for a course using tabs, listed in the SCORM manifests, which validate', async () => {
    const result = await buildInMemory(testdir(withBlocks(TABS)), { targets: ['scorm12', 'scorm2004', 'web'] });
    expect(result.diagnostics).toEqual([]);
    for (const pkg of result.packages) {
      expect(blockFiles(pkg), pkg.path).toEqual(['blocks/tabs.js']);
      if (pkg.target === 'web') continue;
      const xml = fileText(pkg, 'imsmanifest.xml');
      expect(xml).toContain('<file href="blocks/tabs.js"/>');
      expect(xml).not.toMatch(/blocks\/(?!tabs\.js)/);
      expect(validateManifest(pkg.target as 'scorm12' | 'scorm2004', xml).ok).toBe(true);
    }
  });
});

describe('every text of the blocks goes through i18n extract and import', () => {
  const made: string[] = [];
  afterEach(() => {
    while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
  });

  async function cli(cwd: string, ...argv: string[]) {
    const err: string[] = [];
    const io: Io = { stdout: () => undefined, stderr: (t) => err.push(t), cwd, color: false };
    return { code: await run(argv, io), stderr: err.join('') };
  }

  it('extracts titles, bodies, fronts, backs, labels and the alt text (never a path or a position), imports them, and builds', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'coursepack-blocks-i18n-'));
    made.push(cwd);
    cpSync(COURSE, join(cwd, 'course'), { recursive: true });
    expect((await cli(cwd, 'i18n', 'extract', 'course', '--lang', 'pl', '--out', 'pl.xlf')).code).toBe(0);

    const out: Diagnostic[] = [];
    const x = readXliff('pl.xlf', readFileSync(join(cwd, 'pl.xlf')), out)!;
    expect(out).toEqual([]);
    const units = x.files.flatMap((f) => f.units);
    const ids = units.map((u) => u.id);
    for (const id of [
      'pages.0.blocks.0.title',
      'pages.0.blocks.0.items.2.title',
      'pages.0.blocks.0.items.1.body',
      'pages.1.blocks.1.items.0.title',
      'pages.2.blocks.0.cards.1.front',
      'pages.2.blocks.0.cards.1.back',
      'pages.3.blocks.0.steps.3.title',
      'pages.3.blocks.0.steps.3.body',
      'pages.4.blocks.0.image.alt',
      'pages.4.blocks.0.spots.2.label',
      'pages.4.blocks.0.spots.2.body',
    ]) expect(ids).toContain(`modules/blocks.yaml#${id}`);
    expect(ids.filter((id) => /\.(?:src|x|y)$/.test(id))).toEqual([]);
    expect(units.filter((u) => u.source.includes('.svg'))).toEqual([]);

    const translated = x.files.map((f) => ({ original: f.original!, units: f.units.map((u) => ({ id: u.id, source: u.source, target: `PL ${u.source}`, state: 'translated' })) }));
    writeFileSync(join(cwd, 'pl-done.xlf'), writeXliff({ courseId: x.files[0]!.courseId!, sourceLanguage: 'en', targetLanguage: 'pl', files: translated }));
    expect((await cli(cwd, 'i18n', 'import', 'course', 'pl-done.xlf')).code).toBe(0);
    expect((await cli(cwd, 'check', 'course')).code).toBe(0);

    const result = await buildInMemory(join(cwd, 'course'), { targets: ['web'], langs: ['pl'] });
    expect(result.diagnostics).toEqual([]);
    const html = fileText(result.packages[0]!, 'index.html');
    for (const text of ['PL Before the first meeting', 'PL What should I bring?', 'PL Apprenticeship', 'PL What runs on the server.', 'PL Agree on one next step.', 'alt="PL Three boxes side by side, one per route into coding."', 'PL Paid work, with <a href="#tabs-page"']) {
      expect(html).toContain(text);
    }
    // The blocks' interface strings in Polish (the scripts read them from the player data).
    expect(html).toContain('"stepPosition":"Krok {n} z {total}"');
  });

  it('lists a hotspots picture with one file per language and none in the new one', async () => {
    const files = withBlocks(`      - type: hotspots
        image:
          src: { en: assets/map-en.svg, fr: assets/map-fr.svg }
          alt: { en: A map, fr: Une carte }
        spots:
          - { x: 50, y: 50, label: { en: Here, fr: Ici }, body: { en: This place., fr: Cet endroit. } }
`, { 'assets/map-en.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>', 'assets/map-fr.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>' });
    const cwd = testdir({ ...Object.fromEntries(Object.entries(files).map(([p, c]) => [`course/${p}`, c])) });
    const result = await cli(cwd, 'i18n', 'extract', 'course', '--lang', 'pl', '--out', 'pl.xlf');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('1 image has one file per language and none in pl yet');
    expect(result.stderr).toContain('course/modules/one.yaml:16:16');
  });
});
