/**
 * Edits a YAML source in place. The yaml Document locates each node; the edit replaces only that
 * node's characters (or inserts a line), so comments, quoting, folding and blank lines elsewhere
 * stay byte for byte. Every result is parsed again and compared with the intended data; an edit
 * whose styled value does not give it is written double-quoted instead, and as a last resort the
 * Document is edited and re-serialised (which may reformat the file; the caller is told).
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, type Node, type Pair } from 'yaml';
import type { DataPath, SourceFile } from '../course/source-file.js';

export type YamlEdit =
  /** Sets the `lang` text of the text field at `path`; a plain string becomes `{ [from]: string, [lang]: value }`. */
  | { kind: 'set-text'; path: DataPath; lang: string; from: string; value: string }
  /** Appends a string to the sequence at `path`. */
  | { kind: 'append'; path: DataPath; value: string };

export interface EditResult {
  text: string;
  /** True when the file had to be re-serialised by the yaml library (formatting may change). */
  reformatted: boolean;
}

/** Characters `start`..`end` of a text replaced by `text` (exported for src/studio/server/yaml-ops.ts). */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

export type Mode = 'styled' | 'quoted';

export function editYaml(file: SourceFile, edits: YamlEdit[]): EditResult {
  if (!edits.length) return { text: file.text, reformatted: false };
  const expected = intendedData(file, edits);
  const styled = edits.map((e) => plan(file, e, 'styled'));
  const attempts = [
    () => styled,
    // Only when the fast path fails: check each styled edit alone, quote the ones that misbehave.
    () => edits.map((e, i) => (styled[i] && parsesTo(applySplices(file.text, [styled[i]!]), intendedData(file, [e])) ? styled[i]! : plan(file, e, 'quoted'))),
    () => edits.map((e) => plan(file, e, 'quoted')),
  ];
  for (const attempt of attempts) {
    const splices = attempt();
    if (splices.some((s) => s === null)) continue;
    const text = applySplices(file.text, splices as Splice[]);
    if (parsesTo(text, expected)) return { text, reformatted: false };
  }
  return { text: reserialise(file, edits), reformatted: true };
}

function intendedData(file: SourceFile, edits: YamlEdit[]): unknown {
  const data: unknown = file.doc.toJS();
  for (const e of edits) {
    const parent = e.path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], data) as Record<string | number, unknown>;
    const key = e.path[e.path.length - 1]!;
    if (e.kind === 'append') (parent[key] as unknown[]).push(e.value);
    else if (typeof parent[key] === 'string') parent[key] = { [e.from]: parent[key], [e.lang]: e.value };
    else (parent[key] as Record<string, string>)[e.lang] = e.value;
  }
  return data;
}

export function parsesTo(text: string, expected: unknown): boolean {
  const doc = parseDocument(text, { uniqueKeys: true, strict: true });
  return doc.errors.length === 0 && isDeepStrictEqual(doc.toJS(), expected);
}

export function applySplices(text: string, splices: Splice[]): string {
  let result = text;
  for (const s of [...splices].sort((a, b) => b.start - a.start)) result = result.slice(0, s.start) + s.text + result.slice(s.end);
  return result;
}

function reserialise(file: SourceFile, edits: YamlEdit[]): string {
  const doc = file.doc.clone();
  for (const e of edits) {
    if (e.kind === 'append') doc.addIn(e.path, e.value);
    else {
      const current: unknown = doc.getIn(e.path);
      if (typeof current === 'string') doc.setIn(e.path, doc.createNode({ [e.from]: current, [e.lang]: e.value }));
      else doc.setIn([...e.path, e.lang], e.value);
    }
  }
  return doc.toString();
}

export interface Located {
  node: Node;
  /** The collection holding the node, and the pair when that is a mapping. */
  parent: Node | null;
  pair: Pair | null;
  inFlow: boolean;
}

