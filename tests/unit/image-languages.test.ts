/** Images with words in them: one file per language, each package carrying only its own. */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { readCourseTexts } from '../../src/i18n/course-texts.js';
import { extractXliff } from '../../src/i18n/extract.js';
import { buildInMemory, fileText } from '../support/build.js';
import { testdir, validCourse } from '../support/testdir.js';

const SVG = (words: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>${words}</text></svg>\n`;

/** The fixture course with its image given as `src` (YAML) and per-language files. */
function course(src: string, extra: Record<string, string> = {}) {
  const files = validCourse({ 'assets/map-en.svg': SVG('Map'), 'assets/map-fr.svg': SVG('Carte'), ...extra });
  files['modules/one.yaml'] = String(files['modules/one.yaml']).replace('        src: assets/pic.svg\n', src);
  return files;
}

const perLanguage = '        src:\n          en: assets/map-en.svg\n          fr: assets/map-fr.svg\n';

describe('an image with one file per language', () => {
  it("puts each language's file in its own packages only, and shows it", async () => {
    const result = await buildInMemory(testdir(course(perLanguage)), { targets: ['scorm12', 'web'] });
    expect(result.diagnostics).toEqual([]);
    for (const pkg of result.packages) {
      const other = pkg.lang === 'en' ? 'fr' : 'en';
      const paths = pkg.files.map((f) => f.path);
      expect(paths, `${pkg.target} ${pkg.lang}`).toContain(`assets/map-${pkg.lang}.svg`);
      expect(paths, `${pkg.target} ${pkg.lang}`).not.toContain(`assets/map-${other}.svg`);
      expect(fileText(pkg, 'index.html')).toContain(`src="assets/map-${pkg.lang}.svg"`);
      // Phones shrink a diagram: a link opens the language's file full size.
      expect(fileText(pkg, 'index.html')).toMatch(new RegExp(`<a class="cp-image-open" href="assets/map-${pkg.lang}\\.svg" target="_blank" rel="noopener">`));
      if (pkg.target === 'scorm12') {
        // The manifest lists the files the package holds, and only those.
        expect(fileText(pkg, 'imsmanifest.xml')).toContain(`href="assets/map-${pkg.lang}.svg"`);
        expect(fileText(pkg, 'imsmanifest.xml')).not.toContain(`map-${other}.svg`);
      }
    }
  });

  it('reports a missing language at the src, and --allow-missing builds it with the source language image and a warning', async () => {
    const files = course('        src:\n          en: assets/map-en.svg\n');
    const strict = loadCourse(testdir(files));
    expect(strict.course).toBeNull();
    expect(strict.diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.path])).toEqual([['untranslated-image', 'error', 'modules/one.yaml', 13, 'pages.0.blocks.1.src']]);
    expect(strict.diagnostics[0]!.hint).toContain('`fr: assets/map-fr.svg`');

    const result = await buildInMemory(testdir(files), { targets: ['web'], allowMissing: true });
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['untranslated-image', 'warning']]);
    const fr = result.packages.find((p) => p.lang === 'fr')!;
    expect(fr.files.map((f) => f.path)).toContain('assets/map-en.svg');
    expect(fileText(fr, 'index.html')).toContain('src="assets/map-en.svg"');
  });

  it('refuses a language the course does not have, at its key, and a missing file, at its path', () => {
    const d = loadCourse(testdir(course('        src:\n          en: assets/map-en.svg\n          fr: assets/map-fr.svg\n          de: assets/map-de.svg\n'))).diagnostics;
    expect(d.map((x) => [x.code, x.line, x.column])).toEqual([['unknown-language', 15, 11]]);
    const missing = loadCourse(testdir(course('        src:\n          en: assets/map-en.svg\n          fr: assets/karte.svg\n'))).diagnostics;
    expect(missing.map((x) => [x.code, x.line, x.column])).toEqual([['missing-asset', 14, 15]]);
  });

  it('is not a text to translate: XLIFF carries no image path, and one path for every language stays valid', () => {
    const out: Diagnostic[] = [];
    const result = extractXliff(readCourseTexts(testdir(course(perLanguage)), out)!, { lang: 'pl' }, out);
    expect(out).toEqual([]);
    expect(result!.xliff).toContain('A picture');
    expect(result!.xliff).not.toContain('.svg');
    const shared = loadCourse(testdir(validCourse()));
    expect(shared.diagnostics).toEqual([]);
  });

  it("with --allow-missing, a French text filled from English brings the English text's images along", async () => {
    const files = course('        src: assets/pic.svg\n');
    files['modules/one.yaml'] = String(files['modules/one.yaml'])
      .replace('en: Hello, see [the quiz](#quiz-page).', 'en: Hello, see [the quiz](#quiz-page). ![Map](assets/map-en.svg)')
      .replace('          fr: Bonjour, voir [le quiz](#quiz-page).\n', '');
    const result = await buildInMemory(testdir(files), { targets: ['web'], allowMissing: true });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['untranslated-text']);
    const fr = result.packages.find((p) => p.lang === 'fr')!;
    expect(fileText(fr, 'index.html')).toContain('src="assets/map-en.svg"');
    expect(fr.files.map((f) => f.path)).toContain('assets/map-en.svg');
  });

  it("carries an image linked from one language's Markdown in that language's packages only", async () => {
    const files = course('        src: assets/pic.svg\n');
    files['modules/one.yaml'] = String(files['modules/one.yaml'])
      .replace('en: Hello, see [the quiz](#quiz-page).', 'en: Hello, see [the quiz](#quiz-page). ![Map](assets/map-en.svg)')
      .replace('fr: Bonjour, voir [le quiz](#quiz-page).', 'fr: Bonjour, voir [le quiz](#quiz-page). ![Carte](assets/map-fr.svg)');
    const result = await buildInMemory(testdir(files), { targets: ['web'] });
    expect(result.diagnostics).toEqual([]);
    const paths = (lang: string) => result.packages.find((p) => p.lang === lang)!.files.map((f) => f.path).filter((p) => p.startsWith('assets/'));
    expect(paths('en')).toEqual(['assets/map-en.svg', 'assets/pic.svg']);
    expect(paths('fr')).toEqual(['assets/map-fr.svg', 'assets/pic.svg']);
  });
});

describe('missingReferences (the build refuses to package a page that names a file it lacks)', () => {
  it('lists the local src and href targets not in the package, ignoring anchors and remote links', async () => {
    const { missingReferences } = await import('../../src/package/build.js');
    const html = '<img src="assets/a.svg"><a href="#p">x</a><a href="https://e.org/x">y</a><a href="docs/b.pdf">z</a><script src="player.js"></script><img src="assets/c.svg">';
    expect(missingReferences(html, new Set(['player.js', 'assets/a.svg']))).toEqual(['assets/c.svg', 'docs/b.pdf']);
    expect(missingReferences(html, new Set(['player.js', 'assets/a.svg', 'assets/c.svg', 'docs/b.pdf']))).toEqual([]);
  });
});
