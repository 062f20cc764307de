/** `coursepack new`: a course folder that checks clean and builds every target, or a usage error and nothing written. */
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type Io } from '../../src/cli/run.js';
import { buildInMemory } from '../support/build.js';
import { testdir } from '../support/testdir.js';

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, color: false };
  return { io: value, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('coursepack new', () => {
  it.each([
    [['en'], ['en']],
    [['en', 'fr'], ['en', 'fr']],
    [['fr', 'pl'], ['fr', 'pl']],
  ])('creates a course in %j that has no diagnostic and builds all five targets', async (langs) => {
    const cwd = testdir({ 'readme.txt': 'workspace' });
    const cli = io(cwd);
    expect(await run(['new', 'courses/safe-lifting', '--lang', langs.join(','), '--title', 'Safe lifting'], cli.io)).toBe(0);
    expect(cli.stdout()).toContain('created courses/safe-lifting');
    const dir = join(cwd, 'courses/safe-lifting');
    const result = await buildInMemory(dir);
    expect(result.diagnostics).toEqual([]);
    expect([...new Set(result.packages.map((p) => p.target))].sort()).toEqual(['cmi5', 'scorm12', 'scorm2004', 'web', 'xapi']);
    expect(result.packages.map((p) => p.lang).filter((l, i, all) => all.indexOf(l) === i)).toEqual(langs);
    const course = readFileSync(join(dir, 'course.yaml'), 'utf8');
    expect(course).toMatch(/^id: safe-lifting$/m);
    expect(course).toContain(`languages: [${langs.join(', ')}]`);
    expect(course).toMatch(/^ {2}activityBase: urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/m);
    expect(course).toMatch(/^# yaml-language-server: \$schema=.*schema\/course\.schema\.json$/m);
    // The editor finds the schema the comment names.
    const schema = /\$schema=(\S+)/.exec(course)![1]!;
    expect(existsSync(join(dir, schema))).toBe(true);
    if (langs.includes('pl')) expect(cli.stdout()).toContain('the starter texts for pl are in English');
  });

  it('mints a different activity base for every course', async () => {
    const cwd = testdir({ 'readme.txt': 'workspace' });
    await run(['new', 'courses/one'], io(cwd).io);
    await run(['new', 'courses/two'], io(cwd).io);
    const base = (id: string) => /activityBase: (\S+)/.exec(readFileSync(join(cwd, 'courses', id, 'course.yaml'), 'utf8'))![1];
    expect(base('one')).not.toBe(base('two'));
  });

  it.each([
    ['a folder name that cannot be an id', ['new', 'courses/Safe_Lifting'], /cannot be a course id/],
    ['a bad language code', ['new', 'courses/ok', '--lang', 'en,french'], /"french" is not a list of language codes/],
    ['a language twice', ['new', 'courses/ok', '--lang', 'en,en'], /listed twice/],
    ['a folder that is not empty', ['new', 'courses/taken'], /already exists and is not empty/],
  ])('refuses %s with exit code 2 and writes nothing', async (_label, argv, message) => {
    const cwd = testdir({ 'readme.txt': 'workspace' });
    mkdirSync(join(cwd, 'courses/taken'), { recursive: true });
    writeFileSync(join(cwd, 'courses/taken/notes.txt'), 'mine');
    const before = readdirSync(join(cwd, 'courses')).sort();
    const cli = io(cwd);
    expect(await run(argv, cli.io)).toBe(2);
    expect(cli.stderr()).toMatch(message);
    expect(readdirSync(join(cwd, 'courses')).sort()).toEqual(before);
    expect(readdirSync(join(cwd, 'courses/taken'))).toEqual(['notes.txt']);
  });
});
