/**
 * The translation round trip through the CLI: extract to XLIFF, translate, import, check, build.
 * Imports that are wrong in any way change no file; a complete language imported unchanged changes
 * no byte; stale translations are found by `check` at their place.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { writeXliff } from '../../src/i18n/xliff.js';
import { readXliff, type ReadXliff } from '../../src/i18n/xliff-read.js';
import { build } from '../../src/package/build.js';
import { cli } from '../support/cli.js';
import { testdir, validCourse, type Files } from '../support/testdir.js';

const COURSE = 'courses/sample';

function workspace(overrides: Files = {}): string {
  return testdir(Object.fromEntries(Object.entries(validCourse(overrides)).map(([path, content]) => [`${COURSE}/${path}`, content])));
}

/** Every file under `dir`, by relative path. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

const parse = (cwd: string, file: string): ReadXliff => {
  const out: Diagnostic[] = [];
  const x = readXliff(file, readFileSync(join(cwd, file)), out);
  expect(out).toEqual([]);
  return x!;
};

/** A translator: fills the targets of `file` with `translate(source)` and writes `to`. */
function translate(cwd: string, file: string, to: string, translateText: (source: string, id: string) => string | undefined): void {
  const x = parse(cwd, file);
  const first = x.files[0]!;
  const files = x.files.map((f) => ({
    original: f.original!,
    units: f.units.flatMap((u) => {
      const target = translateText(u.source, u.id);
      return [{ id: u.id, source: u.source, ...(target === undefined ? {} : { target, state: 'translated' }) }];
    }),
  }));
  writeFileSync(join(cwd, to), writeXliff({ courseId: first.courseId!, sourceLanguage: first.sourceLanguage, targetLanguage: first.targetLanguage, files }));
}

const polish = (source: string) => `PL ${source}`;

/** `file:line:col  severity  message  [code]` lines of a report. */
const reported = (stderr: string) =>
  [...stderr.matchAll(/^(\S+):(\d+):(\d+) {2}(error|warning) {2}.* {2}\[([\w-]+)\]$/gm)].map((m) => ({ code: m[5], file: m[1], line: Number(m[2]), column: Number(m[3]) }));

const positionOf = (text: string, needle: string, occurrence = 0) => {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
};

describe('coursepack i18n extract', () => {
  it('writes every text with a stable id, the existing translations, and Markdown as it is', async () => {
    const cwd = workspace();
    const result = await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'fr', '--out', 'fr.xlf');
    expect(result.code).toBe(0);
    const x = parse(cwd, 'fr.xlf');
    expect(x.files.map((f) => [f.original, f.sourceLanguage, f.targetLanguage, f.courseId])).toEqual([
      ['course.yaml', 'en', 'fr', 'sample'],
      ['modules/one.yaml', 'en', 'fr', 'sample'],
      ['assessment.yaml', 'en', 'fr', 'sample'],
    ]);
    const units = x.files.flatMap((f) => f.units);
    expect(units).toHaveLength(15);
    expect(units.find((u) => u.id === 'modules/one.yaml#pages.0.blocks.0.body')).toMatchObject({ source: 'Hello, see [the quiz](#quiz-page).', target: 'Bonjour, voir [le quiz](#quiz-page).', finished: true });
    expect(units.map((u) => u.id)).toContain('assessment.yaml#questions.1.choices.2.text');
  });

  it('lists, with their positions, the images that have one file per language and none in the new one', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>';
    const files = validCourse({ 'assets/map-en.svg': svg, 'assets/map-fr.svg': svg });
    const module = String(files['modules/one.yaml']).replace('        src: assets/pic.svg\n', '        src:\n          en: assets/map-en.svg\n          fr: assets/map-fr.svg\n');
    const cwd = workspace({ 'assets/map-en.svg': svg, 'assets/map-fr.svg': svg, 'modules/one.yaml': module });
    const pl = await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'pl', '--out', 'pl.xlf');
    expect(pl.code).toBe(0);
    expect(pl.stderr).toContain('1 image has one file per language and none in pl yet');
    expect(pl.stderr).toContain(`${COURSE}/modules/one.yaml:13:11`);
    expect(readFileSync(join(cwd, 'pl.xlf'), 'utf8')).not.toContain('.svg');
    // A language the image already has: nothing to say.
    const fr = await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'fr', '--out', 'fr.xlf');
    expect(fr.stderr).not.toContain('one file per language');
  });

  it('writes units without targets for a new language, to standard output by default', async () => {
    const cwd = workspace();
    const result = await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'pl');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('<trans-unit id="course.yaml#title" xml:space="preserve">');
    expect(result.stdout).not.toContain('<target');
  });

  it('translates from another course language with --from', async () => {
    const cwd = workspace();
    expect((await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'pl', '--from', 'fr', '--out', 'pl.xlf')).code).toBe(0);
    expect(parse(cwd, 'pl.xlf').files[0]!.units[0]).toMatchObject({ id: 'course.yaml#title', source: 'Cours exemple' });
  });

  it('refuses a language code it cannot use', async () => {
    expect((await cli(workspace(), 'i18n', 'extract', COURSE, '--lang', 'Polish')).code).toBe(2);
  });
});

