/**
 * The counsellor training through the studio's server: every file opened and given a no-op set of
 * every top-level key comes back byte for byte, and a one-field edit changes only that field's lines.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lineDiff } from '../support/line-diff.js';
import { openStudio } from '../support/studio.js';

const COURSE = join(import.meta.dirname, '../../courses/counsellor-training');
let copy: string | undefined;
afterEach(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
  copy = undefined;
});

function courseCopy(): string {
  copy = mkdtempSync(join(tmpdir(), 'coursepack-studio-ct-'));
  cpSync(COURSE, copy, { recursive: true });
  return copy;
}

describe('the counsellor training in the studio', () => {
  it('round-trips: a no-op set of every top-level key of every file leaves the bytes identical', async () => {
    const dir = courseCopy();
    const s = await openStudio({ courseDir: dir });
    const { files } = (await s.json('/api/course')).body;
    expect(files).toHaveLength(9);
    for (const { path } of files) {
      const file = (await s.json(`/api/file?path=${path}`)).body;
      const ops = Object.entries(file.data).map(([key, value]) => ({ op: 'set', path: [key], value }));
      const edit = await s.json('/api/edit', { method: 'POST', body: JSON.stringify({ path, baseVersion: file.version, ops }) });
      expect([path, edit.status, edit.body.version]).toEqual([path, 200, file.version]);
      expect(readFileSync(join(dir, path)).equals(readFileSync(join(COURSE, path)))).toBe(true);
    }
  });

  it('a one-field edit changes only that field\'s lines', async () => {
    const dir = courseCopy();
    const s = await openStudio({ courseDir: dir });
    const path = 'modules/03-routes.yaml';
    const file = (await s.json(`/api/file?path=${path}`)).body;
    const edit = await s.json('/api/edit', { method: 'POST', body: JSON.stringify({ path, baseVersion: file.version, ops: [{ op: 'set', path: ['pages', 1, 'title', 'en'], value: 'A new title' }] }) });
    const diff = lineDiff(file.text, readFileSync(join(dir, path), 'utf8'));
    // The field was double-quoted: the new text is too.
    expect(diff.removed).toEqual(['      en: "Trying it out: free introductions and MOOCs"']);
    expect(diff.added).toEqual(['      en: "A new title"']);
    expect(edit.body.data.pages[1].title.en).toBe('A new title');
  });
});
