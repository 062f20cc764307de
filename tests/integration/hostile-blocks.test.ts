/**
 * Regressions found by the generated inputs of tests/property/ (hostile-strings, caption-strings)
 * in issue 15's blocks and their captions' translation: a package holding what no package may
 * hold, an XLIFF file no tool reads, a caption file broken or recorded wrongly by i18n import.
 * Each case is the smallest course that showed it; each failed before its fix.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVtt } from '../../src/course/webvtt.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { readRecords, recordOf } from '../../src/i18n/records.js';
import { buildInMemory, ROOT } from '../support/build.js';
import { importCueTranslations } from '../support/caption-translation.js';
import { cli } from '../support/cli.js';
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

describe('translated caption cues that would break the .vtt file', () => {
  const importCues = (targets: [string, string]) => importCueTranslations(targets);

  it('a blank line or "-->" in a translated cue is refused at its unit, and no caption file is written', async () => {
    // Before: import wrote a .vtt with an extra, injected cue ("\n\n00:00:09.000 --> …") and a cue holding "-->", which check then refused.
    const { imported, vtt, cwd } = await importCues(['Samira się zastanawia.\n\n00:00:09.000 --> 00:00:10.000\nWstrzyknięty napis', 'Doradczyni --> słucha.']);
    expect(imported.code).toBe(1);
    // `file:line:col  error  message  [code]`, one per unit, at each <target>.
    const printed = [...`${imported.output}`.matchAll(/^(\S+):(\d+):(\d+)\s+error\s.*\[([a-z-]+)\]$/gm)].map((m) => [m[1], Number(m[2]), Number(m[3]), m[4]]);
    const xliff = readFileSync(join(cwd, 'pl-done.xlf'), 'utf8').split('\n');
    const targetLines = xliff.flatMap((line, i) => (/<target[ >]/.test(line) && (line.includes('Samira się') || line.includes('Doradczyni')) ? [i + 1] : []));
    expect(printed).toEqual(targetLines.map((line) => ['pl-done.xlf', line, expect.any(Number), 'xliff-cue-text']));
    expect(existsSync(vtt)).toBe(false);
  });

  it('cues with markup, line breaks and a leading space are written as the same cues, and recorded as written', async () => {
    // Before: "…\r\nline two\n" was written raw; the file read back as "…\nline two", the record kept the CR and the final LF.
    const { imported, vtt, cwd } = await importCues(['<v Ana>"><img src=x onerror=alert(1)>\r\nline two\n', ' -> <script>alert(1)</script> &amp;']);
    expect(imported.code, imported.output).toBe(0);
    const { cues, problems } = parseVtt(readFileSync(vtt, 'utf8'));
    expect(problems).toEqual([]);
    const written = ['<v Ana>"><img src=x onerror=alert(1)>\nline two', ' -> <script>alert(1)</script> &amp;'];
    expect(cues.map((c) => c.text)).toEqual(written);
    // The records hold the hash of each cue as written, so a later change of the English cue makes it stale.
    const records = readRecords(join(cwd, 'course'), 'pl', []);
    const cueRecords = [...records].filter(([id]) => /captions\.cue-/.test(id)).map(([, r]) => r.target);
    expect(cueRecords).toEqual(written.map((text) => recordOf('en', '', text).target));
    expect((await cli(cwd, 'check', 'course')).code).toBe(0);
    const en = join(cwd, 'course/assets/conversation.en.vtt');
    writeFileSync(en, readFileSync(en, 'utf8').replace('Samira wonders', 'Samira asks'));
    expect((await cli(cwd, 'check', 'course')).output).toMatch(/conversation\.pl\.vtt:\d+:1\s+warning\s.*\[stale-translation\]/);
  });
});

describe('hostile blocks in a split course', () => {
  it('blocks only in a module script: their kinds\' scripts ship, and every package is sound', async () => {
    const dir = testdir({});
    cpSync(join(ROOT, 'tests/fixtures/courses/hostile-blocks'), dir, { recursive: true });
    // More than SPLIT_ABOVE_PAGES pages before the blocks' module: that module goes to modules/hostile.js.
    const filler = Array.from({ length: 101 }, (_, i) => `  - id: f${i}\n    title: F${i}\n    blocks:\n      - type: text\n        body: x`);
    writeFileSync(join(dir, 'modules/filler.yaml'), `id: filler\ntitle: Filler\npages:\n${filler.join('\n')}\n`);
    writeFileSync(join(dir, 'course.yaml'), readFileSync(join(dir, 'course.yaml'), 'utf8').replace('modules: [modules/blocks.yaml]', 'modules: [modules/filler.yaml, modules/blocks.yaml]'));
    const result = await buildInMemory(dir);
    expect(errors(result.diagnostics)).toEqual([]);
    expect(result.packages.length).toBe(5);
    for (const pkg of result.packages) {
      expect(pkg.files.map((f) => f.path).filter((p) => p.endsWith('.js')).sort()).toEqual([
        'blocks/accordion.js', 'blocks/audio.js', 'blocks/flip-cards.js', 'blocks/hotspots.js', 'blocks/scenario.js', 'blocks/stepper.js', 'blocks/tabs.js', 'blocks/video.js', 'modules/hostile.js', 'player.js',
      ]);
      expect(packageProblems(pkg.zip, pkg.target), pkg.target).toEqual([]);
    }
  });
});

describe('caption cues that XLIFF cannot carry', () => {
  it('i18n extract stops with xliff-character at the cue in the .vtt file, and writes no XLIFF file', async () => {
    // Before: extract exited 0 and wrote U+0007 and U+FFFE raw into pl.xlf, which no XML parser (so no translation tool) reads.
    const cwd = testdir({});
    cpSync(join(ROOT, 'tests/fixtures/courses/media'), join(cwd, 'course'), { recursive: true });
    writeFileSync(join(cwd, 'course/assets/conversation.en.vtt'), 'WEBVTT\n\n00:00:00.000 --> 00:00:02.600\nSamira wonders\nwhether \u0007 she can\n\n00:00:03.000 --> 00:00:04.700\nok \uFFFE\n');
    const extracted = await cli(cwd, 'i18n', 'extract', 'course', '--lang', 'pl', '--out', 'pl.xlf');
    expect(extracted.code).toBe(1);
    const printed = [...extracted.output.matchAll(/^(\S+):(\d+):(\d+)\s+error\s.*\[([a-z-]+)\]$/gm)].map((m) => [m[1], Number(m[2]), Number(m[3]), m[4]]);
    expect(printed).toEqual([
      ['course/assets/conversation.en.vtt', 5, 9, 'xliff-character'],
      ['course/assets/conversation.en.vtt', 8, 4, 'xliff-character'],
    ]);
    expect(existsSync(join(cwd, 'pl.xlf'))).toBe(false);
  });
});
