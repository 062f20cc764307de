/**
 * The media fixture (tests/fixtures/courses/media) through `i18n extract` and `i18n import` for
 * Polish, with chosen translations of its two caption cues (every other text becomes "PL <source>"):
 * for tests of what import does with a translated cue.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { readXliff } from '../../src/i18n/xliff-read.js';
import { writeXliff } from '../../src/i18n/xliff.js';
import { ROOT } from './build.js';
import { cli } from './cli.js';
import { testdir } from './testdir.js';

export interface CueImport {
  /** The working folder: the course is `course/`, the translated XLIFF `pl-done.xlf`. */
  cwd: string;
  extracted: { code: number; output: string };
  imported: { code: number; output: string };
  /** Where import writes the Polish captions. */
  vtt: string;
  /** The cue translations as the XLIFF reader reads them back from `pl-done.xlf`. */
  sent: Array<string | undefined>;
}

/** `englishVtt`: another English caption file with two cues (default: the fixture's). */
export async function importCueTranslations(targets: [string, string], englishVtt?: string): Promise<CueImport> {
  const cwd = testdir({});
  cpSync(join(ROOT, 'tests/fixtures/courses/media'), join(cwd, 'course'), { recursive: true });
  if (englishVtt !== undefined) writeFileSync(join(cwd, 'course/assets/conversation.en.vtt'), englishVtt);
  const extracted = await cli(cwd, 'i18n', 'extract', 'course', '--lang', 'pl', '--out', 'pl.xlf');
  const vtt = join(cwd, 'course/assets/conversation.pl.vtt');
  if (extracted.code !== 0) return { cwd, extracted, imported: extracted, vtt, sent: [] };
  const x = readXliff('pl.xlf', readFileSync(join(cwd, 'pl.xlf')), [])!;
  let cue = 0;
  const files = x.files.map((f) => ({ original: f.original!, units: f.units.map((u) => ({ id: u.id, source: u.source, target: /captions\.cue-/.test(u.id) ? targets[cue++]! : `PL ${u.source}`, state: 'translated' })) }));
  const first = x.files[0]!;
  writeFileSync(join(cwd, 'pl-done.xlf'), writeXliff({ courseId: first.courseId!, sourceLanguage: first.sourceLanguage, targetLanguage: first.targetLanguage, files }));
  const sent = cueTargets(cwd, 'pl-done.xlf');
  const imported = await cli(cwd, 'i18n', 'import', 'course', 'pl-done.xlf');
  return { cwd, extracted, imported, vtt, sent };
}

/** The translation of every caption cue unit of the XLIFF file `file` (in `cwd`), as the reader reads it. */
export function cueTargets(cwd: string, file: string): Array<string | undefined> {
  const out: Diagnostic[] = [];
  const x = readXliff(file, readFileSync(join(cwd, file)), out)!;
  return x.files.flatMap((f) => f.units.filter((u) => /captions\.cue-/.test(u.id)).map((u) => u.target));
}
