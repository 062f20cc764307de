/**
 * `coursepack new <root>/courses/<id> --repo`: a course repository whose CI (GitHub Actions and
 * GitLab CI) finds every course and checks and builds each in its own job. The CI files are
 * parsed, their shell steps run with bash, and the coursepack commands they name run through `run()`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run, type Io } from '../../src/cli/run.js';
import { testdir } from '../support/testdir.js';

const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, color: false };
  return { io: value, stdout: () => out.join(''), stderr: () => err.join('') };
}

const read = (path: string) => readFileSync(path, 'utf8');
const bash = (script: string, cwd: string, env: Record<string, string> = {}) => execFileSync('bash', ['-e', '-c', script], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });

interface Step { run?: string; uses?: string; with?: Record<string, unknown>; id?: string }
interface GithubWorkflow { on: unknown; jobs: Record<string, { steps: Step[]; needs?: string; if?: string; outputs?: Record<string, string>; strategy?: { matrix: Record<string, string> } }> }

/** Runs a CI command line: `npx coursepack …` through run() in the repository; anything else is refused. */
async function runCommand(line: string, cwd: string): Promise<number> {
  const match = /^npx coursepack (.+)$/.exec(line);
  if (!match) throw new Error(`not a coursepack command: ${line}`);
  const cli = io(cwd);
  const code = await run(match[1]!.split(' '), cli.io);
  if (code !== 0) throw new Error(`${line} exited with ${code}: ${cli.stderr()}`);
  return code;
}

async function makeRepo(): Promise<string> {
  const cwd = testdir({ 'readme.txt': 'workspace' });
  const first = io(cwd);
  expect(await run(['new', 'acme-courses/courses/safe-lifting', '--repo', '--lang', 'en,fr'], first.io)).toBe(0);
  expect(first.stdout()).toContain('repository acme-courses: wrote package.json, .gitignore, .github/workflows/courses.yml, .gitlab-ci.yml');
  const second = io(cwd);
  expect(await run(['new', 'acme-courses/courses/fire-safety', '--repo'], second.io)).toBe(0);
  expect(second.stdout()).toContain('repository acme-courses: kept package.json, .gitignore, .github/workflows/courses.yml, .gitlab-ci.yml (already there)');
  return join(cwd, 'acme-courses');
}

const zips = (repo: string) => (existsSync(join(repo, 'dist')) ? readdirSync(join(repo, 'dist')).sort() : []);

