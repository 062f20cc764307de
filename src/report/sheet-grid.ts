/**
 * What the ODS and .xlsx readers share: the grid of cell texts they fill, the error they throw on a
 * malformed file (turned into a `report-spreadsheet` diagnostic by spreadsheet.ts), and a sax
 * parser that reports XML errors with their part and line.
 */
import sax from 'sax';

/** A malformed or unreadable spreadsheet; the message says what and where, for the learner's designer. */
export class SpreadsheetError extends Error {}

/** Most cells a report may fill: far above any Moodle report, far below what exhausts memory. */
export const MAX_CELLS = 5_000_000;
/** Columns of a sheet (the limit of both formats' applications). */
export const MAX_COLUMNS = 16_384;

/**
 * Rows of cell texts, placed by row and column. Empty cells are never stored, so a row or column
 * repeated a million times while empty (what spreadsheet applications write to the sheet's end)
 * costs nothing; trailing empty cells and wholly empty rows do not appear in `rows()`.
 */
export class Grid {
  private readonly cells = new Map<number, Map<number, string>>();
  private count = 0;

  set(row: number, column: number, text: string): void {
    if (text === '') return;
    if (column >= MAX_COLUMNS) throw new SpreadsheetError(`a cell lies beyond column ${MAX_COLUMNS}, the last a spreadsheet has`);
    if (++this.count > MAX_CELLS) throw new SpreadsheetError(`the sheet holds more than ${MAX_CELLS} cells, far more than a Moodle report`);
    let line = this.cells.get(row);
    if (!line) this.cells.set(row, (line = new Map()));
    line.set(column, text);
  }

  rows(): string[][] {
    return [...this.cells.keys()]
      .sort((a, b) => a - b)
      .map((r) => {
        const line = this.cells.get(r)!;
        const out = Array<string>(Math.max(...line.keys()) + 1).fill('');
        for (const [c, text] of line) out[c] = text;
        return out;
      });
  }
}

export interface SaxHandlers {
  open: (name: string, attributes: Record<string, string>) => void;
  close: (name: string) => void;
  text: (text: string) => void;
}

/** Parses one XML part of the zip with sax (strict, no namespaces resolved: names keep their prefix). */
export function parseXmlPart(part: string, bytes: Uint8Array, handlers: SaxHandlers): void {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SpreadsheetError(`${part} is not UTF-8 text`);
  }
  const parser = sax.parser(true, { trim: false, normalize: false, xmlns: false, position: true });
  let failure: SpreadsheetError | null = null;
  parser.onopentag = (tag) => handlers.open(tag.name, tag.attributes as Record<string, string>);
  parser.onclosetag = (name) => handlers.close(name);
  parser.ontext = (t) => handlers.text(t);
  parser.oncdata = (t) => handlers.text(t);
  parser.onerror = (error) => {
    failure ??= new SpreadsheetError(`${part} is not well-formed XML (line ${parser.line + 1}): ${error.message.split('\n')[0]!.replace(/\.$/, '')}`);
    throw failure;
  };
  try {
    parser.write(text.replace(/^\uFEFF/, '')).close();
  } catch (error) {
    if (failure) throw failure;
    throw error;
  }
}

/** A whole number attribute (a repeat count, an index), or the fallback when absent. */
export function wholeNumber(value: string | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value.trim())) throw new SpreadsheetError(`${what} is "${value}", not a whole number`);
  return Number(value.trim());
}
