/**
 * Captions through the translation round trip with generated texts (issue 15): source cues made of
 * hostile strings (block-arbitrary.ts), translated with hostile strings, through `i18n extract`,
 * `i18n import` and `check` on a copy of the media fixture. A translation that cannot be one cue
 * (an empty line, "-->") is refused at its <target> and nothing is written; any other is written
 * as that cue (line breaks as \n, none at its end), the course checks clean (no stale cue), and extracting again sends the same
 * translations back as targets.
 *
 * Seeded like the other property tests (tests/README.md): COURSEPACK_PROPERTY_RUNS, COURSEPACK_PROPERTY_SEED.
 */
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cueTextProblem, parseVtt } from '../../src/course/webvtt.js';
import { cli, cueTargets, importCueTranslations } from '../support/caption-translation.js';
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
});
