/**
 * The French packages of the counsellor training contain no English (interface or content), and a
 * learner can pass the final assessment in each language in the LMS runtime.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import type { LangMap } from '../../src/course/model.js';
import type { BuiltPackage } from '../../src/package/build.js';
import { TEMPLATES_DIR } from '../../src/paths.js';
import { TARGETS } from '../../src/targets/index.js';
import { buildInMemory, COUNSELLOR, fileText } from '../support/build.js';
import { launch } from '../support/dom-lms.js';
import { next, takeAssessment } from '../support/learner.js';

let packages: BuiltPackage[];
beforeAll(async () => {
  const result = await buildInMemory(COUNSELLOR);
  // Not a warning, not even a note: every target is set up, every text translated.
  expect(result.diagnostics).toEqual([]);
  packages = result.packages;
});

/** Every text of the course as language maps (titles, bodies, prompts, choices, feedback…). */
function courseTexts(): LangMap[] {
  const course = loadCourse(COUNSELLOR).course!;
  const texts: LangMap[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length > 0 && entries.every(([k, v]) => course.languages.includes(k) && typeof v === 'string')) texts.push(value as LangMap);
      else entries.forEach(([, v]) => walk(v));
    }
  };
  walk(course.modules);
  walk(course.assessments);
  walk(course.title);
  return texts;
}

const visibleText = (html: string) =>
  html
    .replace(/<script type="application\/json"[^>]*>[\s\S]*?<\/script>/, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/g, ' ')
    .replace(/\s+/g, ' ');

describe('French packages', () => {
  it('build for every target, in both languages, without warnings', () => {
    const targets = new Set(packages.map((p) => p.target));
    expect([...targets].sort()).toEqual([...TARGETS.map((t) => t.id)].sort());
    expect([...targets].sort()).toEqual(['cmi5', 'scorm12', 'scorm2004', 'web', 'xapi']);
    for (const target of targets) expect(packages.filter((p) => p.target === target).map((p) => p.lang).sort()).toEqual(['en', 'fr']);
  });

  it('contain no English interface string', () => {
    const en = JSON.parse(readFileSync(join(TEMPLATES_DIR, 'i18n/en.json'), 'utf8')) as Record<string, string>;
    const fr = JSON.parse(readFileSync(join(TEMPLATES_DIR, 'i18n/fr.json'), 'utf8')) as Record<string, string>;
    const english = Object.entries(en)
      .filter(([key, value]) => value !== fr[key] && value.split(' ').length >= 2)
      .map(([, value]) => value.replace(/\{[^}]+\}/g, '').trim().split(/\s+/).slice(0, 4).join(' '))
      .filter((phrase) => phrase.length >= 8);
    for (const pkg of packages.filter((p) => p.lang === 'fr')) {
      const html = fileText(pkg, 'index.html');
      for (const phrase of english) expect(html, `${pkg.target}: "${phrase}"`).not.toContain(phrase);
    }
  });

  it('contain no English course text', () => {
    const english = courseTexts()
      .filter((t) => t.en !== t.fr && t.en!.length >= 16)
      .map((t) => t.en!.split('\n')[0]!.replace(/[*_`#>[\]()]/g, '').trim().slice(0, 40))
      .filter((s) => s.length >= 16);
    expect(english.length).toBeGreaterThan(100);
    const french = packages.filter((p) => p.lang === 'fr');
    expect(french).toHaveLength(5);
    for (const pkg of french) {
      // The page as learners see it, and the manifest as the LMS shows it.
      const manifest = pkg.files.find((f) => /^(imsmanifest|tincan|cmi5)\.xml$/.test(f.path));
      const text = visibleText(fileText(pkg, 'index.html')) + (manifest ? visibleText(String(manifest.data)) : '');
      const found = english.filter((s) => text.includes(s));
      expect(found, pkg.target).toEqual([]);
    }
  });

  it('carry diagrams with French words only', () => {
    const svgTexts = (pkg: BuiltPackage) =>
      pkg.files
        .filter((f) => f.path.endsWith('.svg'))
        .flatMap((f) => [...String(f.data).matchAll(/<(?:text|tspan|title|desc)\b[^>]*>([^<]+)</g)].map((m) => m[1]!.trim()))
        .filter((t) => t.length >= 8);
    const english = new Set(packages.filter((p) => p.lang === 'en').flatMap(svgTexts));
    expect(english.size).toBeGreaterThan(20);
    for (const pkg of packages.filter((p) => p.lang === 'fr')) {
      const french = svgTexts(pkg);
      expect(french.length, pkg.target).toBeGreaterThan(20);
      expect(french.filter((t) => english.has(t)), pkg.target).toEqual([]);
    }
  });

  it('hold every file their pages refer to, in every target and language', () => {
    for (const pkg of packages) {
      const html = fileText(pkg, 'index.html');
      const local = [...html.matchAll(/\b(?:src|href)="([^"#:]+)"/g)].map((m) => m[1]!);
      expect(local.length, pkg.target).toBeGreaterThan(4);
      const files = new Set(pkg.files.map((f) => f.path));
      expect(local.filter((path) => !files.has(path)), `${pkg.target} ${pkg.lang}`).toEqual([]);
    }
  });

  it('declare French in the page and the manifest', () => {
    for (const pkg of packages.filter((p) => p.lang === 'fr')) {
      expect(fileText(pkg, 'index.html')).toContain('<html lang="fr">');
      const manifest = pkg.files.find((f) => /^(imsmanifest|tincan|cmi5)\.xml$/.test(f.path));
      if (manifest) {
        expect(String(manifest.data)).toMatch(/lang(uage)?="fr"|<(imsmd|lom):language>fr</);
        expect(String(manifest.data), `${pkg.target}: only French texts`).not.toMatch(/lang(uage)?="en"|<(imsmd|lom):language>en</);
      }
    }
  });
});

describe.each(['en', 'fr'])('the final assessment in %s', (lang) => {
  it('can be passed in the LMS runtime', async () => {
    const pkg = packages.find((p) => p.target === 'scorm12' && p.lang === lang)!;
    const run = await launch(pkg);
    expect(run.doc.documentElement.getAttribute('lang')).toBe(lang);
    for (let i = 0; i < run.data.pages.length; i++) await next(run.doc);
    await takeAssessment(run.doc, run.data, 1000);
    expect(run.api.values.get('cmi.core.lesson_status')).toBe('passed');
    expect(run.api.values.get('cmi.core.score.raw')).toBe('100');
    expect(run.api.violations).toEqual([]);
  });
});
