/**
 * The first sheet of an Office Open XML workbook (.xlsx) as rows of cell texts.
 *
 * Moodle writes .xlsx with PhpSpreadsheet (lib/excellib.class.php): texts in xl/sharedStrings.xml
 * referenced by `t="s"` cells, numbers as `<v>` without `t`, an empty cell as a styled `<c/>`
 * without value, a formula (text beginning with `=`) as `<f>` without its `=`. Other writers use
 * inline strings (`t="inlineStr"`), rich text runs and skip cells (the `r` reference places them).
 * Control characters are escaped as `_xHHHH_` in both string forms.
 */
import { MAX_COLUMNS, parseXmlPart, SpreadsheetError, wholeNumber, Grid } from './sheet-grid.js';

/** `_x000D_`-style escapes of OOXML strings (ECMA-376 ST_Xstring); `_x005F_` escapes the underscore. */
export const unescapeOoxml = (text: string) => text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The element name without its prefix: some writers (the Open XML SDK) write `x:row`, `x:c`. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** "AB12" → column 27 (0-based) and row 11 (0-based). */
export function cellReference(ref: string): { column: number; row: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) throw new SpreadsheetError(`the cell reference "${ref}" is not a column and row such as B7`);
  const column = [...m[1]!.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  if (column >= MAX_COLUMNS) throw new SpreadsheetError(`the cell reference "${ref}" lies beyond the last column`);
  return { column, row: Number(m[2]) - 1 };
}

/** Text of `<si>`/`<is>` string items: their `<t>` runs, without phonetic guides (`<rPh>`). */
function stringItems(part: string, bytes: Uint8Array, item: 'si'): string[] {
  const items: string[] = [];
  let current: string[] | null = null;
  let inT = 0;
  let inPhonetic = 0;
  parseXmlPart(part, bytes, {
    open(qname) {
      const name = local(qname);
      if (name === item) current = [];
      else if (name === 'rPh') inPhonetic++;
      else if (name === 't' && current && !inPhonetic) inT++;
    },
    close(qname) {
      const name = local(qname);
      if (name === item && current) items.push(unescapeOoxml(current.join(''))), (current = null);
      else if (name === 'rPh') inPhonetic--;
      else if (name === 't' && inT) inT--;
    },
    text(t) {
      if (current && inT) current.push(t);
    },
  });
  return items;
}

export const readSharedStrings = (bytes: Uint8Array) => stringItems('xl/sharedStrings.xml', bytes, 'si');

/** A number as the text download has it: Excel's 17-digit float noise (0.10000000000000001) shortened. */
function numberText(v: string): string {
  const digits = v.replace(/[eE].*$/, '').replace(/\D/g, '').replace(/^0+/, '');
  return digits.length > 15 && Number.isFinite(Number(v)) ? String(Number(v)) : v;
}

export function readXlsxSheet(part: string, bytes: Uint8Array, shared: string[]): string[][] {
  const grid = new Grid();
  let row = -1;
  let nextColumn = 0;
  let cell: { row: number; column: number; type: string; v: string[] | null; f: string[] | null; inline: string[] | null } | null = null;
  let into: string[] | null = null;
  let inPhonetic = 0;
  parseXmlPart(part, bytes, {
    open(qname, a) {
      const name = local(qname);
      if (name === 'row') {
        row = a.r === undefined ? row + 1 : wholeNumber(a.r, 0, 'a row number') - 1;
        nextColumn = 0;
      } else if (name === 'c') {
        const at = a.r === undefined ? { row: Math.max(row, 0), column: nextColumn } : cellReference(a.r);
        cell = { ...at, type: a.t ?? 'n', v: null, f: null, inline: null };
        nextColumn = at.column + 1;
      } else if (cell && name === 'v') into = cell.v = [];
      else if (cell && name === 'f') into = cell.f = [];
      else if (cell && name === 'is') cell.inline = [];
      else if (cell && name === 'rPh') inPhonetic++;
      else if (cell?.inline && name === 't' && !inPhonetic) into = cell.inline;
    },
    close(qname) {
      const name = local(qname);
      if (name === 'v' || name === 'f' || name === 't') into = null;
      else if (name === 'rPh') inPhonetic--;
      else if (name === 'c' && cell) {
        grid.set(cell.row, cell.column, cellText(cell, shared));
        cell = null;
      }
    },
    text(t) {
      if (into && !inPhonetic) into.push(t);
    },
  });
  return grid.rows();
}

function cellText(cell: { row: number; column: number; type: string; v: string[] | null; f: string[] | null; inline: string[] | null }, shared: string[]): string {
  const v = cell.v?.join('') ?? '';
  const f = cell.f?.join('') ?? '';
  // Moodle writes text beginning with "=" as a formula: the formula is the text it had.
  if (f) return `=${f.replace(/\b_xl(fn|ws)\./g, '')}`;
  switch (cell.type) {
    case 's': {
      if (cell.v === null || v.trim() === '') return '';
      const i = wholeNumber(v, 0, 'a shared string index');
      if (i >= shared.length) throw new SpreadsheetError(`a cell refers to shared string ${i}, but xl/sharedStrings.xml holds ${shared.length}`);
      return shared[i]!;
    }
    case 'inlineStr':
      return unescapeOoxml(cell.inline?.join('') ?? '');
    case 'str':
      return unescapeOoxml(v);
    case 'b':
      return v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : v;
    case 'n':
      return numberText(v.trim());
    default: // e (error), d (date): as written
      return v;
  }
}
