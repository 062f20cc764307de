/** Issue 15: a scenario's texts through `i18n extract` and `import` (CLI): a new language reaches every line, choice, feedback and debrief, and the course builds in it. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { readXliff } from '../../src/i18n/xliff-read.js';
import { writeXliff } from '../../src/i18n/xliff.js';
import { build } from '../../src/package/build.js';
import { ROOT } from '../support/build.js';
import { testdir } from '../support/testdir.js';

const FIXTURE = join(ROOT, 'tests/fixtures/courses/scenario');

async function cli(cwd: string, ...argv: string[]): Promise<number> {
  return run(argv, { stdout: () => undefined, stderr: () => undefined, cwd, color: false });
}

describe('scenario texts through i18n extract and import', () => {
  it('translates every scenario text into a new language, and the course builds in it', async () => {
    const cwd = testdir({
      'course/course.yaml': readFileSync(join(FIXTURE, 'course.yaml'), 'utf8'),
      'course/modules/conversation.yaml': readFileSync(join(FIXTURE, 'modules/conversation.yaml'), 'utf8'),
    });
    expect(await cli(cwd, 'i18n', 'extract', 'course', '--lang', 'pl', '--out', 'pl.xlf')).toBe(0);
    const out: Diagnostic[] = [];
    const x = readXliff('pl.xlf', readFileSync(join(cwd, 'pl.xlf')), out)!;
    expect(out).toEqual([]);
    const ids = x.files.flatMap((f) => f.units.map((u) => u.id)).filter((id) => id.includes('#pages.1.blocks.0.'));
    expect(ids).toHaveLength(21);
    const files = x.files.map((f) => ({ original: f.original!, units: f.units.map((u) => ({ id: u.id, source: u.source, target: `PL ${u.source}`, state: 'translated' })) }));
    writeFileSync(join(cwd, 'pl-done.xlf'), writeXliff({ courseId: x.files[0]!.courseId!, sourceLanguage: 'en', targetLanguage: 'pl', files }));
    expect(await cli(cwd, 'i18n', 'import', 'course', 'pl-done.xlf')).toBe(0);
    expect(await cli(cwd, 'check', 'course')).toBe(0);

    const built = await build({ courses: [join(cwd, 'course')], targets: ['web'], langs: ['pl'], write: false, cwd });
    const html = built.packages[0]!.files.find((f) => f.path === 'index.html')!.data.toString();
    for (const text of ['PL Samira doubts she can code', 'PL Ask what she already does with computers', 'PL She hears a lecture, not a question.', 'PL You started from her skills and her wishes.', 'Zacznij scenariusz od nowa']) {
      expect(html).toContain(text);
    }
  });
});
