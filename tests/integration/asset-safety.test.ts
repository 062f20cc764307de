/**
 * Assets through the whole build: the hostile fixture's warnings (code and position in the SVG),
 * what goes into every package, and the formats and drawings that are refused (nothing written).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInMemory, COUNSELLOR, ROOT } from '../support/build.js';
import { testdir, validCourse } from '../support/testdir.js';
import { readFileSync } from 'node:fs';
import { validateManifest } from '../support/xsd.js';

const HOSTILE = resolve(ROOT, 'tests/fixtures/courses/hostile-assets');
const SVG = 'tests/fixtures/courses/hostile-assets/assets/scripted.svg';
const where = (d: { code: string; file?: string; line?: number; column?: number }) => [d.code, d.file, d.line, d.column];

describe('the hostile-assets fixture', () => {
  it('builds for every target, with a warning for each active part of its SVG, at its place', async () => {
    const result = await buildInMemory(HOSTILE);
    expect(result.ok).toBe(true);
    expect(result.packages.map((p) => p.target).sort()).toEqual(['cmi5', 'scorm12', 'scorm2004', 'web', 'xapi']);
    expect(result.diagnostics.filter((d) => d.file === SVG).map(where)).toEqual([
      ['asset-script-removed', SVG, 2, 1], // onload on <svg>
      ['asset-script-removed', SVG, 4, 3], // <script>
      ['asset-script-removed', SVG, 5, 3], // <h:script>
      ['asset-external-reference', SVG, 6, 3], // @import in <style>
      ['asset-external-reference', SVG, 6, 3], // url() in <style>
      ['asset-external-reference', SVG, 10, 3], // url() in style=""
      ['asset-external-reference', SVG, 11, 3], // filter="url(…)"
      ['asset-external-reference', SVG, 12, 3], // <image href>
      ['asset-external-reference', SVG, 13, 3], // <use href> to another file
      ['asset-script-removed', SVG, 15, 3], // javascript: link
      ['asset-content-removed', SVG, 16, 3], // <animate onbegin>
    ]);
    expect(result.diagnostics.filter((d) => d.file === SVG).every((d) => d.severity === 'warning')).toBe(true);
  });

  it('has manifests valid against the official schemas, for every target', async () => {
    const result = await buildInMemory(HOSTILE);
    const manifests = { scorm12: ['imsmanifest.xml', 'scorm12'], scorm2004: ['imsmanifest.xml', 'scorm2004'], xapi: ['tincan.xml', 'tincan'], cmi5: ['cmi5.xml', 'cmi5'] } as const;
    for (const pkg of result.packages) {
      if (pkg.target === 'web') continue;
      const [path, standard] = manifests[pkg.target];
      const file = pkg.files.find((f) => f.path === path)!;
      const check = validateManifest(standard, file.data.toString());
      expect(check.ok, `${pkg.target}: ${check.output}`).toBe(true);
    }
  });

  it('ships the same sanitised bytes in every package, and the same zips on every build', async () => {
    const [a, b] = [await buildInMemory(HOSTILE), await buildInMemory(HOSTILE)];
    const svgs = new Set(a.packages.map((p) => p.files.find((f) => f.path === 'assets/scripted.svg')!.data.toString()));
    expect(svgs.size).toBe(1);
    const [svg] = [...svgs];
    expect(svg).not.toMatch(/script|\son\w+=|javascript:|pwned/i);
    expect(svg).toContain('<use href="#inner"');
    expect(a.packages.map((p) => p.sha256)).toEqual(b.packages.map((p) => p.sha256));
  });

  it('leaves drawings that are already inert as they are (the counsellor training)', async () => {
    const result = await buildInMemory(COUNSELLOR, { targets: ['web'], langs: ['en'] });
    for (const file of result.packages[0]!.files.filter((f) => f.path.endsWith('.svg'))) {
      expect(Buffer.compare(Buffer.from(file.data), readFileSync(resolve(COUNSELLOR, file.path))), file.path).toBe(0);
    }
  });
});

describe('refused assets', () => {
  const picture = (svg: string) => validCourse({ 'assets/pic.svg': svg });
  const errorsOf = async (dir: string) => {
    const result = await buildInMemory(dir);
    expect(result.ok).toBe(false);
    expect(result.packages).toEqual([]);
    return result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.file?.replace(/^.*?(assets\/)/, '$1'), d.line, d.column]);
  };

  it('refuses a <foreignObject>: removing it would change the picture', async () => {
    const dir = testdir(picture('<svg xmlns="http://www.w3.org/2000/svg">\n  <g>\n    <foreignObject width="9" height="9"><p xmlns="http://www.w3.org/1999/xhtml">Hi</p></foreignObject>\n  </g>\n</svg>'));
    expect(await errorsOf(dir)).toEqual([['asset-foreign-object', 'assets/pic.svg', 3, 5]]);
  });

  it('refuses an SVG that is not well-formed, or not UTF-8, with the place', async () => {
    expect(await errorsOf(testdir(picture('<svg xmlns="http://www.w3.org/2000/svg">\n<rect>\n</svg>')))).toEqual([['asset-unreadable', 'assets/pic.svg', 3, expect.any(Number)]]);
    expect(await errorsOf(testdir(picture(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><title>caf\xe9</title></svg>', 'latin1') as unknown as string)))).toEqual([['asset-unreadable', 'assets/pic.svg', 1, 1]]);
  });

  it.each(['html', 'htm', 'xhtml', 'xml', 'svgz'])('refuses a .%s file linked from a page', async (ext) => {
    const files = validCourse({ [`assets/page.${ext}`]: '<html><body><script>alert(1)</script></body></html>' });
    files['modules/one.yaml'] = String(files['modules/one.yaml']).replace('see [the quiz](#quiz-page).', `see [the page](assets/page.${ext}).`).replace('voir [le quiz](#quiz-page).', `voir [la page](assets/page.${ext}).`);
    expect(await errorsOf(testdir(files))).toEqual([['asset-active-format', `assets/page.${ext}`, 1, 1]]);
  });

  it('refuses markup under an image name', async () => {
    const files = validCourse({ 'assets/pic.png': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' });
    files['modules/one.yaml'] = String(files['modules/one.yaml']).replace('src: assets/pic.svg', 'src: assets/pic.png');
    expect(await errorsOf(testdir(files))).toEqual([['asset-active-format', 'assets/pic.png', 1, 1]]);
  });
});
