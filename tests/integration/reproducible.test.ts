/** Same sources, same bytes: across builds, time zones and file modification times. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FIXED_DATE } from '../../src/package/zip.js';
import { buildInMemory, ROOT } from '../support/build.js';
import { testdir, validCourse } from '../support/testdir.js';
import { readZip } from '../support/zip-reader.js';

describe('reproducible builds', () => {
  it('gives byte-identical zips for the same sources, whatever the time zone or file times', async () => {
    const dir = testdir(validCourse());
    const first = await buildInMemory(dir);
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      utimesSync(join(dir, 'assets/pic.svg'), new Date(), new Date());
      const second = await buildInMemory(dir);
      expect(second.packages.map((p) => p.sha256)).toEqual(first.packages.map((p) => p.sha256));
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('sorts entries and gives each the same time and permissions', async () => {
    const result = await buildInMemory(testdir(validCourse()), { targets: ['scorm12'], langs: ['en'] });
    const entries = readZip(result.packages[0]!.zip);
    const names = entries.map((e) => e.name);
    expect(names).toEqual([...names].sort());
    const dos = ((FIXED_DATE.getUTCFullYear() - 1980) << 9) | ((FIXED_DATE.getUTCMonth() + 1) << 5) | FIXED_DATE.getUTCDate();
    for (const e of entries) {
      expect(e.dosDate).toBe(dos);
      expect(e.dosTime).toBe(0);
      expect((e.externalAttributes >>> 16) & 0o777).toBe(0o644);
    }
  });

  it('stores an empty file without a trailing data descriptor (rule 2)', async () => {
    const files = validCourse({ 'assets/empty.txt': '' });
    files['modules/one.yaml'] = (files['modules/one.yaml'] as string).replace('en: Hello, see', 'en: Read [notes](assets/empty.txt). Hello, see');
    const result = await buildInMemory(testdir(files), { targets: ['scorm12'], langs: ['en'] });
    expect(result.diagnostics).toEqual([]);
    const entries = readZip(result.packages[0]!.zip);
    const empty = entries.find((e) => e.name === 'assets/empty.txt')!;
    expect(empty.method).toBe(0);
    expect(empty.flags & 0x8).toBe(0);
    for (const e of entries.filter((x) => x.size > 0)) expect(e.method).toBe(8);
  });

  it('changes the bytes when the content changes', async () => {
    const a = await buildInMemory(testdir(validCourse()), { targets: ['scorm12'], langs: ['en'] });
    const b = await buildInMemory(testdir(validCourse({ 'assets/pic.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>' })), { targets: ['scorm12'], langs: ['en'] });
    expect(a.packages[0]!.sha256).not.toBe(b.packages[0]!.sha256);
  });

  it('gives byte-identical zips from two separate processes, with another time zone and locale', async () => {
    // In one process the player bundle is cached, so only separate processes show whether bundling is deterministic.
    const course = testdir(validCourse({ 'course.yaml': `${String(validCourse()['course.yaml'])}xapi:\n  activityBase: https://learning.example.org/courses/\n` }));
    const out = mkdtempSync(join(tmpdir(), 'coursepack-repro-'));
    try {
      const cli = pathToFileURL(resolve(ROOT, 'src/cli/main.ts')).href;
      const buildIn = async (dir: string, env: Record<string, string>) => {
        const script = `import { main } from ${JSON.stringify(cli)}; process.exitCode = await main(${JSON.stringify(['build', course, '--out', dir, '--json', '--target', 'scorm12,scorm2004,xapi,cmi5,web'])});`;
        const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, ...env } });
        return JSON.parse(stdout) as { packages: Array<{ path: string; sha256: string }> };
      };
      const a = await buildIn(join(out, 'a'), { TZ: 'UTC', LANG: 'C.UTF-8' });
      const b = await buildIn(join(out, 'b'), { TZ: 'Pacific/Kiritimati', LANG: 'fr_FR.UTF-8' });
      expect(a.packages.length).toBeGreaterThan(0);
      expect(b.packages.map((p) => p.sha256)).toEqual(a.packages.map((p) => p.sha256));
      a.packages.forEach((p, i) => expect(readFileSync(resolve(ROOT, b.packages[i]!.path)).equals(readFileSync(resolve(ROOT, p.path)))).toBe(true));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
