import { LineCounter, isCollection, isMap, isNode, isPair, isScalar, isSeq, parseDocument, visit, type Alias, type Document, type Node, type YAMLError } from 'yaml';
import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/index.js';
import { describeCodePoint, refusedCharacters, refusedHint } from './characters.js';

/** A parsed YAML source file that can place any data path back in the text. */
export interface SourceFile {
  /** Path relative to the course folder, with forward slashes (used in diagnostics). */
  path: string;
  /** The text without its byte-order mark, if it had one. */
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The document as plain data (aliases resolved). */
  data: unknown;
}

export type DataPath = ReadonlyArray<string | number>;

/** Files larger than this are refused before parsing, so a runaway file cannot exhaust memory. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;
/** Mappings and lists inside each other: a course needs about 8; more is a mistake or an attack on the parser. */
export const MAX_NESTING = 32;
/**
 * The yaml library's bound on alias expansion (`maxAliasCount`): an alias may be expanded at most
 * this many times, counting the aliases inside what it names. It defeats "billion laughs" files.
 */
export const MAX_ALIAS_COUNT = 100;
/**
 * Values (scalars, mappings, lists) in one file. The counsellor training's largest module has about
 * 1,500; a 2 MB file of `[1,1,1,…]` has 900,000, which would take minutes and gigabytes to report.
 */
export const MAX_NODES = 100_000;
/** Commas and line ends, an upper bound on values written one per line or in flow lists (a 2 MB module of prose has about 60,000). */
const MAX_SEPARATORS = 250_000;
/** Refused characters reported per file: a binary file would otherwise give thousands. */
const MAX_CHARACTER_REPORTS = 10;

/** Decodes and parses one YAML file; every problem becomes a diagnostic. Returns null if unusable. */
export function parseSource(path: string, bytes: Uint8Array, out: Diagnostic[]): SourceFile | null {
  const first = { file: path, line: 1, column: 1 };
  if (bytes.length > MAX_SOURCE_BYTES) {
    out.push(diag('file-too-large', `${path} is ${bytes.length} bytes; the limit is ${MAX_SOURCE_BYTES}`, first));
    return null;
  }
  // A UTF-8 byte-order mark is what Windows editors write: accepted, and not part of the text.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (looksUtf16(bytes)) {
    out.push(diag('file-encoding', `${path} is saved as UTF-16 text`, first, { hint: 'Save the file as UTF-8 (in Notepad: Save as, Encoding: UTF-8).' }));
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    out.push(diag('file-encoding', 'the file is not valid UTF-8 text', { file: path, ...at }));
    return null;
  }
  // Parsing 900,000 values takes the yaml library half a minute and a gigabyte: count them roughly first.
  const crowded = separatorBeyond(text, MAX_SEPARATORS);
  if (crowded >= 0) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < crowded; i++) if (text.charCodeAt(i) === 10) (line++, (lineStart = i + 1));
    out.push(diag('yaml-too-large', `the file holds too many values to read: more than ${MAX_SEPARATORS} commas and line ends`, { file: path, line, column: crowded - lineStart + 1 }));
    return null;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  for (const error of doc.errors) {
    const unclosed = unclosedStart(doc, text, error);
    const pos = lines.linePos(unclosed ?? error.pos[0]);
    const deep = error.code === 'RESOURCE_EXHAUSTION';
    const code = error.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : deep ? 'yaml-too-deep' : 'yaml-syntax';
    const message = deep
      ? `the file nests mappings and lists too deeply to read (the limit is ${MAX_NESTING} levels)`
      : unclosed !== undefined ? `this ${text[unclosed]} is never closed` : error.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    const previous = out[out.length - 1];
    if (previous?.file === path && previous.line === pos.line && previous.column === pos.col && previous.message === message) continue;
    out.push(diag(code, message, { file: path, line: pos.line, column: pos.col }));
  }
  checkRawCharacters(path, text, lines, out);
  if (doc.errors.length > 0) return null;
  const shape = measure(doc, MAX_NESTING, MAX_NODES);
  if (shape.tooDeep) {
    out.push(diag('yaml-too-deep', `mappings and lists are nested more than ${MAX_NESTING} levels deep here`, rangeStart({ path, lines }, shape.tooDeep)));
    return null;
  }
  if (shape.tooMany) {
    out.push(diag('yaml-too-large', `the file holds more than ${MAX_NODES} values; this is value number ${MAX_NODES + 1}`, rangeStart({ path, lines }, shape.tooMany)));
    return null;
  }
  checkEscapedCharacters(path, text, doc, lines, out);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const alias = firstNestedAlias(doc);
    out.push(diag('yaml-alias-limit', 'aliases here expand to too much data', alias ? rangeStart({ path, lines }, alias) : first));
    return null;
  }
  // Refused characters were reported, but the file is still read: the rest of its problems come in the same run.
  return { path, text, doc, lines, data };
}

/** The index of the separator (comma or line end) number `max + 1`, or -1. */
function separatorBeyond(text: string, max: number): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 44 || c === 10) && ++count > max) return i;
  }
  return -1;
}

/** UTF-16 without a byte-order mark shows as a zero byte beside most ASCII characters. */
function looksUtf16(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const sample = bytes.subarray(0, 64);
  if (sample.length < 4) return false;
  let even = 0;
  let odd = 0;
  sample.forEach((b, i) => {
    if (b === 0) i % 2 ? odd++ : even++;
  });
  const half = Math.floor(sample.length / 2);
  return (odd >= half * 0.75 && even === 0) || (even >= half * 0.75 && odd === 0);
}

