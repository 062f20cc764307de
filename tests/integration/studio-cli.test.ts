/** `coursepack studio` from the command line, and start-up: --version and --help load none of the studio. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run, type Io } from '../../src/cli/run.js';
import { testdir, validCourse } from '../support/testdir.js';

async function until(check: () => boolean, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const inCourses = (files: Record<string, string | Uint8Array | { symlink: string }>, id = 'sample') => Object.fromEntries(Object.entries(files).map(([p, c]) => [`courses/${id}/${p}`, c]));

describe('coursepack studio', () => {
  it('prints its address with the token, serves the course, and stops when asked', async () => {
    const dir = testdir(inCourses(validCourse()));
    const out: string[] = [];
    let stop!: () => void;
    const io: Io = { stdout: (t) => out.push(t), stderr: () => {}, cwd: dir, color: false, waitForStop: () => new Promise<void>((r) => (stop = r)) };
    const running = run(['studio', '--no-open', '--port', '0'], io);
    await until(() => out.join('').includes('studio: http://127.0.0.1:'));
    const url = new URL(/studio: (\S+)/.exec(out.join(''))![1]!);
    const token = url.searchParams.get('token')!;
    const course = await fetch(new URL('/api/course', url), { headers: { 'x-studio-token': token } });
    expect(((await course.json()) as { course: { id: string } }).course.id).toBe('sample');
    stop();
    expect(await running).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('is a usage error (exit 2) with a bad port or several courses and none named', async () => {
    const dir = testdir({ ...inCourses(validCourse(), 'one'), ...inCourses(validCourse(), 'two') });
    const err: string[] = [];
    const io: Io = { stdout: () => {}, stderr: (t) => err.push(t), cwd: dir, color: false, waitForStop: async () => {} };
    expect(await run(['studio', '--no-open'], io)).toBe(2);
    expect(err.join('')).toContain('several courses found (courses/one, courses/two)');
    expect(await run(['studio', 'courses/one', '--no-open', '--port', '70000'], io)).toBe(2);
  });

  it('--version and --help load none of the studio', () => {
    const dir = testdir({});
    const log = join(dir, 'loaded.txt');
    writeFileSync(join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }\n`);
    mkdirSync(join(dir, 'x'));
    const runTs = pathToFileURL(join(import.meta.dirname, '../../src/cli/run.ts')).href;
    writeFileSync(
      join(dir, 'main.mjs'),
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\nconst { run } = await import(${JSON.stringify(runTs)});\nprocess.exitCode = await run(process.argv.slice(2), { stdout: () => {}, stderr: () => {}, cwd: process.cwd(), color: false });\n`,
    );
    for (const args of [['--version'], ['--help'], ['studio', '--help']]) {
      writeFileSync(log, '');
      execFileSync(process.execPath, ['--import', 'tsx', join(dir, 'main.mjs'), ...args], { cwd: join(import.meta.dirname, '../..') });
      const loaded = readFileSync(log, 'utf8').split('\n');
      expect(loaded.some((u) => u.endsWith('/src/cli/run.ts'))).toBe(true);
      expect([args, loaded.filter((u) => u.includes('/src/studio/') || u === 'node:child_process' || u === 'node:http')]).toEqual([args, []]);
    }
  });
});