describe('coursepack new --repo', () => {
  it('writes a package.json pinning this coursepack, a .gitignore, and schema paths into the repository\'s node_modules', async () => {
    const repo = await makeRepo();
    const pkg = JSON.parse(read(join(repo, 'package.json'))) as { name: string; private: boolean; devDependencies: Record<string, string>; scripts: Record<string, string> };
    expect(pkg).toMatchObject({ name: 'acme-courses', private: true, devDependencies: { coursepack: VERSION } });
    expect(pkg.scripts).toMatchObject({ check: 'coursepack check', build: 'coursepack build' });
    expect(read(join(repo, '.gitignore')).split('\n')).toEqual(expect.arrayContaining(['node_modules/', 'dist/']));
    for (const [file, schema] of [['course.yaml', 'course'], ['modules/01-getting-started.yaml', 'module'], ['assessment.yaml', 'assessment']] as const) {
      const path = join(repo, 'courses/safe-lifting', file);
      const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(read(path))![1]!;
      expect(resolve(dirname(path), ref)).toBe(join(repo, 'node_modules/coursepack/schema', `${schema}.schema.json`));
    }
  });

  it('GitHub Actions: a job lists the courses, a matrix checks and builds each and keeps its zips', async () => {
    const repo = await makeRepo();
    const workflow = parse(read(join(repo, '.github/workflows/courses.yml'))) as GithubWorkflow;
    expect(workflow.on).toBe('push');
    const list = workflow.jobs.list!;
    const script = list.steps.find((s) => s.id === 'list')!.run!;
    const output = join(repo, 'github-output.txt');
    bash(script, repo, { GITHUB_OUTPUT: output });
    expect(read(output)).toBe('courses=["fire-safety","safe-lifting"]\n');
    expect(list.outputs?.courses).toBe('${{ steps.list.outputs.courses }}');

    const course = workflow.jobs.course!;
    expect(course.needs).toBe('list');
    expect(course.strategy?.matrix.course).toBe('${{ fromJSON(needs.list.outputs.courses) }}');
    const runs = course.steps.filter((s) => s.run).map((s) => s.run!);
    expect(runs).toEqual(['npm ci', 'npx coursepack check courses/${{ matrix.course }}', 'npx coursepack build courses/${{ matrix.course }}']);
    expect(course.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBeGreaterThanOrEqual(22);
    const upload = course.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with).toMatchObject({ name: '${{ matrix.course }}', path: 'dist/*.zip', 'if-no-files-found': 'error' });

    // What the matrix runs for one course (npm ci is the installation this test does not need).
    for (const line of runs.slice(1)) await runCommand(line.replace('${{ matrix.course }}', 'fire-safety'), repo);
    expect(zips(repo)).toEqual(['cmi5', 'scorm12', 'scorm2004', 'web', 'xapi'].map((t) => `fire-safety-1.0.0-en-${t}.zip`).sort());
  });

  it('GitLab CI: the plan job writes a child pipeline with a job per course that checks, builds and keeps dist/', async () => {
    const repo = await makeRepo();
    const ci = parse(read(join(repo, '.gitlab-ci.yml'))) as Record<string, { stage?: string; script?: string[]; artifacts?: { paths: string[] }; trigger?: { include: { artifact: string; job: string }[]; strategy: string } }>;
    expect(ci.stages).toEqual(['plan', 'courses']);
    const plan = ci.plan!;
    for (const line of plan.script!) bash(line, repo);
    const child = ci.courses!.trigger!;
    expect(child.include).toEqual([{ artifact: plan.artifacts!.paths[0], job: 'plan' }]);
    expect(child.strategy).toBe('depend');

    const jobs = parse(read(join(repo, plan.artifacts!.paths[0]!))) as Record<string, { script: string[]; artifacts: { name: string; paths: string[] } }>;
    expect(Object.keys(jobs).filter((k) => k !== 'default')).toEqual(['course-fire-safety', 'course-safe-lifting']);
    const job = jobs['course-safe-lifting']!;
    expect(job.script).toEqual(['npm ci --cache .npm --prefer-offline', 'npx coursepack check courses/safe-lifting', 'npx coursepack build courses/safe-lifting']);
    expect(job.artifacts).toEqual({ name: 'safe-lifting', paths: ['dist/'] });
    for (const line of job.script.slice(1)) await runCommand(line, repo);
    expect(zips(repo)).toHaveLength(10);
    expect(zips(repo).every((zip) => zip.startsWith('safe-lifting-1.0.0-'))).toBe(true);
  });

  it('with no course yet, GitHub skips the matrix and GitLab runs a placeholder job (both pipelines stay valid)', async () => {
    const repo = await makeRepo();
    const empty = testdir({
      '.github/workflows/courses.yml': read(join(repo, '.github/workflows/courses.yml')),
      '.gitlab-ci.yml': read(join(repo, '.gitlab-ci.yml')),
    });
    const workflow = parse(read(join(empty, '.github/workflows/courses.yml'))) as GithubWorkflow;
    bash(workflow.jobs.list!.steps.find((s) => s.id === 'list')!.run!, empty, { GITHUB_OUTPUT: join(empty, 'out.txt') });
    expect(read(join(empty, 'out.txt'))).toBe('courses=[]\n');
    expect(workflow.jobs.course!.if).toBe("needs.list.outputs.courses != '[]'");
    const ci = parse(read(join(empty, '.gitlab-ci.yml'))) as Record<string, { script: string[] }>;
    for (const line of ci.plan!.script) bash(line, empty);
    const jobs = parse(read(join(empty, 'courses.gitlab-ci.yml'))) as Record<string, { script: string[] }>;
    expect(Object.keys(jobs)).toEqual(['default', 'no-course']);
    expect(jobs['no-course']!.script).toHaveLength(1);
  });

  it('keeps a package.json that is already there and says how to add coursepack to it', async () => {
    const cwd = testdir({ 'mine/package.json': '{ "name": "mine", "private": true }\n' });
    const cli = io(cwd);
    expect(await run(['new', 'mine/courses/intro', '--repo'], cli.io)).toBe(0);
    expect(read(join(cwd, 'mine/package.json'))).toBe('{ "name": "mine", "private": true }\n');
    expect(cli.stdout()).toContain(`npm install --save-dev coursepack@${VERSION}`);
    expect(existsSync(join(cwd, 'mine/.gitlab-ci.yml'))).toBe(true);
  });

  it('without --repo, points at the schemas of the coursepack installed around the course, not those of the one running', async () => {
    const cwd = testdir({ 'project/node_modules/coursepack/schema/course.schema.json': '{}', 'project/package.json': '{}' });
    expect(await run(['new', 'project/training/intro'], io(cwd).io)).toBe(0);
    const path = join(cwd, 'project/training/intro/course.yaml');
    const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(read(path))![1]!;
    expect(ref).toBe('../../node_modules/coursepack/schema/course.schema.json');
  });

  it('refuses a course folder that is not in a courses/ folder, with exit code 2 and nothing written', async () => {
    const cwd = testdir({ 'readme.txt': 'workspace' });
    mkdirSync(join(cwd, 'acme'));
    writeFileSync(join(cwd, 'acme/notes.txt'), 'mine');
    const cli = io(cwd);
    expect(await run(['new', 'acme/safe-lifting', '--repo'], cli.io)).toBe(2);
    expect(cli.stderr()).toMatch(/--repo: put the course in a courses\/ folder, e\.g\. acme\/courses\/safe-lifting/);
    expect(readdirSync(join(cwd, 'acme'))).toEqual(['notes.txt']);
  });
});