/** The node at `path` with its parent collection (exported for src/studio/server/yaml-ops.ts). */
export function locate(file: Pick<SourceFile, 'doc'>, path: DataPath): Located | null {
  let node = file.doc.contents as Node | null;
  let parent: Node | null = null;
  let pair: Pair | null = null;
  let inFlow = false;
  for (const segment of path) {
    if (!node) return null;
    if (isMap(node)) {
      inFlow ||= Boolean(node.flow);
      pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment)) ?? null;
      parent = node;
      node = (pair?.value as Node | null) ?? null;
    } else if (isSeq(node) && typeof segment === 'number') {
      inFlow ||= Boolean(node.flow);
      parent = node;
      pair = null;
      node = (node.items[segment] as Node | undefined) ?? null;
    } else return null;
  }
  return node ? { node, parent, pair, inFlow } : null;
}

export const columnOf = (text: string, offset: number): number => offset - (text.lastIndexOf('\n', offset - 1) + 1);

/** Where a new line goes after the value ending at `end`: the start of the next line. */
export function lineAfter(text: string, end: number): { at: number; prefix: string } {
  if (end > 0 && text[end - 1] === '\n') return { at: end, prefix: '' };
  const newline = text.indexOf('\n', end);
  return newline < 0 ? { at: text.length, prefix: '\n' } : { at: newline + 1, prefix: '' };
}

function plan(file: SourceFile, edit: YamlEdit, mode: Mode): Splice | null {
  const found = locate(file, edit.path);
  if (!found?.node.range) return null;
  if (edit.kind === 'append') return planAppend(file, found.node, edit.value, mode);
  const { node } = found;
  if (isMap(node)) return planSetInMap(file, node, edit.lang, edit.from, edit.value, mode, found.inFlow || Boolean(node.flow));
  if (isScalar(node)) return planConvert(file, found, edit, mode);
  return null;
}

function planSetInMap(file: SourceFile, map: YAMLMap, lang: string, from: string, value: string, mode: Mode, flow: boolean): Splice | null {
  const text = file.text;
  const existing = map.items.find((p) => isScalar(p.key) && String(p.key.value) === lang);
  const existingValue = existing?.value as Node | null | undefined;
  if (existingValue?.range) {
    const [start, end] = existingValue.range;
    const snippet = scalar(value, { mode, flow, indent: columnOf(text, (existing!.key as Node).range![0]), like: existingValue, text });
    return { start, end, text: snippet + (text[end - 1] === '\n' ? '\n' : '') };
  }
  const like = (map.items.find((p) => isScalar(p.key) && String(p.key.value) === from) ?? map.items[map.items.length - 1])?.value as Node | undefined;
  const last = map.items[map.items.length - 1];
  const lastEnd = (last?.value as Node | null)?.range?.[1] ?? (last?.key as Node | null)?.range?.[1];
  if (flow) {
    const snippet = scalar(value, { mode, flow: true, indent: 0, like, text });
    if (lastEnd === undefined) return { start: map.range![0], end: map.range![1], text: `{ ${lang}: ${snippet} }` };
    return { start: lastEnd, end: lastEnd, text: `, ${lang}: ${snippet}` };
  }
  if (lastEnd === undefined) return null;
  const indent = columnOf(text, map.range![0]);
  const { at, prefix } = lineAfter(text, lastEnd);
  return { start: at, end: at, text: `${prefix}${' '.repeat(indent)}${lang}: ${scalar(value, { mode, flow: false, indent, like, text })}\n` };
}

