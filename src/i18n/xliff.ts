/**
 * XLIFF 1.2, the subset coursepack writes: one <file> per course source file, one <trans-unit> per
 * text, the text as escaped character data (never markup), whitespace preserved. Serialised by
 * xml-js from an element tree.
 */
import { js2xml, type Element } from 'xml-js';

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:1.2';
export const XLIFF_VERSION = '1.2';

/** Target states that mean "not done yet": a target in one of them is not taken as reviewed. */
export const UNFINISHED_STATES = new Set(['new', 'needs-translation', 'needs-adaptation', 'needs-l10n', 'needs-review-translation', 'needs-review-adaptation', 'needs-review-l10n']);

export interface XliffUnit {
  /** `<course file>#<data path>` */
  id: string;
  source: string;
  target?: string;
  /** XLIFF 1.2 target state, e.g. translated, needs-review-translation. */
  state?: string;
  /** A note for the translator. */
  note?: string;
}

export interface XliffFile {
  /** Course-relative path of the source file. */
  original: string;
  units: XliffUnit[];
}

export interface XliffDocument {
  courseId: string;
  sourceLanguage: string;
  targetLanguage: string;
  /** Shown to translators in the header of the first file. */
  note?: string;
  files: XliffFile[];
}

const el = (name: string, attributes: Record<string, string> = {}, elements: Element[] = []): Element => ({
  type: 'element',
  name,
  ...(Object.keys(attributes).length ? { attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, escapeAttribute(v)])) } : {}),
  ...(elements.length ? { elements } : {}),
});

// xml-js turns "&amp;" back into "&" before escaping text; escaping "&" first makes that step exact.
const text = (value: string): Element[] => (value === '' ? [] : [{ type: 'text', text: value.replace(/&/g, '&amp;') }]);

/** xml-js escapes only `"` in attributes. */
const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

function unitElement(unit: XliffUnit): Element {
  const children = [el('source', {}, text(unit.source))];
  if (unit.target !== undefined) children.push(el('target', unit.state ? { state: unit.state } : {}, text(unit.target)));
  if (unit.note) children.push(el('note', { from: 'coursepack' }, text(unit.note)));
  return el('trans-unit', { id: unit.id, 'xml:space': 'preserve' }, children);
}

export function writeXliff(doc: XliffDocument): string {
  const files = doc.files.map((f, i) =>
    el(
      'file',
      { original: f.original, 'source-language': doc.sourceLanguage, 'target-language': doc.targetLanguage, datatype: 'plaintext', 'product-name': doc.courseId },
      [el('header', {}, [el('tool', { 'tool-id': 'coursepack', 'tool-name': 'coursepack' }), ...(doc.note && i === 0 ? [el('note', {}, text(doc.note))] : [])]), el('body', {}, f.units.map(unitElement))],
    ),
  );
  const root: Element = {
    declaration: { attributes: { version: '1.0', encoding: 'UTF-8' } },
    elements: [el('xliff', { version: XLIFF_VERSION, xmlns: XLIFF_NS }, files)],
  };
  // A carriage return in text would be read back as a line feed: write it as a character reference.
  return `${js2xml(root, { spaces: 2, textFn: (value: string) => value.replace(/\r/g, '&#13;') })}\n`;
}

/** The first character XML 1.0 cannot carry, or -1. */
export function invalidXmlCharIndex(value: string): number {
  const match = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.exec(value);
  return match ? match.index : -1;
}
