/** XLIFF 1.2 written and read back: texts survive exactly, problems are placed in the file. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { writeXliff, type XliffDocument } from '../../src/i18n/xliff.js';
import { readXliff } from '../../src/i18n/xliff-read.js';

const where = (d: Diagnostic) => ({ code: d.code, file: d.file, line: d.line, column: d.column });

const TRICKY = [
  'Plain text',
  'Markdown **bold**, *italic*, `<code> & "quotes"`, [a link](#page-id?x=1&y=2) and ![alt](assets/a.svg)',
  'Literal entity &amp; and &lt;b&gt; stay literal; so does ]]> and <![CDATA[x]]>',
  'Line one\nline two\n\n- item\n- item\n',
  '  leading and trailing spaces  ',
  'Tab\there, CR\r\nthere',
  'Łódź, Häme, Għawdex, emoji 🙂',
];

function doc(units: XliffDocument['files'][number]['units']): XliffDocument {
  return { courseId: 'sample', sourceLanguage: 'en', targetLanguage: 'pl', files: [{ original: 'modules/one.yaml', units }] };
}

const read = (xml: string) => {
  const out: Diagnostic[] = [];
  return { result: readXliff('pl.xlf', Buffer.from(xml), out), out };
};

describe('writing and reading XLIFF 1.2', () => {
  it('keeps every text exactly, Markdown and whitespace included', () => {
    const units = TRICKY.map((text, i) => ({ id: `modules/one.yaml#pages.${i}.title`, source: text, target: `${text} (pl)`, state: 'translated' }));
    const { result, out } = read(writeXliff(doc(units)));
    expect(out).toEqual([]);
    expect(result!.files[0]!.units.map((u) => [u.id, u.source, u.target])).toEqual(units.map((u) => [u.id, u.source, u.target]));
  });

  it('writes a file that declares XLIFF 1.2, the languages and the course', () => {
    const xml = writeXliff(doc([{ id: 'modules/one.yaml#title', source: 'One' }]));
    expect(xml).toContain('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">');
    expect(xml).toContain('<file original="modules/one.yaml" source-language="en" target-language="pl" datatype="plaintext" product-name="sample">');
    expect(xml).toContain('<trans-unit id="modules/one.yaml#title" xml:space="preserve">');
    expect(xml).not.toContain('<target');
  });

  it('reads segment markers that CAT tools add, and whether the target is finished', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a" source-language="en" target-language="pl-PL" datatype="plaintext">
    <body>
      <group id="g1">
        <trans-unit id="x#a" xml:space="preserve">
          <source>One. Two.</source>
          <seg-source><mrk mtype="seg" mid="1">One.</mrk> <mrk mtype="seg" mid="2">Two.</mrk></seg-source>
          <target state="needs-review-translation"><mrk mtype="seg" mid="1">Jeden.</mrk> <mrk mtype="seg" mid="2"><g id="1">Dwa.</g></mrk></target>
        </trans-unit>
      </group>
      <trans-unit id="x#b" approved="yes"><source>B</source><target>Be</target></trans-unit>
      <trans-unit id="x#c"><source>C</source><target/></trans-unit>
    </body>
  </file>
</xliff>`;
    const { result, out } = read(xml);
    expect(out).toEqual([]);
    expect(result!.files[0]!.targetLanguage).toBe('pl-PL');
    expect(result!.files[0]!.units.map((u) => [u.id, u.target, u.finished])).toEqual([
      ['x#a', 'Jeden. Dwa.', false],
      ['x#b', 'Be', true],
      ['x#c', undefined, false],
    ]);
  });

  it('accepts a byte-order mark and CR LF line ends', () => {
    const xml = writeXliff(doc([{ id: 'modules/one.yaml#title', source: 'a\nb', target: 'c\nd' }])).replace(/\n/g, '\r\n');
    const out: Diagnostic[] = [];
    const result = readXliff('pl.xlf', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]), out);
    expect(out).toEqual([]);
    expect(result!.files[0]!.units[0]).toMatchObject({ source: 'a\nb', target: 'c\nd' });
  });
});

describe('problems in an XLIFF file', () => {
  const good = writeXliff(doc([{ id: 'modules/one.yaml#title', source: 'One', target: 'Jeden' }]));
  // line 8: <trans-unit …>, line 9: <source>One</source>, line 10: <target>Jeden</target>

  it('reports the first XML error where it is', () => {
    const { result, out } = read(good.replace('</target>', '</targt>'));
    expect(result).toBeNull();
    expect(out.map(where)).toEqual([{ code: 'xliff-syntax', file: 'pl.xlf', line: 10, column: 29 }]);
  });

  it('reports an unescaped ampersand at its line', () => {
    const { out } = read(good.replace('>Jeden<', '>Jeden & Dwa<'));
    expect(out.map(where)).toEqual([{ code: 'xliff-syntax', file: 'pl.xlf', line: 10, column: 24 }]);
  });

  it('refuses XLIFF 2.0 at the root element', () => {
    const { out } = read('<?xml version="1.0"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="pl"/>\n');
    expect(out.map(where)).toEqual([{ code: 'xliff-invalid', file: 'pl.xlf', line: 2, column: 1 }]);
    expect(out[0]!.message).toContain('XLIFF 2.0');
  });

  it('refuses inline codes coursepack never writes, at the code', () => {
    const { out } = read(good.replace('>Jeden<', '>Je<ph id="1">&lt;b&gt;</ph>den<'));
    expect(out.map(where)).toEqual([{ code: 'xliff-invalid', file: 'pl.xlf', line: 10, column: 19 }]);
  });

  it('reports a unit that appears twice, at the second one', () => {
    const unit = good.slice(good.indexOf('      <trans-unit'), good.indexOf('</trans-unit>') + '</trans-unit>'.length);
    const { out } = read(good.replace(unit, `${unit}\n${unit}`));
    expect(out.map(where)).toEqual([{ code: 'xliff-invalid', file: 'pl.xlf', line: 12, column: 7 }]);
  });

  it('needs the source and target languages of each file', () => {
    const { out } = read(good.replace(' target-language="pl"', ''));
    expect(out.map(where)).toEqual([{ code: 'xliff-invalid', file: 'pl.xlf', line: 3, column: 3 }]);
  });
});
