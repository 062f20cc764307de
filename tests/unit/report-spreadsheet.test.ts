/**
 * Moodle's ODS and Excel (.xlsx) downloads of the Interactions report give exactly the figures of
 * its text download. The spreadsheet fixtures are regenerated here from the text fixture by their
 * maker (tests/fixtures/report/moodle-spreadsheets.ts, written as Moodle's writers write), so they
 * stay in step with it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { ReportFigures } from '../../src/report/figures.js';
import { readSpreadsheet } from '../../src/report/spreadsheet.js';
import { moodleOds, moodleXlsx, rowsOfTextDownload } from '../fixtures/report/moodle-spreadsheets.js';
import { testdir } from '../support/testdir.js';

const DIR = resolve(import.meta.dirname, '../fixtures/report');
const COURSE = resolve(DIR, 'course');
const TEXT = readFileSync(resolve(DIR, 'moodle-interactions-en.txt'), 'utf8');

async function report(cwd: string, from: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['report', COURSE, '--from', from, '--lang', 'en', '--json'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, color: false });
  return { code, stderr: err.join(''), figures: code === 0 ? (JSON.parse(out.join('')) as ReportFigures) : undefined };
}

const entries = (bytes: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));

describe('report from Moodle\'s ODS and Excel downloads', () => {
  it.each([
    ['moodle-interactions-en.ods', moodleOds],
    ['moodle-interactions-en.xlsx', moodleXlsx],
  ])('%s is what its maker writes from the text download', (name, make) => {
    expect(entries(readFileSync(resolve(DIR, name)))).toEqual(entries(make(TEXT)));
  });

  it.each(['moodle-interactions-en.ods', 'moodle-interactions-en.xlsx'])('%s gives the same cells and the same figures as the text download', async (name) => {
    const sheet = readSpreadsheet(readFileSync(resolve(DIR, name)), name);
    // The same cells; a spreadsheet row simply ends at its last filled cell.
    const trimmed = rowsOfTextDownload(TEXT).map((row) => row.join('\t').replace(/\t+$/, '').split('\t'));
    expect('rows' in sheet && sheet.rows).toEqual(trimmed);
    const text = await report(DIR, 'moodle-interactions-en.txt');
    const spreadsheet = await report(DIR, name);
    expect(text.code, text.stderr).toBe(0);
    expect(spreadsheet.code, spreadsheet.stderr).toBe(0);
    expect(spreadsheet.stderr).toBe(text.stderr);
    expect(spreadsheet.figures).toEqual(text.figures);
    expect(spreadsheet.figures!.source.learners).toBeGreaterThan(10);
    expect(spreadsheet.figures!.questions.filter((q) => !q.hidden).length).toBe(8);
  });

  it('reads a spreadsheet by its content whatever its name', async () => {
    const dir = testdir({});
    const { writeFileSync } = await import('node:fs');
    writeFileSync(resolve(dir, 'export.download'), moodleXlsx(TEXT));
    const renamed = await report(dir, 'export.download');
    const text = await report(DIR, 'moodle-interactions-en.txt');
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.figures).toEqual(text.figures);
  });
});
