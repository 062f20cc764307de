/** Same sources, same bytes: across builds, time zones and file modification times. */
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXED_DATE } from '../../src/package/zip.js';
import { buildInMemory } from '../support/build.js';
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
});
