/**
 * The ODS and .xlsx cell readers (src/report/ods-reader.ts, xlsx-reader.ts, spreadsheet.ts): what
 * Moodle's writers and spreadsheet applications put in a sheet, read back as the cell texts the
 * text download has; malformed files are a `report-spreadsheet` diagnostic, never a crash.
 */
import { resolve } from 'node:path';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { readSpreadsheet } from '../../src/report/spreadsheet.js';
import { testdir } from '../support/testdir.js';

const ODS_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
const ods = (rowsXml: string, extra: Record<string, string> = {}) =>
  zipSync({
    mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
    'content.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODS_NS}><office:body><office:spreadsheet><table:table table:name="Report">${rowsXml}</table:table></office:spreadsheet></office:body></office:document-content>`),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
  });

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const xlsx = (sheetData: string, shared: string[] | null = null, sheetPath = 'worksheets/sheet1.xml') =>
  zipSync({
    'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Report" sheetId="1" r:id="rId7"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="${REL}/worksheet" Target="${sheetPath}"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    [`xl/${sheetPath}`]: strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`),
    ...(shared ? { 'xl/sharedStrings.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${shared.length}" uniqueCount="${shared.length}">${shared.join('')}</sst>`) } : {}),
  });

const rowsOf = (bytes: Uint8Array) => {
  const read = readSpreadsheet(bytes, 'x');
  if ('diagnostic' in read) throw new Error(read.diagnostic.message);
  return read.rows;
};
const problemOf = (bytes: Uint8Array) => {
  const read = readSpreadsheet(bytes, 'export.xlsx');
  if (!('diagnostic' in read)) throw new Error('expected a diagnostic');
  return read.diagnostic;
};

const cell = (text: string, attrs = '') => `<table:table-cell office:value-type="string"${attrs}><text:p>${text}</text:p></table:table-cell>`;

describe('ODS cells', () => {
  it.each<[string, string, string[][]]>([
    ['strings and numbers as Moodle writes them', `<table:table-row>${cell('Name')}<table:table-cell office:value-type="float" office:value="75"><text:p>75</text:p></table:table-cell></table:table-row>`, [['Name', '75']]],
    ['a number by its value, not its display', `<table:table-row><table:table-cell office:value-type="float" office:value="0.5"><text:p>0,50</text:p></table:table-cell></table:table-row>`, [['0.5']]],
    ['repeated columns with content', `<table:table-row>${cell('x', ' table:number-columns-repeated="3"')}${cell('y')}</table:table-row>`, [['x', 'x', 'x', 'y']]],
    ['empty cells, repeated or not, keep the columns', `<table:table-row>${cell('a')}<table:table-cell/><table:table-cell table:number-columns-repeated="2"/>${cell('b')}<table:table-cell table:number-columns-repeated="16379"/></table:table-row>`, [['a', '', '', '', 'b']]],
    ['a blank string cell, as Moodle writes an empty text', `<table:table-row>${cell('a')}${cell('')}${cell('c')}</table:table-row>`, [['a', '', 'c']]],
    ['a repeated row with content is that many rows; empty rows are dropped', `<table:table-row table:number-rows-repeated="2">${cell('r')}</table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>`, [['r'], ['r']]],
    ['XML entities and Moodle\'s own escaping', `<table:table-row>${cell('&amp;amp; &lt;b&gt; &#039;q&#039; &quot;d&quot; &#x263A;')}</table:table-row>`, [['&amp; <b> \'q\' "d" ☺']]],
    ['non-ASCII text', `<table:table-row>${cell('Élève — 学生 😀 Ωμέγα')}</table:table-row>`, [['Élève — 学生 😀 Ωμέγα']]],
    ['paragraphs, spaces, tabs, line breaks, spans and links', `<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="3"/>b<text:tab/>c</text:p><text:p><text:span>d</text:span><text:line-break/><text:a>e</text:a></text:p></table:table-cell></table:table-row>`, [['a   b\tc\nd\ne']]],
    ['a comment is not cell text', `<table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>note</text:p></office:annotation><text:p>v</text:p></table:table-cell></table:table-row>`, [['v']]],
    ['a formula cell as Moodle writes text beginning with "="', `<table:table-row><table:table-cell table:formula="of:=SUM(1)"></table:table-cell>${cell('z')}</table:table-row>`, [['=SUM(1)', 'z']]],
    ['covered cells of a merged area', `<table:table-row>${cell('m', ' table:number-columns-spanned="2"')}<table:covered-table-cell/>${cell('n')}</table:table-row>`, [['m', '', 'n']]],
    ['header rows and row groups', `<table:table-header-rows><table:table-row>${cell('h')}</table:table-row></table:table-header-rows><table:table-row-group><table:table-row>${cell('g')}</table:table-row></table:table-row-group>`, [['h'], ['g']]],
  ])('%s', (_, rowsXml, expected) => {
    expect(rowsOf(ods(rowsXml))).toEqual(expected);
  });

  it('reads the first sheet only', () => {
    const bytes = zipSync({
      'content.xml': strToU8(`<office:document-content ${ODS_NS}><office:body><office:spreadsheet><table:table><table:table-row>${cell('one')}</table:table-row></table:table><table:table><table:table-row>${cell('two')}</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`),
    });
    expect(rowsOf(bytes)).toEqual([['one']]);
  });
});

describe('.xlsx cells', () => {
  it.each<[string, string, string[] | null, string[][]]>([
    ['shared strings, numbers and styled empty cells as PhpSpreadsheet writes them', '<row r="1" spans="1:3"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="3"><v>75</v></c><c r="C1" s="4"/><c r="D1" s="2" t="s"><v>1</v></c></row>', ['<si><t>Name</t></si>', '<si><t>k-weeks</t></si>'], [['Name', '75', '', 'k-weeks']]],
    ['skipped cells and rows placed by their reference', '<row r="2"><c r="C2" t="s"><v>0</v></c></row><row r="4"><c r="AA4"><v>1</v></c></row>', ['<si><t>c</t></si>'], [[ '', '', 'c'], [...Array(26).fill(''), '1']]],
    ['cells and rows without references follow each other', '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row><row><c t="inlineStr"><is><t>b</t></is></c></row>', null, [['a', '2'], ['b']]],
    ['XML entities and Moodle\'s own escaping in shared strings', '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', ['<si><t>&amp;amp; &lt;b&gt; &#39;q&#39; &quot;d&quot;</t></si>'], [['&amp; <b> \'q\' "d"']]],
    ['non-ASCII text, inline and shared', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>学生 😀</t></is></c></row>', ['<si><t xml:space="preserve"> Élève </t></si>'], [[' Élève ', '学生 😀']]],
    ['rich text runs without phonetic guides', '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', ['<si><r><rPr><b/></rPr><t>bo</t></r><r><t>ld</t></r><rPh sb="0" eb="1"><t>ボ</t></rPh></si>'], [['bold']]],
    ['_xHHHH_ escapes of control characters and of the underscore', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>a_x0001_b</t></is></c></row>', ['<si><t>x_x000D_y _x005F_x0041_</t></si>'], [['x\ry _x0041_', 'a\u0001b']]],
    ['numbers as written, and Excel\'s float noise shortened', '<row r="1"><c r="A1"><v>2.0</v></c><c r="B1"><v>0.10000000000000001</v></c><c r="C1" t="n"><v>-3</v></c></row>', null, [['2.0', '0.1', '-3']]],
    ['a formula cell as Moodle writes text beginning with "="', '<row r="1"><c r="A1" t="e"><f>_xlfn.CONCAT(1)</f><v>#NAME?</v></c><c r="B1" t="str"><v>s</v></c><c r="C1" t="b"><v>1</v></c></row>', null, [['=CONCAT(1)', 's', 'TRUE']]],
  ])('%s', (_, sheetData, shared, expected) => {
    expect(rowsOf(xlsx(sheetData, shared))).toEqual(expected);
  });

  it('reads elements with a namespace prefix, as the Open XML SDK writes them', () => {
    const bytes = zipSync({
      'xl/workbook.xml': strToU8(`<x:workbook xmlns:x="${MAIN}"><x:sheets><x:sheet name="S" sheetId="1"/></x:sheets></x:workbook>`),
      'xl/worksheets/sheet1.xml': strToU8(`<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>i</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`),
      'xl/sharedStrings.xml': strToU8(`<x:sst xmlns:x="${MAIN}"><x:si><x:t>s</x:t></x:si></x:sst>`),
    });
    expect(rowsOf(bytes)).toEqual([['s', 'i']]);
  });

  it('finds the first sheet through the workbook relationships', () => {
    expect(rowsOf(xlsx('<row r="1"><c r="A1"><v>7</v></c></row>', null, 'worksheets/report.xml'))).toEqual([['7']]);
  });
});

describe('any grid reads back as written', () => {
  const text = fc.oneof(
    fc.constantFrom('', '', '0', '75', '0,2', 'correct', 'France Travail', '&amp;', '<b>', '"q"', "l'été", '学生', '😀', ' x ', '_x0041_'),
    fc.string({ unit: fc.constantFrom('a', 'é', ' ', '&', '<', '>', '"', "'", '_', 'x', '0', '1', '.', ',', '学', '😀'), maxLength: 12 }),
  );
  const grid = fc.array(fc.array(text, { maxLength: 8 }), { maxLength: 8 });
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#039;');
  /** What the readers give: rows end at their last filled cell; rows with nothing are dropped. */
  const expected = (rows: string[][]) => rows.map((r) => r.slice(0, r.reduce((last, c, i) => (c !== '' ? i + 1 : last), 0))).filter((r) => r.length);

  it('from ODS, with runs of equal cells written as repeated columns', () => {
    fc.assert(
      fc.property(grid, fc.boolean(), (rows, numbers) => {
        const xml = rows
          .map((row) => {
            const cells: string[] = [];
            for (let i = 0; i < row.length; ) {
              let n = 1;
              while (row[i + n] === row[i]) n++;
              const t = row[i]!;
              const repeat = n > 1 ? ` table:number-columns-repeated="${n}"` : '';
              if (t === '') cells.push(`<table:table-cell${repeat}/>`);
              else if (numbers && /^\d+$/.test(t)) cells.push(`<table:table-cell office:value-type="float" office:value="${t}"${repeat}><text:p>${t}</text:p></table:table-cell>`);
              else cells.push(cell(esc(t), repeat));
              i += n;
            }
            return `<table:table-row>${cells.join('')}<table:table-cell table:number-columns-repeated="1000"/></table:table-row>`;
          })
          .join('');
        expect(rowsOf(ods(xml))).toEqual(expected(rows));
      }),
    );
  });

  it('from .xlsx, with shared or inline strings', () => {
    fc.assert(
      fc.property(grid, fc.boolean(), (rows, inline) => {
        const shared: string[] = [];
        const ooxml = (t: string) => esc(t.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1'));
        const xml = rows
          .map((row, r) =>
            `<row r="${r + 1}">${row
              .map((t, c) => {
                const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
                if (t === '') return `<c r="${ref}" s="4"/>`;
                if (inline) return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${ooxml(t)}</t></is></c>`;
                shared.push(`<si><t xml:space="preserve">${ooxml(t)}</t></si>`);
                return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
              })
              .join('')}</row>`,
          )
          .join('');
        expect(rowsOf(xlsx(xml, shared))).toEqual(expected(rows));
      }),
    );
  });
});

describe('malformed spreadsheets are a diagnostic', () => {
  const goodXlsx = xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', ['<si><t>a</t></si>']);
  it.each<[string, Uint8Array, RegExp]>([
    ['not a zip', strToU8('Name\tAttempt\n'), /not an ODS or \.xlsx spreadsheet/],
    ['two bytes', strToU8('PK'), /not an ODS or \.xlsx/],
    ['an old Excel 97-2003 file', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /Excel 97-2003/],
    ['a truncated zip', goodXlsx.slice(0, goodXlsx.length - 40), /zip file is damaged/],
    ['a zip of something else', zipSync({ 'readme.txt': strToU8('hello') }), /neither content\.xml.*found: readme\.txt/],
    ['content.xml not well-formed', zipSync({ 'content.xml': strToU8(`<office:document-content ${ODS_NS}><table:table><table:table-row></table:table></office:document-content>`) }), /content\.xml is not well-formed XML \(line 1\)/],
    ['content.xml not UTF-8', zipSync({ 'content.xml': new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]) }), /content\.xml is not UTF-8/],
    ['content.xml without a table', zipSync({ 'content.xml': strToU8(`<office:document-content ${ODS_NS}/>`) }), /holds no table/],
    ['a repeat count that is not a number', ods(`<table:table-row>${cell('x', ' table:number-columns-repeated="many"')}</table:table-row>`), /number-columns-repeated is "many"/],
    ['a repeated row far beyond any report', ods(`<table:table-row table:number-rows-repeated="999999999">${cell('x', ' table:number-columns-repeated="100"')}</table:table-row>`), /more than 5000000 cells/],
    ['a cell beyond the last column', ods(`<table:table-row><table:table-cell table:number-columns-repeated="20000"/>${cell('x')}</table:table-row>`), /beyond column 16384/],
    ['a sheet not well-formed', xlsx('<row r="1"><c r="A1"><v>1</v></row>'), /xl\/worksheets\/sheet1\.xml is not well-formed XML/],
    ['a shared string that is not there', xlsx('<row r="1"><c r="A1" t="s"><v>3</v></c></row>', ['<si><t>a</t></si>']), /shared string 3, but xl\/sharedStrings\.xml holds 1/],
    ['a cell reference that is not one', xlsx('<row r="1"><c r="1A"><v>1</v></c></row>'), /cell reference "1A"/],
    ['a missing sheet', zipSync({ 'xl/workbook.xml': strToU8(`<workbook xmlns="${MAIN}"/>`) }), /first sheet \(xl\/worksheets\/sheet1\.xml\) is missing/],
  ])('%s', (_, bytes, message) => {
    const d = problemOf(bytes);
    expect(d.code).toBe('report-spreadsheet');
    expect(d.severity).toBe('error');
    expect(d.message).toMatch(message);
    expect(d).toMatchObject({ file: 'export.xlsx', line: 1, column: 1 });
  });

  const COURSE = resolve(import.meta.dirname, '../fixtures/report/course');
  const report = async (cwd: string, from: string) => {
    const err: string[] = [];
    const code = await run(['report', COURSE, '--from', from, '--json'], { stdout: () => {}, stderr: (t) => err.push(t), cwd, color: false });
    return { code, stderr: err.join('') };
  };

  it('the command exits 1 with the diagnostic at the file', async () => {
    const dir = testdir({ 'export.xlsx': goodXlsx.slice(0, 30), 'export.ods': 'PK' });
    for (const name of ['export.xlsx', 'export.ods']) {
      const result = await report(dir, name);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`${name.replace('.', '\\.')}:1:1\\s+error .*\\[report-spreadsheet\\]`));
    }
  });

  it('a spreadsheet without the report\'s columns is the same diagnostic as the text download\'s', async () => {
    const dir = testdir({ 'other.xlsx': goodXlsx });
    const result = await report(dir, 'other.xlsx');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/other\.xlsx:1:1\s+error .*"Attempt" and "Score".*\[report-moodle-columns\]/);
  });
});
