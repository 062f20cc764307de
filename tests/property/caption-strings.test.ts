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
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { cueTextProblem, parseVtt } from '../../src/course/webvtt.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { readXliff } from '../../src/i18n/xliff-read.js';
import { writeXliff } from '../../src/i18n/xliff.js';
import { ROOT } from '../support/build.js';
import { testdir } from '../support/testdir.js';
import { asCueText } from './block-arbitrary.js';
import { stringArb } from './course-arbitrary.js';

const RUNS = Number(process.env.COURSEPACK_PROPERTY_RUNS ?? 5) * 2;
const SEED = Number(process.env.COURSEPACK_PROPERTY_SEED ?? 1313);

async function cli(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, color: false });
  return { code, output: `${out.join('')}${err.join('')}` };
}

/** The translation of every cue unit of `file`, as the XLIFF reader sees it. */
function cueTargets(cwd: string, file: string): Array<string | undefined> {
  const out: Diagnostic[] = [];
  const x = readXliff(file, readFileSync(join(cwd, file)), out)!;
  return x.files.flatMap((f) => f.units.filter((u) => /captions\.cue-/.test(u.id)).map((u) => u.target));
}

describe('caption cues with generated texts through i18n extract and import', () => {
  it('each translated cue is refused at its unit or written as that cue', async () => {
    const cue = stringArb('accepted').map(asCueText);
    await fc.assert(
      fc.asyncProperty(fc.tuple(cue, cue), fc.tuple(stringArb('accepted'), stringArb('accepted')), async (sources, translations) => {
        const cwd = testdir({});
        cpSync(join(ROOT, 'tests/fixtures/courses/media'), join(cwd, 'course'), { recursive: true });
        writeFileSync(join(cwd, 'course/assets/conversation.en.vtt'), `WEBVTT\n\n00:00:00.000 --> 00:00:02.600\n${sources[0]}\n\n00:00:03.000 --> 00:00:04.700\n${sources[1]}\n`);
        const extracted = await cli(cwd, 'i18n', 'extract', 'course', '--lang', 'pl', '--out', 'pl.xlf');
        expect(extracted.code, extracted.output).toBe(0);
        const read: Diagnostic[] = [];
        const x = readXliff('pl.xlf', readFileSync(join(cwd, 'pl.xlf')), read)!;
        let n = 0;
        const files = x.files.map((f) => ({ original: f.original!, units: f.units.map((u) => ({ id: u.id, source: u.source, target: /captions\.cue-/.test(u.id) ? translations[n++]! : `PL ${u.source}`, state: 'translated' })) }));
        const first = x.files[0]!;
        writeFileSync(join(cwd, 'pl-done.xlf'), writeXliff({ courseId: first.courseId!, sourceLanguage: first.sourceLanguage, targetLanguage: first.targetLanguage, files }));
        const sent = cueTargets(cwd, 'pl-done.xlf');
        const imported = await cli(cwd, 'i18n', 'import', 'course', 'pl-done.xlf');
        const vtt = join(cwd, 'course/assets/conversation.pl.vtt');
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
