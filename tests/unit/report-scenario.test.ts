/** Issue 15: a Moodle interactions export holding a scenario's ending: the report skips it quietly (it analyses questions), and still warns about a real unknown id. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { ROOT } from '../support/build.js';
import { testdir } from '../support/testdir.js';
import type { ReportFigures } from '../../src/report/figures.js';

const FIXTURE = join(ROOT, 'tests/fixtures/courses/scenario');
const HEADER = ['Name', 'Email address', 'Attempt', 'Started on', 'Last accessed on', 'Score', 'Practising', 'Question 0', 'Response 0', 'Right answer 0', 'Result 0'];
const row = (id: string) => ['Learner one', 'one@example.org', '1', 'Tuesday, 1 September 2026, 8:00 AM', 'Tuesday, 1 September 2026, 8:05 AM', '', '', id, 'opening.reassure,skills.ask-projects,good-end.good', '', 'correct'];

async function report(id: string): Promise<string> {
  const file = join(testdir({}), 'export.txt');
  writeFileSync(file, [HEADER, row(id)].map((cells) => cells.join('\t')).join('\n') + '\n');
  const err: string[] = [];
  await run(['report', FIXTURE, '--from', file, '--lang', 'en', '--json'], { stdout: () => undefined, stderr: (t) => err.push(t), cwd: ROOT, color: false });
  return err.join('');
}

describe('report from Moodle with scenario interactions', () => {
  it('does not call a scenario id an unknown question', async () => {
    expect(await report('doubt-conversation')).not.toContain('report-unknown-answer');
    expect(await report('no-such-question')).toContain('report-unknown-answer');
  });
});

describe('report from Moodle: the scenario section', () => {
  it('reads the path of each ending from the interaction (SCORM 1.2 `.`/`,`): endings, first endings and choices per node', async () => {
    const file = join(testdir({}), 'export.txt');
    const second = [...row('doubt-conversation')];
    second[0] = 'Learner two';
    second[1] = 'two@example.org';
    second[8] = 'opening.lecture,pushback.insist,poor-end.poor';
    writeFileSync(file, [HEADER, row('doubt-conversation'), second].map((cells) => cells.join('\t')).join('\n') + '\n');
    const out: string[] = [];
    await run(['report', FIXTURE, '--from', file, '--lang', 'en', '--json', '--min-group', '1'], { stdout: (t) => out.push(t), stderr: () => undefined, cwd: ROOT, color: false });
    const figures = JSON.parse(out.join('')) as ReportFigures;
    const s = figures.scenarios[0]!;
    expect({ started: s.started, ended: s.ended }).toEqual({ started: 2, ended: 2 });
    expect(s.endings!.map((e) => [e.id, e.learners, e.first])).toEqual([['good-end', 1, 1], ['neutral-end', 0, 0], ['poor-end', 1, 1]]);
    expect(s.nodes!.find((n) => n.id === 'opening')!.choices.map((c) => [c.id, c.learners])).toEqual([['reassure', 1], ['lecture', 1]]);
  });
});
