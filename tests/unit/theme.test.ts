/** The course theme: contrast checked at build time, applied as CSS variables, logo as an asset. */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import { contrast } from '../../src/course/theme.js';
import { buildInMemory } from '../support/build.js';
import { testdir, validCourse } from '../support/testdir.js';

const withTheme = (theme: string, extra = {}) => validCourse({ 'course.yaml': `${validCourse()['course.yaml'] as string}${theme}`, ...extra });

describe('theme', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#fff', '#ffffff')).toBe(1);
  });

  it('rejects text colours that fail WCAG AA, at the colour the author set', () => {
    const d = loadCourse(testdir(withTheme('theme:\n  colors:\n    accent: "#ffcc00"\n'))).diagnostics;
    expect(d.map((x) => ({ code: x.code, line: x.line, column: x.column }))).toEqual([
      { code: 'theme-contrast', line: 10, column: 13 },
      { code: 'theme-contrast', line: 10, column: 13 },
      { code: 'theme-contrast', line: 10, column: 13 },
    ]);
    expect(d[0]!.message).toMatch(/links on the page background: #ffcc00 on #fbfaf7 has a contrast of 1\.\d\d:1; WCAG AA needs 4\.5:1/);
  });

  it('accepts a theme with enough contrast and ships it as theme.css', async () => {
    const dir = testdir(withTheme('theme:\n  colors:\n    accent: "#0b5e3c"\n    background: "#ffffff"\n  font: serif\n  logo: assets/pic.svg\n  logoAlt: { en: Sample organisation, fr: Organisation exemple }\n'));
    const result = await buildInMemory(dir, { targets: ['web'], langs: ['fr'] });
    expect(result.diagnostics).toEqual([]);
    const files = result.packages[0]!.files;
    const css = String(files.find((f) => f.path === 'theme.css')!.data);
    expect(css).toContain('--cp-accent: #0b5e3c;');
    expect(css).toContain('--cp-bg: #ffffff;');
    expect(css).toMatch(/--cp-font: Georgia/);
    const html = String(files.find((f) => f.path === 'index.html')!.data);
    expect(html).toContain('<link rel="stylesheet" href="theme.css">');
    expect(html).toContain('<img class="cp-logo" src="assets/pic.svg" alt="Organisation exemple">');
  });

  it('requires a text alternative for the logo and checks the logo file', () => {
    const d = loadCourse(testdir(withTheme('theme:\n  logo: assets/missing.svg\n'))).diagnostics;
    expect(d.map((x) => x.code).sort()).toEqual(['missing-asset', 'missing-field']);
  });
});