describe('coursepack i18n import', () => {
  it('writes a new language into the sources, declares it, and the course then builds in it', async () => {
    const cwd = workspace();
    await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'pl', '--out', 'pl.xlf');
    translate(cwd, 'pl.xlf', 'pl-done.xlf', polish);
    const result = await cli(cwd, 'i18n', 'import', COURSE, 'pl-done.xlf');
    expect(result.code).toBe(0);
    const course = readFileSync(join(cwd, COURSE, 'course.yaml'), 'utf8');
    expect(course).toContain('languages: [en, fr, pl]');
    expect(course).toContain('title: { en: Sample course, fr: Cours exemple, pl: PL Sample course }');
    expect(readFileSync(join(cwd, COURSE, 'modules/one.yaml'), 'utf8')).toContain('          pl: PL Hello, see [the quiz](#quiz-page).\n');
    expect((await cli(cwd, 'check', COURSE)).code).toBe(0);

    const built = await build({ courses: [join(cwd, COURSE)], targets: ['web'], langs: ['pl'], write: false, cwd });
    const html = built.packages[0]!.files.find((f) => f.path === 'index.html')!.data.toString();
    expect(html).toContain('PL Sample course');
    expect(html).toContain('Przejdź do treści');
  });

  it('changes no byte when a complete language is extracted and imported unchanged', async () => {
    const cwd = workspace();
    await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'pl', '--out', 'pl.xlf');
    translate(cwd, 'pl.xlf', 'pl-done.xlf', polish);
    await cli(cwd, 'i18n', 'import', COURSE, 'pl-done.xlf');

    for (const lang of ['fr', 'pl']) {
      const before = snapshot(join(cwd, COURSE));
      expect((await cli(cwd, 'i18n', 'extract', COURSE, '--lang', lang, '--out', `${lang}-again.xlf`)).code).toBe(0);
      const result = await cli(cwd, 'i18n', 'import', COURSE, `${lang}-again.xlf`);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      expect(snapshot(join(cwd, COURSE))).toEqual(before);
    }
  });

  it('turns the strings of a single-language course into language maps', async () => {
    const cwd = testdir({
      [`${COURSE}/course.yaml`]: 'id: solo\nversion: 1.0.0\nlanguages: [en]\ntitle: Solo course # the title\nmodules:\n  - modules/one.yaml\n',
      [`${COURSE}/modules/one.yaml`]: 'id: one\ntitle: One\npages:\n  - id: p\n    title: Page\n    blocks:\n      - type: text\n        body: |\n          Some **Markdown**.\n',
    });
    await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'pl', '--out', 'pl.xlf');
    translate(cwd, 'pl.xlf', 'pl-done.xlf', polish);
    expect((await cli(cwd, 'i18n', 'import', COURSE, 'pl-done.xlf')).code).toBe(0);
    expect(readFileSync(join(cwd, COURSE, 'course.yaml'), 'utf8')).toBe('id: solo\nversion: 1.0.0\nlanguages: [en, pl]\ntitle:\n  en: Solo course\n  pl: PL Solo course # the title\nmodules:\n  - modules/one.yaml\n');
    expect(readFileSync(join(cwd, COURSE, 'modules/one.yaml'), 'utf8')).toBe(
      'id: one\ntitle:\n  en: One\n  pl: PL One\npages:\n  - id: p\n    title:\n      en: Page\n      pl: PL Page\n    blocks:\n      - type: text\n        body:\n          en: |\n            Some **Markdown**.\n          pl: |\n            PL Some **Markdown**.\n',
    );
    expect((await cli(cwd, 'check', COURSE)).code).toBe(0);
  });

  it('imports a target language the tool wrote with a region (pl-PL) into pl', async () => {
    const cwd = workspace();
    await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'fr', '--out', 'fr.xlf');
    writeFileSync(join(cwd, 'fr-FR.xlf'), readFileSync(join(cwd, 'fr.xlf'), 'utf8').replaceAll('target-language="fr"', 'target-language="fr-FR"').replace('>Bienvenue<', '>Bienvenue !<'));
    expect((await cli(cwd, 'i18n', 'import', COURSE, 'fr-FR.xlf')).code).toBe(0);
    expect(readFileSync(join(cwd, COURSE, 'modules/one.yaml'), 'utf8')).toContain('title: { en: Welcome, fr: Bienvenue ! }');

    await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'pl', '--out', 'pl.xlf');
    translate(cwd, 'pl.xlf', 'pl-PL.xlf', polish);
    writeFileSync(join(cwd, 'pl-PL.xlf'), readFileSync(join(cwd, 'pl-PL.xlf'), 'utf8').replaceAll('target-language="pl"', 'target-language="pl-PL"'));
    expect((await cli(cwd, 'i18n', 'import', COURSE, 'pl-PL.xlf')).code).toBe(0);
    expect(readFileSync(join(cwd, COURSE, 'course.yaml'), 'utf8')).toContain('languages: [en, fr, pl]');
    expect((await cli(cwd, 'i18n', 'import', COURSE, 'pl-PL.xlf', '--lang', 'fi')).code).toBe(1);
  });
});

