/**
 * Captions in the translation round trip (issue 15), through the CLI on a copy of the media
 * fixture: extract sends each English cue with its timing; import writes the Polish .vtt with
 * the same timings, names it in the block and declares the language; check and build accept it;
 * a source cue edited afterwards makes the translated cue stale, at its line in the .vtt file.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { parseVtt } from '../../src/course/webvtt.js';
import { readXliff } from '../../src/i18n/xliff-read.js';
import { writeXliff } from '../../src/i18n/xliff.js';
import { build } from '../../src/package/build.js';
import { ROOT } from '../support/build.js';
import { cli } from '../support/cli.js';
import { testdir } from '../support/testdir.js';

function workspace(): string {
  const cwd = testdir({});
  cpSync(join(ROOT, 'tests/fixtures/courses/media'), join(cwd, 'course'), { recursive: true });
  return cwd;
}

function translate(cwd: string, file: string, to: string, text: (source: string) => string): void {
  const out: Diagnostic[] = [];
  const x = readXliff(file, readFileSync(join(cwd, file)), out)!;
  expect(out).toEqual([]);
  const first = x.files[0]!;
  const files = x.files.map((f) => ({ original: f.original!, units: f.units.map((u) => ({ id: u.id, source: u.source, target: text(u.source), state: 'translated' })) }));
  writeFileSync(join(cwd, to), writeXliff({ courseId: first.courseId!, sourceLanguage: first.sourceLanguage, targetLanguage: first.targetLanguage, files }));
}

describe('captions through i18n extract and import', () => {
  it('a new language: one unit per cue with its timing, then a .vtt with the same timings, named in the block', async () => {
    const cwd = workspace();
    expect((await cli(cwd, 'i18n', 'extract', 'course', '--lang', 'pl', '--out', 'pl.xlf')).code).toBe(0);
    const xliff = readFileSync(join(cwd, 'pl.xlf'), 'utf8');
    const cueUnits = [...xliff.matchAll(/<trans-unit id="([^"]*captions\.cue-\d+)"[^>]*>\s*<source>([^<]*)<\/source>\s*<note from="coursepack">([^<]*)<\/note>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(cueUnits).toEqual([
      ['modules/media.yaml#pages.1.blocks.0.captions.cue-1', 'Samira wonders whether she can learn to code.', '00:00:00.000 --&gt; 00:00:02.600'],
      ['modules/media.yaml#pages.1.blocks.0.captions.cue-2', 'The counsellor listens first.', '00:00:03.000 --&gt; 00:00:04.700'],
    ]);

    translate(cwd, 'pl.xlf', 'pl-done.xlf', (source) => `PL ${source}`);
    const imported = await cli(cwd, 'i18n', 'import', 'course', 'pl-done.xlf');
    expect(imported.code, imported.stderr).toBe(0);
    const vtt = readFileSync(join(cwd, 'course/assets/conversation.pl.vtt'), 'utf8');
    const { cues, problems } = parseVtt(vtt);
    expect(problems).toEqual([]);
    const english = parseVtt(readFileSync(join(cwd, 'course/assets/conversation.en.vtt'), 'utf8')).cues;
    expect(cues.map((c) => [c.id, c.start, c.end, c.text])).toEqual(english.map((c) => [c.id, c.start, c.end, `PL ${c.text}`]));
    const module = readFileSync(join(cwd, 'course/modules/media.yaml'), 'utf8');
    expect(module).toContain('          fr: assets/conversation.fr.vtt\n          pl: assets/conversation.pl.vtt\n');
    expect(JSON.parse(readFileSync(join(cwd, 'course/i18n/pl.json'), 'utf8')).texts['modules/media.yaml#pages.1.blocks.0.captions.cue-1']).toMatchObject({ from: 'en' });

    // The Polish package carries the Polish captions as its default track and transcript.
    const check = await cli(cwd, 'check', 'course');
    expect(check.code, check.stderr).toBe(0);
    const result = await build({ courses: [join(cwd, 'course')], targets: ['web'], langs: ['pl'], write: false, cwd });
    expect(result.ok).toBe(true);
    const html = result.packages[0]!.files.find((f) => f.path === 'index.html')!.data.toString();
    expect(html).toContain('<track kind="captions" src="assets/conversation.pl.vtt" srclang="pl" label="Polski" default>');
    expect(html).toContain('PL Samira wonders whether she can learn to code.');

    // Importing the same file again changes nothing.
    const before = readFileSync(join(cwd, 'course/assets/conversation.pl.vtt'));
    expect((await cli(cwd, 'i18n', 'import', 'course', 'pl-done.xlf')).code).toBe(0);
    expect(readFileSync(join(cwd, 'course/assets/conversation.pl.vtt'))).toEqual(before);

    // The English cue changes: the Polish one is stale, at its line; extract asks for a review; the old file no longer imports.
    const en = join(cwd, 'course/assets/conversation.en.vtt');
    writeFileSync(en, readFileSync(en, 'utf8').replace('The counsellor listens first.', 'The counsellor listens carefully first.'));
    const stale = await cli(cwd, 'check', 'course');
    expect(stale.stderr).toMatch(/course\/assets\/conversation\.pl\.vtt:9:1 {2}warning {2}.*\[stale-translation\]/);
    expect((await cli(cwd, 'i18n', 'extract', 'course', '--lang', 'pl', '--out', 'pl2.xlf')).code).toBe(0);
    expect(readFileSync(join(cwd, 'pl2.xlf'), 'utf8')).toMatch(/<source>The counsellor listens carefully first\.<\/source>\s*<target state="needs-review-translation">PL The counsellor listens first\.<\/target>/);
    const refused = await cli(cwd, 'i18n', 'import', 'course', 'pl-done.xlf');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[xliff-source-changed]');
  });

  it('a partly translated caption file is not written', async () => {
    const cwd = workspace();
    expect((await cli(cwd, 'i18n', 'extract', 'course', '--lang', 'pl', '--out', 'pl.xlf')).code).toBe(0);
    let n = 0;
    translate(cwd, 'pl.xlf', 'half.xlf', (source) => (source === 'The counsellor listens first.' && n++ === 0 ? '' : `PL ${source}`));
    const imported = await cli(cwd, 'i18n', 'import', 'course', 'half.xlf');
    expect(imported.code, imported.stderr).toBe(0);
    expect(existsSync(join(cwd, 'course/assets/conversation.pl.vtt'))).toBe(false);
    expect(readFileSync(join(cwd, 'course/modules/media.yaml'), 'utf8')).not.toContain('pl: assets/conversation.pl.vtt');
  });
});