/** A plain string becomes a language map holding the old text (kept as written) and the new one. */
function planConvert(file: SourceFile, found: Located, edit: Extract<YamlEdit, { kind: 'set-text' }>, mode: Mode): Splice | null {
  const text = file.text;
  const node = found.node as Scalar;
  const [start, end] = node.range!;
  const original = mode === 'styled' ? text.slice(start, end).replace(/\n$/, '') : JSON.stringify(String(node.value));
  const trailing = text[end - 1] === '\n' ? '\n' : '';
  if (found.inFlow) {
    const snippet = scalar(edit.value, { mode, flow: true, indent: 0, like: node, text });
    return { start, end, text: `{ ${edit.from}: ${original}, ${edit.lang}: ${snippet} }${trailing}` };
  }
  const shift = (s: string) => s.replace(/\n(?=[^\n])/g, '\n  ');
  if (isSeq(found.parent)) {
    const indent = columnOf(text, start);
    const snippet = scalar(edit.value, { mode, flow: false, indent, like: node, text });
    return { start, end, text: `${edit.from}: ${shift(original)}\n${' '.repeat(indent)}${edit.lang}: ${snippet}${trailing}` };
  }
  const keyStart = (found.pair?.key as Node | null)?.range?.[0];
  if (keyStart === undefined) return null;
  const indent = columnOf(text, keyStart) + 2;
  let cut = start;
  while (cut > 0 && (text[cut - 1] === ' ' || text[cut - 1] === '\t')) cut--;
  const pad = ' '.repeat(indent);
  const snippet = scalar(edit.value, { mode, flow: false, indent, like: node, text });
  return { start: cut, end, text: `\n${pad}${edit.from}: ${shift(original)}\n${pad}${edit.lang}: ${snippet}${trailing}` };
}

function planAppend(file: SourceFile, seq: Node, value: string, mode: Mode): Splice | null {
  if (!isSeq(seq)) return null;
  const text = file.text;
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  const snippet = scalar(value, { mode, flow: Boolean(seq.flow), indent: 0, text });
  if (seq.flow) {
    if (!last?.range) return { start: seq.range![0], end: seq.range![1], text: `[${snippet}]` };
    return { start: last.range[1], end: last.range[1], text: `, ${snippet}` };
  }
  if (!last?.range) return null;
  const { at, prefix } = lineAfter(text, last.range[1]);
  return { start: at, end: at, text: `${prefix}${' '.repeat(columnOf(text, seq.range![0]))}- ${snippet}\n` };
}

export interface ScalarOptions {
  mode: Mode;
  flow: boolean;
  /** Column of the key the value belongs to: continuation lines are indented from it. */
  indent: number;
  /** A neighbouring value whose style (quotes, block, folding width) the new one follows. */
  like?: Node | null;
  text: string;
}

/** The YAML for `value` as written after `key: `, without a final line break. */
export function scalar(value: string, o: ScalarOptions): string {
  if (o.mode === 'quoted') return JSON.stringify(value);
  const likeType = isScalar(o.like) ? o.like.type : undefined;
  if (o.flow) {
    const type = likeType === 'QUOTE_DOUBLE' || likeType === 'QUOTE_SINGLE' ? likeType : undefined;
    const out = stringifyValue(value, type, 0, true);
    return out.includes('\n') ? JSON.stringify(value) : out;
  }
  const block = likeType === 'BLOCK_FOLDED' || likeType === 'BLOCK_LITERAL';
  // Several lines next to a one-line neighbour: a literal block rather than a multi-line plain scalar.
  const type = !block && value.includes('\n') ? 'BLOCK_LITERAL' : likeType;
  const width = likeType === 'BLOCK_FOLDED' ? Math.max(40, foldingWidth(o.text, o.like!) - o.indent) : 0;
  const out = stringifyValue(value, type, width, false);
  const pad = ' '.repeat(o.indent);
  return out
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : pad + line))
    .join('\n');
}

function stringifyValue(value: string, type: Scalar.Type | undefined, lineWidth: number, flow: boolean): string {
  const doc = new Document();
  const node = new Scalar(value);
  if (type) node.type = type;
  const map = new YAMLMap();
  map.set('k', node);
  map.flow = flow;
  doc.contents = map;
  const out = doc.toString({ lineWidth, indent: 2 });
  return flow ? out.replace(/^\{ k: /, '').replace(/ \}\n$/, '') : out.replace(/^k: /, '').replace(/\n$/, '');
}

/** The longest line of a folded neighbour, so new folded text wraps like the old. */
function foldingWidth(text: string, like: Node): number {
  const [start, end] = like.range!;
  const lines = text.slice(start - columnOf(text, start), end).split('\n');
  return Math.min(120, Math.max(60, ...lines.map((l) => l.length)));
}
