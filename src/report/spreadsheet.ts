/**
 * Moodle's ODS and Excel (.xlsx) downloads as rows of cell texts, the same rows the text download
 * gives (moodle-source.ts reads both). Both formats are zip files of XML; they are read with fflate
 * (unzip) and sax, no spreadsheet library: see the commit that added this file for why.
 * A file that is not such a zip, or whose XML is malformed, is a `report-spreadsheet` diagnostic.
 */
import { unzipSync } from 'fflate';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { readOdsContent } from './ods-reader.js';
import { parseXmlPart, SpreadsheetError } from './sheet-grid.js';
import { readSharedStrings, readXlsxSheet } from './xlsx-reader.js';

/** Largest part unzipped: a Moodle report of thousands of learners stays far below. */
const MAX_PART_BYTES = 256 * 1024 * 1024;

export const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
const isOldExcel = (bytes: Uint8Array) => bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;

export type SpreadsheetRead = { rows: string[][]; format: 'ods' | 'xlsx' } | { diagnostic: Diagnostic };

export function readSpreadsheet(bytes: Uint8Array, file: string): SpreadsheetRead {
  try {
    return readParts(bytes);
  } catch (error) {
    if (!(error instanceof SpreadsheetError)) throw error;
    return { diagnostic: diag('report-spreadsheet', error.message, { file, line: 1, column: 1 }) };
  }
}

function readParts(bytes: Uint8Array): { rows: string[][]; format: 'ods' | 'xlsx' } {
  if (isOldExcel(bytes)) throw new SpreadsheetError('this is an Excel 97-2003 (.xls) file, which is not read: Moodle downloads .xlsx; open it and save it as .xlsx or as tab-separated text');
  if (!isZip(bytes)) throw new SpreadsheetError('this is not an ODS or .xlsx spreadsheet (those are zip files); give the file Moodle downloaded, unchanged');
  const names = new Set<string>();
  let parts: Record<string, Uint8Array>;
  const wanted = (name: string) => name === 'content.xml' || name === 'mimetype' || /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|worksheets\/[^/]+\.xml)$/.test(name);
  try {
    parts = unzipSync(bytes, {
      filter: (f) => {
        names.add(f.name);
        if (wanted(f.name) && f.originalSize > MAX_PART_BYTES) throw new SpreadsheetError(`${f.name} unzips to ${Math.round(f.originalSize / 1048576)} MB, more than a Moodle report holds`);
        return wanted(f.name);
      },
    });
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw new SpreadsheetError(`the zip file is damaged (${error instanceof Error ? error.message : String(error)}): download it again`);
  }
  if (parts['content.xml']) return { rows: readOdsContent(parts['content.xml']), format: 'ods' };
  if (parts['xl/workbook.xml']) return { rows: readXlsx(parts), format: 'xlsx' };
  throw new SpreadsheetError(`the zip holds neither content.xml (ODS) nor xl/workbook.xml (.xlsx) (found: ${[...names].slice(0, 6).join(', ') || 'nothing'})`);
}

/** The first sheet of the workbook, found through workbook.xml and its relationships. */
function readXlsx(parts: Record<string, Uint8Array>): string[][] {
  let firstSheet: string | undefined;
  parseXmlPart('xl/workbook.xml', parts['xl/workbook.xml']!, {
    open(name, a) {
      if (name === 'sheet' || name.endsWith(':sheet')) firstSheet ??= a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    },
    close() {},
    text() {},
  });
  const targets = new Map<string, string>();
  let sharedTarget: string | undefined;
  const rels = parts['xl/_rels/workbook.xml.rels'];
  if (rels)
    parseXmlPart('xl/_rels/workbook.xml.rels', rels, {
      open(name, a) {
        if (name !== 'Relationship' || !a.Target) return;
        const target = a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`;
        if (a.Id) targets.set(a.Id, target);
        if (a.Type?.endsWith('/sharedStrings')) sharedTarget = target;
      },
      close() {},
      text() {},
    });
  const sheetPart = (firstSheet && targets.get(firstSheet)) ?? 'xl/worksheets/sheet1.xml';
  const sheet = parts[sheetPart];
  if (!sheet) throw new SpreadsheetError(`the workbook's first sheet (${sheetPart}) is missing from the zip`);
  const sharedBytes = parts[sharedTarget ?? 'xl/sharedStrings.xml'];
  return readXlsxSheet(sheetPart, sheet, sharedBytes ? readSharedStrings(sharedBytes) : []);
}
