/** A Moodle Interactions report download on disk, in any of Moodle's three formats: text, ODS, Excel. */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { CourseIndex } from './course-index.js';
import { readMoodleExport, readMoodleRows, type MoodleRead } from './moodle-source.js';
import { isZip, readSpreadsheet } from './spreadsheet.js';

/** Moodle's ODS or Excel download: by its name, or by its first bytes (a zip) whatever its name. */
export function isSpreadsheetFile(path: string): boolean {
  if (/\.(ods|xlsx?)$/i.test(path)) return true;
  const head = new Uint8Array(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return isZip(head);
}

/** The export's answers: the text download parsed, or a spreadsheet's cells (else its diagnostic). */
export function readMoodleFile(path: string, file: string, index: CourseIndex, lang: string | undefined): MoodleRead {
  if (!isSpreadsheetFile(path)) return readMoodleExport(readFileSync(path, 'utf8'), file, index, lang);
  const sheet = readSpreadsheet(readFileSync(path), file);
  if ('diagnostic' in sheet) return { events: [], identities: new Map(), lacks: ['pages', 'time'], notes: [], diagnostics: [sheet.diagnostic] };
  return readMoodleRows(sheet.rows, file, index, lang);
}