describe('a partial translation', () => {
  async function halfTranslated() {
    const cwd = workspace();
    await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'pl', '--out', 'pl.xlf');
    translate(cwd, 'pl.xlf', 'pl-half.xlf', (source, id) => (id.startsWith('assessment.yaml') ? undefined : polish(source)));
    const result = await cli(cwd, 'i18n', 'import', COURSE, 'pl-half.xlf');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('7 texts updated, 8 units without a translation left as they were');
    return cwd;
  }

  it('fails check with an untranslated-text error at every missing text', async () => {
    const cwd = await halfTranslated();
    const result = await cli(cwd, 'check', COURSE, '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: Diagnostic[] };
    const missing = report.diagnostics.filter((d) => d.code === 'untranslated-text');
    expect(missing).toHaveLength(8);
    expect(missing.every((d) => d.severity === 'error' && d.file === `${COURSE}/assessment.yaml`)).toBe(true);
    expect(missing[0]).toMatchObject({ line: 2, column: 8, path: 'title' });
  });

  it('checks and builds with --allow-missing, with the source text in place and a warning per text', async () => {
    const cwd = await halfTranslated();
    const checked = await cli(cwd, 'check', COURSE, '--allow-missing', '--json');
    expect(checked.code).toBe(0);
    const warnings = (JSON.parse(checked.stdout) as { diagnostics: Diagnostic[] }).diagnostics.filter((d) => d.code === 'untranslated-text');
    expect(warnings.map((d) => d.severity)).toEqual(Array(8).fill('warning'));

    expect((await cli(cwd, 'build', COURSE, '--lang', 'pl', '--target', 'web', '--allow-missing')).code).toBe(0);
    const built = await build({ courses: [join(cwd, COURSE)], targets: ['web'], langs: ['pl'], write: false, allowMissing: true, cwd });
    const html = built.packages[0]!.files.find((f) => f.path === 'index.html')!.data.toString();
    expect(html).toContain('PL Welcome');
    expect(html).toContain('>Final<');
  });
});

describe('an XLIFF file that does not fit the course', () => {
  async function prepared() {
    const cwd = workspace();
    await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'pl', '--out', 'pl.xlf');
    translate(cwd, 'pl.xlf', 'pl-done.xlf', polish);
    return { cwd, xliff: readFileSync(join(cwd, 'pl-done.xlf'), 'utf8') };
  }

  async function importBroken(cwd: string, text: string) {
    writeFileSync(join(cwd, 'broken.xlf'), text);
    const before = snapshot(join(cwd, COURSE));
    const result = await cli(cwd, 'i18n', 'import', COURSE, 'broken.xlf');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing was written');
    expect(snapshot(join(cwd, COURSE))).toEqual(before);
    return { diagnostics: reported(result.stderr), stderr: result.stderr };
  }

  it('is not well-formed XML: reported at the first error', async () => {
    const { cwd, xliff } = await prepared();
    const broken = xliff.replace('</target>', '</targt>');
    const at = positionOf(broken, '</targt>');
    const { diagnostics } = await importBroken(cwd, broken);
    expect(diagnostics).toEqual([{ code: 'xliff-syntax', file: 'broken.xlf', line: at.line, column: at.column + '</targt'.length }]);
  });

  it('has a unit the course does not know: reported at the unit', async () => {
    const { cwd, xliff } = await prepared();
    const broken = xliff.replace('id="modules/one.yaml#pages.1.title"', 'id="modules/one.yaml#pages.7.title"');
    const { diagnostics } = await importBroken(cwd, broken);
    expect(diagnostics).toEqual([{ code: 'xliff-unknown-unit', file: 'broken.xlf', ...positionOf(broken, '<trans-unit id="modules/one.yaml#pages.7.title"') }]);
  });

  it('is in the wrong source language: reported at the <file>', async () => {
    const { cwd, xliff } = await prepared();
    const broken = xliff.replaceAll('source-language="en"', 'source-language="de"');
    const { diagnostics } = await importBroken(cwd, broken);
    expect(diagnostics).toEqual([{ code: 'xliff-mismatch', file: 'broken.xlf', ...positionOf(broken, '<file ') }]);
  });

  it('was extracted from another course: reported at each <file>', async () => {
    const { cwd, xliff } = await prepared();
    const broken = xliff.replace('product-name="sample"', 'product-name="other"');
    const { diagnostics } = await importBroken(cwd, broken);
    expect(diagnostics).toEqual([{ code: 'xliff-mismatch', file: 'broken.xlf', ...positionOf(broken, '<file ') }]);
  });

  it('translates a source text that changed since: reported at its <source>', async () => {
    const { cwd, xliff } = await prepared();
    const module = join(cwd, COURSE, 'modules/one.yaml');
    writeFileSync(module, readFileSync(module, 'utf8').replace('{ en: Quiz, fr: Quiz }', '{ en: Quiz time, fr: Quiz }'));
    const { diagnostics } = await importBroken(cwd, xliff);
    const unit = xliff.indexOf('<trans-unit id="modules/one.yaml#pages.1.title"');
    expect(diagnostics).toEqual([{ code: 'xliff-source-changed', file: 'broken.xlf', ...positionOf(xliff, '<source>', xliff.slice(0, unit).split('<source>').length - 1) }]);
  });
});

