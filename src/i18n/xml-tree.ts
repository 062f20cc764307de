/**
 * A small XML element tree with the line and column of every element, parsed by sax (the parser
 * under xml-js, which does not expose positions). The first well-formedness error is reported.
 */
import sax from 'sax';
import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/index.js';
import { lineIndex } from '../diagnostics/line-index.js';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  /** Text (character data and CDATA, entities resolved) and child elements, in document order. */
  children: Array<XmlElement | string>;
  at: SourcePosition;
}

/** Decodes the bytes of an XML file: UTF-8 (with or without BOM), or UTF-16 with a BOM. */
export function decodeXml(file: string, bytes: Uint8Array, out: Diagnostic[]): string | null {
  const bom16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  try {
    const text = new TextDecoder(bom16 ?? 'utf-8', { fatal: true }).decode(bytes);
    const declared = /^<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1]?.toLowerCase();
    if (declared && !/^(utf-8|utf8|utf-16|utf-16le|utf-16be)$/.test(declared)) {
      out.push(diag('xliff-invalid', `the file is encoded as ${declared}; coursepack reads UTF-8 or UTF-16`, { file, line: 1, column: 1 }, { hint: 'Export the XLIFF file as UTF-8 from your translation tool.' }));
      return null;
    }
    // XML parsers read CR LF and lone CR as LF; sax leaves that to us.
    return text.replace(/\r\n?/g, '\n');
  } catch {
    out.push(diag('xliff-invalid', 'the file is not UTF-8 or UTF-16 text', { file, line: 1, column: 1 }, { hint: 'Export the XLIFF file as UTF-8 from your translation tool.' }));
    return null;
  }
}

/** The root element, or null after reporting the first syntax error. */
export function parseXml(file: string, text: string, out: Diagnostic[]): XmlElement | null {
  const at = lineIndex(text);
  const positionAt = (offset: number): SourcePosition => ({ file, ...at(offset) });

  const parser = sax.parser(true, { position: true, trim: false, normalize: false, xmlns: false });
  const stack: XmlElement[] = [];
  let root = null as XmlElement | null;
  let failure = null as Diagnostic | null;
  const addText = (value: string) => {
    const top = stack[stack.length - 1];
    if (top) top.children.push(value);
  };
  parser.onopentag = (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes, children: [], at: positionAt(parser.startTagPosition - 1) };
    const top = stack[stack.length - 1];
    if (top) top.children.push(element);
    else root ??= element;
    stack.push(element);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.ontext = addText;
  parser.oncdata = addText;
  parser.onerror = (error) => {
    if (!failure) {
      const message = error.message.split('\n')[0]!.replace(/\.$/, '');
      failure = diag('xliff-syntax', `not well-formed XML: ${message[0]!.toLowerCase()}${message.slice(1)}`, { file, line: parser.line + 1, column: Math.max(1, parser.column) });
    }
    throw error;
  };
  try {
    parser.write(text).close();
  } catch {
    // reported through onerror
  }
  if (failure) {
    out.push(failure);
    return null;
  }
  if (!root) {
    out.push(diag('xliff-syntax', 'the file holds no XML element', { file, line: 1, column: 1 }));
    return null;
  }
  return root;
}

/** The element name without a namespace prefix, or null for a prefixed (foreign) element. */
export const localName = (element: XmlElement): string | null => (element.name.includes(':') ? null : element.name);

export const childElements = (element: XmlElement, name?: string): XmlElement[] =>
  element.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
