/**
 * The first sheet of an OpenDocument spreadsheet (content.xml) as rows of cell texts.
 *
 * Moodle's writer (lib/odslib.class.php) writes every cell of the table: `office:value-type="float"`
 * with the number as written in `office:value` and in the text, `"string"` with the text in one
 * `text:p`, a bare `<table:table-cell/>` where nothing was written, and a formula cell (text
 * beginning with `=` or `@`) as `table:formula="of:…"` without a value. Applications that re-save
 * the file add what ODF allows besides: `table:number-columns-repeated` and
 * `table:number-rows-repeated`, several paragraphs, `text:s`/`text:tab`/`text:line-break`, spans,
 * links, comments (`office:annotation`, not cell text) and covered cells of merged areas.
 */
import { Grid, MAX_CELLS, parseXmlPart, SpreadsheetError, wholeNumber } from './sheet-grid.js';

const NUMBER_TYPES = new Set(['float', 'percentage', 'currency']);

export function readOdsContent(content: Uint8Array): string[][] {
  const grid = new Grid();
  let tables = 0; // table:table elements opened so far
  let depth = 0; // nesting of table:table (sub-tables are not read)
  let row = 0;
  let rowRepeat = 1;
  let rowCells: Array<{ column: number; repeat: number; text: string }> = [];
  let column = 0;
  let cell: { repeat: number; value?: string; formula?: string; parts: string[]; paragraphs: number } | null = null;
  let inParagraph = 0;
  let inAnnotation = 0;
  let done = false;

  const reading = () => tables === 1 && depth === 1 && !done;
  parseXmlPart('content.xml', content, {
    open(name, a) {
      if (name === 'table:table') {
        depth++;
        if (depth === 1) tables++;
        return;
      }
      if (!reading()) return;
      if (name === 'table:table-row') {
        rowRepeat = wholeNumber(a['table:number-rows-repeated'], 1, 'table:number-rows-repeated');
        rowCells = [];
        column = 0;
      } else if (name === 'table:table-cell' || name === 'table:covered-table-cell') {
        const repeat = wholeNumber(a['table:number-columns-repeated'], 1, 'table:number-columns-repeated');
        const type = a['office:value-type'];
        cell = { repeat, parts: [], paragraphs: 0 };
        if (type && NUMBER_TYPES.has(type) && a['office:value'] !== undefined) cell.value = a['office:value'];
        else if (!type && a['table:formula'] !== undefined) cell.formula = a['table:formula'].replace(/^of:/, '');
      } else if (cell && name === 'office:annotation') inAnnotation++;
      else if (cell && !inAnnotation) {
        if (name === 'text:p' || name === 'text:h') {
          if (cell.paragraphs++ > 0) cell.parts.push('\n');
          inParagraph++;
        } else if (inParagraph && name === 'text:s') cell.parts.push(' '.repeat(Math.min(wholeNumber(a['text:c'], 1, 'text:c'), 10_000)));
        else if (inParagraph && name === 'text:tab') cell.parts.push('\t');
        else if (inParagraph && name === 'text:line-break') cell.parts.push('\n');
      }
    },
    close(name) {
      if (name === 'table:table') {
        depth--;
        if (depth === 0 && tables === 1) done = true;
        return;
      }
      if (!reading()) return;
      if ((name === 'table:table-cell' || name === 'table:covered-table-cell') && cell) {
        const text = cell.value ?? cell.formula ?? cell.parts.join('');
        if (text !== '') rowCells.push({ column, repeat: cell.repeat, text });
        column += cell.repeat;
        cell = null;
      } else if (name === 'office:annotation') inAnnotation = Math.max(0, inAnnotation - 1);
      else if (name === 'text:p' || name === 'text:h') inParagraph = Math.max(0, inParagraph - 1);
      else if (name === 'table:table-row') {
        if (rowCells.length) {
          // A row with content repeated: each copy is a row (applications merge identical rows).
          const cells = rowCells.reduce((n, c) => n + c.repeat, 0);
          if (cells * rowRepeat > MAX_CELLS) throw new SpreadsheetError(`content.xml repeats a row into more than ${MAX_CELLS} cells, far more than a Moodle report`);
          for (let r = 0; r < rowRepeat; r++) for (const c of rowCells) for (let k = 0; k < c.repeat; k++) grid.set(row + r, c.column + k, c.text);
        }
        row += rowRepeat;
      }
    },
    text(t) {
      if (cell && inParagraph && !inAnnotation && reading()) cell.parts.push(t);
    },
  });
  if (tables === 0) throw new SpreadsheetError('content.xml holds no table: this is not a spreadsheet');
  return grid.rows();
}