describe('stale translations', () => {
  async function translatedThenEdited() {
    const cwd = workspace();
    await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'pl', '--out', 'pl.xlf');
    translate(cwd, 'pl.xlf', 'pl-done.xlf', polish);
    await cli(cwd, 'i18n', 'import', COURSE, 'pl-done.xlf');
    const module = join(cwd, COURSE, 'modules/one.yaml');
    writeFileSync(module, readFileSync(module, 'utf8').replace('title: { en: Welcome,', 'title: { en: Welcome aboard,'));
    return cwd;
  }

  it('are warnings of check, at the translation', async () => {
    const cwd = await translatedThenEdited();
    const result = await cli(cwd, 'check', COURSE, '--json');
    expect(result.code).toBe(0);
    const stale = (JSON.parse(result.stdout) as { diagnostics: Diagnostic[] }).diagnostics.filter((d) => d.code === 'stale-translation');
    const text = readFileSync(join(cwd, COURSE, 'modules/one.yaml'), 'utf8');
    expect(stale).toEqual([expect.objectContaining({ severity: 'warning', file: `${COURSE}/modules/one.yaml`, path: 'pages.0.title.pl', ...positionOf(text, 'pl: PL Welcome') })]);
    expect((await cli(cwd, 'check', COURSE, '--strict')).code).toBe(1);
  });

  it('are marked for review when extracted, and cleared by a reviewed import', async () => {
    const cwd = await translatedThenEdited();
    await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'pl', '--out', 'review.xlf');
    const xliff = readFileSync(join(cwd, 'review.xlf'), 'utf8');
    expect(xliff).toContain('<source>Welcome aboard</source>\n        <target state="needs-review-translation">PL Welcome</target>');

    // Imported as it is, the translation is still waiting for review.
    expect((await cli(cwd, 'i18n', 'import', COURSE, 'review.xlf')).code).toBe(0);
    expect((await cli(cwd, 'check', COURSE, '--strict')).code).toBe(1);

    // The reviewer keeps the translation and marks it translated.
    writeFileSync(join(cwd, 'reviewed.xlf'), xliff.replace('state="needs-review-translation"', 'state="translated"'));
    const result = await cli(cwd, 'i18n', 'import', COURSE, 'reviewed.xlf');
    expect(result.stderr).toContain('1 reviewed translations confirmed');
    expect((await cli(cwd, 'check', COURSE, '--strict')).code).toBe(0);
  });

  it('are cleared by a new translation', async () => {
    const cwd = await translatedThenEdited();
    await cli(cwd, 'i18n', 'extract', COURSE, '--lang', 'pl', '--out', 'review.xlf');
    writeFileSync(join(cwd, 'review.xlf'), readFileSync(join(cwd, 'review.xlf'), 'utf8').replace('>PL Welcome<', '>Witamy na pokładzie<'));
    expect((await cli(cwd, 'i18n', 'import', COURSE, 'review.xlf')).code).toBe(0);
    expect((await cli(cwd, 'check', COURSE, '--strict')).code).toBe(0);
  });
});
