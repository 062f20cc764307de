import { LineCounter, isCollection, isMap, isNode, isScalar, isSeq, parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/index.js';

/** A parsed YAML source file that can place any data path back in the text. */
export interface SourceFile {
  /** Path relative to the course folder, with forward slashes (used in diagnostics). */
  path: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export type DataPath = ReadonlyArray<string | number>;

/** Files larger than this are refused before parsing, so a runaway file cannot exhaust memory. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/** Decodes and parses one YAML file; every problem becomes a diagnostic. Returns null if unusable. */
export function parseSource(path: string, bytes: Uint8Array, out: Diagnostic[]): SourceFile | null {
  if (bytes.length > MAX_SOURCE_BYTES) {
    out.push(diag('file-too-large', `${path} is ${bytes.length} bytes; the limit is ${MAX_SOURCE_BYTES}`, { file: path, line: 1, column: 1 }));
    return null;
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    out.push(diag('file-encoding', 'the file starts with a byte-order mark', { file: path, line: 1, column: 1 }));
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    out.push(diag('file-encoding', 'the file is not valid UTF-8 text', { file: path, ...at }));
    return null;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const file: SourceFile = { path, text, doc, lines };
  for (const error of doc.errors) {
    const unclosed = unclosedStart(doc, text, error);
    const pos = lines.linePos(unclosed ?? error.pos[0]);
    const code = error.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax';
    const message = unclosed !== undefined ? `this ${text[unclosed]} is never closed` : error.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    const previous = out[out.length - 1];
    if (previous?.file === path && previous.line === pos.line && previous.column === pos.col && previous.message === message) continue;
    out.push(diag(code, message, { file: path, line: pos.line, column: pos.col }));
  }
  return doc.errors.length > 0 ? null : file;
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

function rangeStart(file: SourceFile, node: Node | null): SourcePosition {
  const offset = node?.range?.[0] ?? 0;
  const pos = file.lines.linePos(offset);
  return { file: file.path, line: pos.line, column: pos.col };
}

export function pathString(path: DataPath): string {
  return path.join('.');
}
