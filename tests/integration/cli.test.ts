/** The command line: exit codes, reports, and a failed build that leaves the output folder untouched. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type Io } from '../../src/cli/run.js';
import { testdir, validCourse } from '../support/testdir.js';

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, color: false };
  return { io: value, stdout: () => out.join(''), stderr: () => err.join('') };
}

function workspace(overrides = {}) {
  const files = Object.fromEntries(Object.entries(validCourse(overrides)).map(([path, content]) => [`courses/sample/${path}`, content]));
  return testdir(files);
}

describe('coursepack --version', () => {
  it('prints the version of the package.json it was installed with', async () => {
    const cli = io(testdir({}));
    expect(await run(['--version'], cli.io)).toBe(0);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(cli.stdout().trim()).toBe(pkg.version);
  });
});

describe('coursepack build', () => {
  it('builds every course under courses/ into dist/ with the documented names', async () => {
    const cwd = workspace();
    const cli = io(cwd);
    expect(await run(['build'], cli.io)).toBe(0);
    expect(readdirSync(join(cwd, 'dist')).sort()).toEqual([
      'sample-1.0.0-en-scorm12.zip',
      'sample-1.0.0-en-scorm2004.zip',
      'sample-1.0.0-en-web.zip',
      'sample-1.0.0-fr-scorm12.zip',
      'sample-1.0.0-fr-scorm2004.zip',
      'sample-1.0.0-fr-web.zip',
    ]);
    expect(cli.stdout()).toContain('built dist/sample-1.0.0-en-scorm12.zip');
  });

  it('honours --target, --lang and --out', async () => {
    const cwd = workspace();
    expect(await run(['build', 'courses/sample', '--target', 'scorm12', '--lang', 'fr', '--out', 'out'], io(cwd).io)).toBe(0);
    expect(readdirSync(join(cwd, 'out'))).toEqual(['sample-1.0.0-fr-scorm12.zip']);
  });

  it('prints a machine-readable report with --json', async () => {
    const cwd = workspace();
    const cli = io(cwd);
    expect(await run(['build', '--json', '--target', 'scorm12,web'], cli.io)).toBe(0);
    const report = JSON.parse(cli.stdout()) as { packages: Array<Record<string, unknown>>; diagnostics: unknown[] };
    expect(report.diagnostics).toEqual([]);
    expect(report.packages).toHaveLength(4);
    expect(Object.keys(report.packages[0]!).sort()).toEqual(['bytes', 'course', 'lang', 'path', 'sha256', 'target']);
    const first = report.packages[0]!;
    expect(readFileSync(join(cwd, String(first.path))).length).toBe(first.bytes);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exits 1, prints every diagnostic with a code frame, and leaves dist/ as it was', async () => {
    const cwd = workspace({ 'assessment.yaml': (validCourse()['assessment.yaml'] as string).replace('passingScore', 'pasingScore') });
    mkdirSync(join(cwd, 'dist'));
    writeFileSync(join(cwd, 'dist', 'sample-1.0.0-en-scorm12.zip'), 'previous package');
    const cli = io(cwd);
    expect(await run(['build'], cli.io)).toBe(1);
    expect(readdirSync(join(cwd, 'dist'))).toEqual(['sample-1.0.0-en-scorm12.zip']);
    expect(readFileSync(join(cwd, 'dist', 'sample-1.0.0-en-scorm12.zip'), 'utf8')).toBe('previous package');
    const err = cli.stderr();
    expect(err).toContain('courses/sample/assessment.yaml:3:1  error  unknown key "pasingScore"  [unknown-key]');
    expect(err).toContain('> 3 | pasingScore: 80');
    expect(err).toContain('Did you mean "passingScore"?');
    expect(err).toContain('courses/sample/assessment.yaml:1:1  error  "passingScore" is required here  [missing-field]');
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('fails on warnings only with --strict', async () => {
    const cwd = workspace({ 'modules/one.yaml': (validCourse()['modules/one.yaml'] as string).replace('en: Hello, see', 'en: <b>Hello</b> see') });
    expect(await run(['build', '--target', 'web'], io(cwd).io)).toBe(0);
    const strict = io(cwd);
    expect(await run(['check', '--strict'], strict.io)).toBe(1);
    expect(strict.stderr()).toContain('[raw-html]');
  });

  it('exits 2 on usage errors', async () => {
    const cwd = workspace();
    expect(await run(['build', '--no-such-option'], io(cwd).io)).toBe(2);
    expect(await run(['frobnicate'], io(cwd).io)).toBe(2);
    expect(await run(['build', '--target', 'scorm13'], io(cwd).io)).toBe(2);
    expect(await run(['build'], io(testdir({ 'empty.txt': '' })).io)).toBe(2);
    expect(existsSync(join(cwd, 'dist'))).toBe(false);
  });

  it('shows help with examples', async () => {
    const cli = io(workspace());
    expect(await run(['build', '--help'], cli.io)).toBe(0);
    expect(cli.stdout()).toContain('Examples:');
    expect(cli.stdout()).toContain('--target <list>');
  });
});

describe('coursepack check', () => {
  it('reports problems in every file in one run and builds nothing', async () => {
    const cwd = workspace({ 'modules/one.yaml': (validCourse()['modules/one.yaml'] as string).replace('#quiz-page', '#nowhere').replace('assets/pic.svg', 'assets/none.svg') });
    const cli = io(cwd);
    expect(await run(['check'], cli.io)).toBe(1);
    expect(cli.stderr()).toContain('[dangling-reference]');
    expect(cli.stderr()).toContain('[missing-asset]');
    expect(existsSync(join(cwd, 'dist'))).toBe(false);
  });

  it('exits 0 on a valid course', async () => {
    const cli = io(workspace());
    expect(await run(['check'], cli.io)).toBe(0);
    expect(cli.stderr()).toContain('0 errors, 0 warnings, 1 course checked');
  });
});
