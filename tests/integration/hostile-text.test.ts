/**
 * tests/fixtures/courses/hostile-text: texts that have broken e-learning tools (markup in every
 * field, entities, quotes, ]]>, bidi and zero-width characters, line separators, HTML comments)
 * build for every target; every package is sound (manifests valid against the official XSDs, no
 * script but the player's); the texts arrive as written; authors' comments never reach a learner.
 */
import { resolve } from 'node:path';
import { xml2js } from 'xml-js';
import { describe, expect, it } from 'vitest';
import type { BuiltPackage } from '../../src/package/build.js';
import { zipFiles } from '../../src/package/zip.js';
import { buildInMemory, buildPackage, ROOT } from '../support/build.js';
import { launch } from '../support/dom-lms.js';
import { launch2004 } from '../support/dom-lms-2004.js';
import { answerChecks, takeAssessment } from '../support/learner.js';
import { parseHtml } from '../support/html-safety.js';
import { packageProblems } from '../support/package-safety.js';

const COURSE = resolve(ROOT, 'tests/fixtures/courses/hostile-text');
const TARGETS = ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web'];
const text = (pkg: BuiltPackage, path: string) => {
  const file = pkg.files.find((f) => f.path === path)!;
  return typeof file.data === 'string' ? file.data : file.data.toString('utf8');
};

describe('the hostile-text course', async () => {
  const result = await buildInMemory(COURSE, { targets: TARGETS });

  it('builds for every target and language, with warnings only where Markdown holds raw HTML or a script link', () => {
    expect(result.ok).toBe(true);
    expect(result.packages.map((p) => `${p.target}-${p.lang}`).sort()).toEqual(TARGETS.flatMap((t) => [`${t}-en`, `${t}-fr`]).sort());
    expect(new Set(result.diagnostics.map((d) => d.code))).toEqual(new Set(['raw-html', 'unsafe-link']));
    // Plain-text fields (titles, alt, caption, names, matching targets) are escaped as typed: never a raw-html warning.
    const plainFieldWarnings = result.diagnostics.filter((d) => /\.(?:title|alt|caption|name|role|description)(?:\.|$)|\.target\./.test(d.path ?? ''));
    expect(plainFieldWarnings).toEqual([]);
    const intro = result.diagnostics.find((d) => d.path === 'intro.en')!;
    expect({ line: intro.line, column: intro.column }).toEqual({ line: 3, column: 40 });
  });

  it('writes sound packages: valid manifests, no script but the player\'s, every page in place', () => {
    for (const pkg of result.packages) expect(packageProblems(pkg.zip, pkg.target), `${pkg.target} ${pkg.lang}`).toEqual([]);
  });

  it('carries each title exactly as written into the manifests and the page', () => {
    const title = result.courses[0]!.title.en!;
    const scorm = result.packages.find((p) => p.target === 'scorm12' && p.lang === 'en')!;
    const manifest = xml2js(text(scorm, 'imsmanifest.xml'), { compact: true }) as { manifest: { organizations: { organization: { title: { _text: string } } } } };
    expect(manifest.manifest.organizations.organization.title._text).toBe(title);
    const page = parseHtml(text(scorm, 'index.html'));
    expect(page.querySelector('title')!.textContent).toBe(title);
    expect(page.querySelector('.cp-course-title')!.textContent).toBe(title);
    const tincan = result.packages.find((p) => p.target === 'xapi' && p.lang === 'en')!;
    expect(text(tincan, 'tincan.xml')).toContain('‮evil‬ zero​width 👩🏽‍💻');
  });

  it('drops HTML comments from every file of every package', () => {
    for (const pkg of result.packages) for (const f of pkg.files) {
      if (/\.(?:html|xml)$/.test(f.path)) expect(text(pkg, f.path), `${pkg.target} ${pkg.lang} ${f.path}`).not.toContain('NOTE-FOR-AUTHORS');
    }
  });

  it('shows raw HTML in Markdown as text, and an empty alt for the decorative image', () => {
    const page = parseHtml(text(result.packages.find((p) => p.target === 'web' && p.lang === 'en')!, 'index.html'));
    expect(page.querySelector('#p-markup .cp-text')!.textContent).toContain("<script>alert('en')</script>");
    const images = [...page.querySelectorAll('#p-markup img')];
    expect(images.map((i) => i.getAttribute('alt'))).toEqual(['A "quoted" <alt> & more', '']);
  });

  it('has a package check that fails on what escaping would have prevented (so its passing means something)', async () => {
    const scorm = result.packages.find((p) => p.target === 'scorm12' && p.lang === 'en')!;
    const tampered = (path: string, edit: (t: string) => string) => zipFiles(scorm.files.map((f) => (f.path === path ? { path, data: edit(text(scorm, path)) } : f)));
    expect(packageProblems(await tampered('imsmanifest.xml', (t) => t.replace('<title>', '<title>\u0007')), 'scorm12').join()).toMatch(/U\+0007/);
    expect(packageProblems(await tampered('imsmanifest.xml', (t) => t.replace('</title>', '<b></title>')), 'scorm12').join()).toMatch(/not valid/);
    expect(packageProblems(await tampered('index.html', (t) => t.replace('</h1>', '<img src=x onerror=alert(1)></h1>')), 'scorm12').join()).toMatch(/onerror/);
    expect(packageProblems(await tampered('index.html', (t) => t.replace('</h1>', '</h1></section><section class="cp-page">')), 'scorm12').join()).toMatch(/page sections/);
  });
});

describe('the hostile-text course played in scorm-again (SCORM 1.2, held to LMS-RULES.md)', () => {
  it('sends only values the LMS accepts: every check answered (wrong first) and the assessment taken', async () => {
    for (const lang of ['en', 'fr']) {
      const pkg = await buildPackage(COURSE, 'scorm12', lang);
      const run = await launch(pkg);
      await answerChecks(run.doc, run.data, { wrongFirst: true });
      await takeAssessment(run.doc, run.data, 1);
      expect(run.api.violations, lang).toEqual([]);
      const interactions = [...run.api.values.keys()].filter((k) => /^cmi\.interactions\.\d+\.id$/.test(k));
      expect(interactions.length, lang).toBeGreaterThan(0);
    }
  });

  it('and in SCORM 2004: the assessment taken, no violation', async () => {
    for (const lang of ['en', 'fr']) {
      const run = await launch2004(await buildPackage(COURSE, 'scorm2004', lang));
      await answerChecks(run.doc, run.data, { wrongFirst: true });
      await takeAssessment(run.doc, run.data, 1);
      expect(run.api.violations, lang).toEqual([]);
      expect([...run.api.values.keys()].filter((k) => /^cmi\.interactions\.\d+\.id$/.test(k)).length, lang).toBeGreaterThan(0);
    }
  });
});
