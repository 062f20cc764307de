/**
 * Regressions found by the generated courses of tests/property/hostile-strings.test.ts in issue 15's
 * blocks (block-arbitrary.ts): each was a package that held what no package may hold, or a crash,
 * for something an author wrote. Each case is the smallest course that showed it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { buildInMemory, ROOT } from '../support/build.js';
import { packageProblems } from '../support/package-safety.js';
import { testdir, type Files } from '../support/testdir.js';

const MEDIA = join(ROOT, 'tests/fixtures/courses/media/assets');

/** A one-language course whose one page holds `blocks` (YAML, indented as a page's block list). */
function course(blocks: string, extra: Files = {}): string {
  return testdir({
    'course.yaml': 'id: hostile-blocks\nversion: 1.0.0\nlanguages: [en]\ntitle: Hostile blocks\nmodules: [modules/m.yaml]\nxapi: { activityBase: https://learning.example.org/courses/ }\n',
    'modules/m.yaml': `id: m\ntitle: M\npages:\n  - id: p\n    title: P\n    blocks:\n${blocks}`,
    'assets/v.webm': readFileSync(join(MEDIA, 'conversation.webm')),
    ...extra,
  });
}

const VIDEO = `      - type: video
        id: v
        title: A video
        src: assets/v.webm
        captions: { en: assets/v.en.vtt }
`;

type Found = Pick<Diagnostic, 'code' | 'file' | 'line' | 'column'>;
const errors = (diagnostics: Diagnostic[]): Found[] =>
  diagnostics.filter((d) => d.severity === 'error').map(({ code, file, line, column }) => ({ code, file: file?.replace(/^.*coursepack-test-[^/]+\//, ''), line, column }));

describe('caption files with characters no package may hold', () => {
  it('a control character or a noncharacter in a cue is an invalid-character at its place in the .vtt file, and nothing is built', async () => {
    // Before: the build succeeded and index.html carried U+0000, U+0007 and U+FFFE in the transcript made from the cues.
    const vtt = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nSamira \u0000 wonders\n\n00:00:03.000 --> 00:00:04.000\n<v Ana>ring\u0007 and \uFFFE\n';
    const dir = course(VIDEO, { 'assets/v.en.vtt': vtt });
    const result = await buildInMemory(dir);
    expect(errors(result.diagnostics)).toEqual([
      { code: 'invalid-character', file: 'assets/v.en.vtt', line: 4, column: 8 },
      { code: 'invalid-character', file: 'assets/v.en.vtt', line: 7, column: 12 },
      { code: 'invalid-character', file: 'assets/v.en.vtt', line: 7, column: 18 },
    ]);
    expect(result.diagnostics.find((d) => d.code === 'invalid-character')?.message).toMatch(/U\+0000/);
    expect(result.packages).toEqual([]);
  });

  it('the same cues with the characters removed build sound packages', async () => {
    const vtt = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nSamira <script>alert(1)</script> wonders\n\n00:00:03.000 --> 00:00:04.000\n<v Ana>"><img src=x onerror=alert(1)>\n';
    const result = await buildInMemory(course(VIDEO, { 'assets/v.en.vtt': vtt }));
    expect(errors(result.diagnostics)).toEqual([]);
    for (const pkg of result.packages) expect(packageProblems(pkg.zip, pkg.target), pkg.target).toEqual([]);
  });
});