/** Characters typed (or pasted) into the file that no course text may hold, at their exact place. */
function checkRawCharacters(path: string, text: string, lines: LineCounter, out: Diagnostic[]): void {
  for (const c of refusedCharacters(text, MAX_CHARACTER_REPORTS)) {
    const pos = lines.linePos(c.index);
    out.push(diag('invalid-character', `${describeCodePoint(c.codePoint)} cannot be used in a course`, { file: path, line: pos.line, column: pos.col }, { hint: refusedHint(c) }));
  }
}

/** The same characters written as escapes in a double-quoted string ("\a", "\x07", "\uD800"). */
function checkEscapedCharacters(path: string, text: string, doc: Document.Parsed, lines: LineCounter, out: Diagnostic[]): void {
  // Every YAML escape starts with a backslash: a file without one (most) has no value to look at.
  if (!text.includes('\\')) return;
  let reported = 0;
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || reported >= MAX_CHARACTER_REPORTS) return;
      const source = node.range ? text.slice(node.range[0], node.range[1]) : '';
      for (const c of refusedCharacters(node.value, MAX_CHARACTER_REPORTS)) {
        if (refusedCharacters(source).some((raw) => raw.codePoint === c.codePoint)) continue;
        reported++;
        out.push(diag('invalid-character', `an escape in this text makes ${describeCodePoint(c.codePoint)}, which cannot be used in a course`, rangeStart({ path, lines }, node), { hint: refusedHint(c) }));
        break;
      }
    },
  });
}

/** The first node more than `maxDepth` collections deep, or the first beyond `maxNodes` values, in document order (aliases are not followed). */
function measure(doc: Document.Parsed, maxDepth: number, maxNodes: number): { tooDeep?: Node; tooMany?: Node } {
  const stack: Array<[unknown, number]> = [[doc.contents, 1]];
  let count = 0;
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isNode(node)) continue;
    if (++count > maxNodes) return { tooMany: node };
    if (!isCollection(node)) continue;
    if (depth > maxDepth) return { tooDeep: node };
    for (const item of [...node.items].reverse()) {
      if (isPair(item)) {
        stack.push([item.value, depth + 1], [item.key, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return {};
}

/** Where an alias bomb starts: the first alias that names something holding aliases, else the first alias. */
function firstNestedAlias(doc: Document.Parsed): Alias | undefined {
  let first: Alias | undefined;
  let nested: Alias | undefined;
  visit(doc, {
    Alias(_key, node) {
      first ??= node;
      const target = node.resolve(doc);
      let holds = false;
      if (target && isCollection(target)) visit(target, { Alias: () => ((holds = true), visit.BREAK) });
      if (holds) {
        nested = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return nested ?? first;
}

const CLOSERS: Record<string, string> = { '{': '}', '[': ']', '"': '"', "'": "'" };

/**
 * An unclosed `{`, `[` or quote is only noticed where the parser can go no further, often lines
 * later, where the author did nothing wrong: point at the opening character instead. The
 * unclosed node is the one that ends where the error is.
 */
function unclosedStart(doc: Document.Parsed, text: string, error: YAMLError): number | undefined {
  if (error.code !== 'BAD_INDENT' && error.code !== 'MISSING_CHAR') return undefined;
  let start: number | undefined;
  visit(doc, (_key, node) => {
    const opener = isNode(node) && node.range?.[1] === error.pos[0] ? text[node.range[0]]! : '';
    const flowOrQuoted = (isCollection(node) && node.flow) || (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'));
    if (!flowOrQuoted || !CLOSERS[opener]) return;
    const source = text.slice(node.range![0], node.range![1]).trimEnd();
    if (source.length < 2 || !source.endsWith(CLOSERS[opener]!)) start = node.range![0];
  });
  return start;
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : (b & 0xf0) === 0xe0 ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    const here = { line, column: i - lineStart + 1 };
    if (extra < 0) return here;
    for (let k = 1; k <= extra; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return here;
    if (b === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    i += extra + 1;
  }
  return { line, column: 1 };
}

/** The YAML node at `path`, or the deepest existing ancestor, and whether the full path exists. */
export function nodeAt(file: SourceFile, path: DataPath): { node: Node | null; found: boolean } {
  let node = file.doc.contents as Node | null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return { node, found: false };
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment] as Node;
    } else {
      return { node, found: false };
    }
  }
  return { node, found: true };
}

/** Position of the value at `path` (or of its nearest existing ancestor). */
export function positionOf(file: SourceFile, path: DataPath): SourcePosition {
  const { node } = nodeAt(file, path);
  return rangeStart(file, node);
}

/** Position of the key `key` in the mapping at `path` (for unknown keys). */
export function keyPositionOf(file: SourceFile, path: DataPath, key: string): SourcePosition {
  const { node } = nodeAt(file, path);
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key)) return rangeStart(file, pair.key);
  }
  return rangeStart(file, node);
}

function rangeStart(file: Pick<SourceFile, 'path' | 'lines'>, node: Node | null): SourcePosition {
  const offset = node?.range?.[0] ?? 0;
  const pos = file.lines.linePos(offset);
  return { file: file.path, line: pos.line, column: pos.col };
}

export function pathString(path: DataPath): string {
  return path.join('.');
}
