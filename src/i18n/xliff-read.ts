/**
 * Reads a translated XLIFF 1.2 file back, with the position of every file, unit, source and target
 * element, so each problem is reported where it is. Segment markers that CAT tools add (<mrk>, <g>)
 * are read through; inline codes coursepack never writes (<ph>, <x/>, <bpt>…) are errors.
 */
import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/index.js';
import { childElements, decodeXml, localName, parseXml, type XmlElement } from './xml-tree.js';
import { UNFINISHED_STATES } from './xliff.js';

export interface ReadUnit {
  id: string;
  source: string;
  /** Undefined when the unit has no target or an empty one. */
  target?: string;
  /** The translator finished it: no unfinished state, or approved="yes". */
  finished: boolean;
  at: SourcePosition;
  sourceAt: SourcePosition;
  /** Where the <target> element is, when there is one. */
  targetAt?: SourcePosition;
}

export interface ReadFile {
  original?: string;
  sourceLanguage: string;
  targetLanguage: string;
  courseId?: string;
  at: SourcePosition;
  units: ReadUnit[];
}

export interface ReadXliff {
  /** The file's text after decoding (for code frames). */
  text: string;
  files: ReadFile[];
}

/** Parses and checks the structure; null when anything is wrong (diagnostics pushed). */
export function readXliff(file: string, bytes: Uint8Array, out: Diagnostic[]): ReadXliff | null {
  const text = decodeXml(file, bytes, out);
  if (text === null) return null;
  const root = parseXml(file, text, out);
  if (!root) return null;
  const errors: Diagnostic[] = [];
  const invalid = (message: string, at: SourcePosition) => errors.push(diag('xliff-invalid', message, at));

  const version = root.attributes.version ?? '';
  if (root.name !== 'xliff') invalid(`the root element is <${root.name}>, not <xliff>`, root.at);
  else if (version.startsWith('2')) invalid(`this is XLIFF ${version}; coursepack reads XLIFF 1.2, the version it extracts`, root.at);
  else if (!/^1\.[0-2]$/.test(version)) invalid(`unsupported XLIFF version "${version}"`, root.at);
  if (errors.length) {
    out.push(...errors);
    return null;
  }

  const files: ReadFile[] = [];
  const seen = new Map<string, SourcePosition>();
  for (const f of childElements(root, 'file')) {
    const sourceLanguage = f.attributes['source-language'];
    const targetLanguage = f.attributes['target-language'];
    if (!sourceLanguage || !targetLanguage) {
      invalid(`<file> needs both source-language and target-language`, f.at);
      continue;
    }
    const units: ReadUnit[] = [];
    const body = childElements(f, 'body')[0];
    if (!body) invalid('<file> has no <body>', f.at);
    else collectUnits(body, units, seen, errors);
    files.push({ ...(f.attributes.original ? { original: f.attributes.original } : {}), sourceLanguage, targetLanguage, ...(f.attributes['product-name'] ? { courseId: f.attributes['product-name'] } : {}), at: f.at, units });
  }
  if (!files.length && !errors.length) invalid('the file holds no <file> element', root.at);
  if (errors.length) {
    out.push(...errors);
    return null;
  }
  return { text, files };
}

function collectUnits(container: XmlElement, units: ReadUnit[], seen: Map<string, SourcePosition>, errors: Diagnostic[]): void {
  for (const child of childElements(container)) {
    if (child.name === 'group') collectUnits(child, units, seen, errors);
    if (child.name !== 'trans-unit') continue;
    const id = child.attributes.id;
    const source = childElements(child, 'source')[0];
    if (!id) {
      errors.push(diag('xliff-invalid', '<trans-unit> has no id', child.at));
      continue;
    }
    const first = seen.get(id);
    if (first) {
      errors.push(diag('xliff-invalid', `unit "${id}" appears twice (first at line ${first.line})`, child.at));
      continue;
    }
    seen.set(id, child.at);
    if (!source) {
      errors.push(diag('xliff-invalid', `unit "${id}" has no <source>`, child.at));
      continue;
    }
    const targetElement = childElements(child, 'target')[0];
    const sourceText = inlineText(source, errors);
    const targetText = targetElement ? inlineText(targetElement, errors) : undefined;
    if (sourceText === null || targetText === null) continue;
    const state = targetElement?.attributes.state;
    const finished = child.attributes.approved === 'yes' || (state !== undefined && !UNFINISHED_STATES.has(state));
    units.push({ id, source: sourceText, ...(targetText ? { target: targetText } : {}), finished, at: child.at, sourceAt: source.at, ...(targetElement ? { targetAt: targetElement.at } : {}) });
  }
}

/** The text of a <source> or <target>, through segment markers; null if it holds inline codes. */
function inlineText(element: XmlElement, errors: Diagnostic[]): string | null {
  let result = '';
  for (const child of element.children) {
    if (typeof child === 'string') {
      result += child;
      continue;
    }
    const name = localName(child);
    if (name !== 'mrk' && name !== 'g') {
      errors.push(diag('xliff-invalid', `<${child.name}> inside <${element.name}>: coursepack writes plain text, without inline codes`, child.at, {
        hint: 'Copy the Markdown characters (**, [text](link), `code`) as text; do not convert them to tags in your translation tool.',
      }));
      return null;
    }
    const inner = inlineText(child, errors);
    if (inner === null) return null;
    result += inner;
  }
  return result;
}
