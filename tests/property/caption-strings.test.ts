/**
 * Captions through the translation round trip with generated texts (issue 15): source cues made of
 * hostile strings (block-arbitrary.ts), translated with hostile strings, through `i18n extract`,
 * `i18n import` and `check` on a copy of the media fixture. A translation that cannot be one cue
 * (an empty line, "-->") is refused at its <target> and nothing is written; any other is written
 * as that cue (line breaks as \n, none at its end), the course checks clean (no stale cue), and extracting again sends the same
 * translations back as targets. And the WebVTT reader itself, on any text: it never throws and places
 * every problem at a line and column of the file.
 *
 * Seeded like the other property tests (tests/README.md): COURSEPACK_PROPERTY_RUNS, COURSEPACK_PROPERTY_SEED.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cueTextProblem, parseVtt } from '../../src/course/webvtt.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { readXliff } from '../../src/i18n/xliff-read.js';
import { invalidXmlCharIndex } from '../../src/i18n/xliff.js';
import { cueTargets, importCueTranslations } from '../support/caption-translation.js';
import { cli } from '../support/cli.js';
import { asCueText } from './block-arbitrary.js';
import { stringArb } from './course-arbitrary.js';

const RUNS = Number(process.env.COURSEPACK_PROPERTY_RUNS ?? 5) * 2;
const SEED = Number(process.env.COURSEPACK_PROPERTY_SEED ?? 1313);

describe('caption cues with generated texts through i18n extract and import', () => {
  it('each translated cue is refused at its unit or written as that cue', async () => {
    const cue = stringArb('accepted').map(asCueText);
    await fc.assert(
      fc.asyncProperty(fc.tuple(cue, cue), fc.tuple(stringArb('accepted'), stringArb('accepted')), async (sources, translations) => {
        const english = `WEBVTT\n\n00:00:00.000 --> 00:00:02.600\n${sources[0]}\n\n00:00:03.000 --> 00:00:04.700\n${sources[1]}\n`;
        const { cwd, extracted, imported, vtt, sent } = await importCueTranslations(translations, english);
        expect(extracted.code, extracted.output).toBe(0);
        if (sent.some((t) => t !== undefined && cueTextProblem(t))) {
          expect(imported.code, imported.output).toBe(1);
          expect(imported.output).toMatch(/^pl-done\.xlf:\d+:\d+\s+error\s.*\[xliff-cue-text\]$/m);
          expect(existsSync(vtt)).toBe(false);
          return;
        }
        expect(imported.code, imported.output).toBe(0);
        if (sent.some((t) => t === undefined)) {
          expect(existsSync(vtt)).toBe(false);
          return;
        }
        const { cues, problems } = parseVtt(readFileSync(vtt, 'utf8'));
        expect(problems).toEqual([]);
        // Line breaks as the file holds them: \n, none at the end of a cue.
        const lines = sent.map((t) => t!.replace(/\r\n|\r/g, '\n').replace(/\n+$/, ''));
        expect(cues.map((c) => c.text)).toEqual(lines);
        const checked = await cli(cwd, 'check', 'course');
        expect(checked.code, checked.output).toBe(0);
        expect(checked.output).not.toMatch(/stale-translation/);
        expect((await cli(cwd, 'i18n', 'extract', 'course', '--lang', 'pl', '--out', 'again.xlf')).code).toBe(0);
        expect(cueTargets(cwd, 'again.xlf')).toEqual(lines);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 60_000 + RUNS * 5_000);

  it('i18n extract of cues of any Unicode: a well-formed XLIFF file, or xliff-character at the cue and no file', async () => {
    const cue = stringArb('any').map(asCueText);
    await fc.assert(
      fc.asyncProperty(fc.tuple(cue, cue), async (sources) => {
        const english = `WEBVTT\n\n00:00:00.000 --> 00:00:02.600\n${sources[0]}\n\n00:00:03.000 --> 00:00:04.700\n${sources[1]}\n`;
        const { cwd, extracted } = await importCueTranslations(['a', 'b'], english);
        const xlf = join(cwd, 'pl.xlf');
        // As the UTF-8 file holds them (a lone surrogate is written as U+FFFD).
        if (sources.some((s) => invalidXmlCharIndex(Buffer.from(s, 'utf8').toString('utf8')) >= 0)) {
          expect(extracted.code, extracted.output).toBe(1);
          expect(extracted.output).toMatch(/^course\/assets\/conversation\.en\.vtt:\d+:\d+\s+error\s.*\[xliff-character\]$/m);
          expect(existsSync(xlf)).toBe(false);
          return;
        }
        expect(extracted.code, extracted.output).toBe(0);
        const read: Diagnostic[] = [];
        expect(readXliff('pl.xlf', readFileSync(xlf), read)).not.toBeNull();
        expect(read).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS * 2, endOnFailure: true },
    );
  }, 60_000 + RUNS * 5_000);

  it('the WebVTT reader never throws on any text, and places every problem inside the file', () => {
    const timing = fc.tuple(fc.nat(5_000_000), fc.nat(5_000_000)).map(([a, b]) => `${stamp(a)} --> ${stamp(b)}`);
    const line = fc.oneof(stringArb('any'), timing, fc.constantFrom('WEBVTT', 'WEBVTT - x', '', 'NOTE x', 'STYLE', 'REGION', '-->', '00:00.000 --> 00:01.000 align:start', '1', ' '));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 16 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), (lines, eol, header) => {
        const text = [...(header ? ['WEBVTT', ''] : []), ...lines].join(eol);
        const { cues, problems } = parseVtt(text);
        const fileLines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
        for (const p of problems) {
          expect(p.line >= 1 && p.line <= fileLines.length, `${p.message} at line ${p.line} of ${fileLines.length}`).toBe(true);
          expect(p.column >= 1 && p.column <= fileLines[p.line - 1]!.length + 1, `${p.message} at ${p.line}:${p.column}`).toBe(true);
        }
        for (const c of cues) expect(c.end > c.start && !c.text.includes('-->') && c.text !== '').toBe(true);
      }),
      { seed: SEED, numRuns: RUNS * 100 },
    );
  });
});

/** `hh:mm:ss.ttt` of `ms`, written here independently of webvtt.ts. */
function stamp(ms: number): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}
