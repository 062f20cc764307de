/**
 * The studio's edits of a course file, written as a person would: set, delete, insert, move and
 * duplicate, each applied to the YAML text by replacing only the characters (or lines) of the
 * nodes it concerns, so comments, key order, quoting, block scalars and blank lines elsewhere stay
 * byte for byte. Every result is parsed again and compared with the intended data; when a splice
 * cannot give it, the yaml Document is edited and re-serialised instead (`reformatted`).
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { applySplices, lineAfter, locate, parsesTo, columnOf, type Splice } from '../../i18n/yaml-edit.js';
import { applyToData, getIn, idsIn, LOCAL_ID_LISTS, OpError, renameIds, show, type Op, type Step, type YamlPath } from './yaml-data.js';
import { afterColon, blockItemSpan, blockPairSpan, dashColumn, flowItemSpan, keyColumn, renderBlockItem, renderBlockPair, renderFlow, renderValue } from './yaml-text.js';

export { OpError, type Op, type YamlPath } from './yaml-data.js';

export interface OpsResult {
  text: string;
  data: unknown;
  /** True when some op had to re-serialise the whole file (formatting may have changed). */
  reformatted: boolean;
}

export interface OpsOptions {
  /** Ids used elsewhere in the course, which a duplicate must not take. */
  takenIds?: ReadonlySet<string>;
}

export function applyOps(text: string, ops: Op[], options: OpsOptions = {}): OpsResult {
  let current = text;
  let doc = parse(current);
  let data: unknown = doc.toJS();
  let reformatted = false;
  for (const op of ops) {
    for (const step of expand(doc, data, prepare(data, op, doc, options))) {
      const expected = applyToData(data, step);
      if (isDeepStrictEqual(expected, data)) continue;
      const spliced = plan(current, doc, step);
      // A text the styled scalar does not carry (whitespace in a folded block): written double-quoted in place.
      const quoted = () => (step.op === 'set' && typeof step.value === 'string' ? quotedSet(current, doc, step.path, step.value) : null);
      const attempt = (splices: Splice[] | null) => (splices === null ? null : reparsed(applySplices(current, splices), expected));
      const next = attempt(spliced) ?? attempt(quoted());
      if (next) [current, doc] = next;
      else {
        current = reserialise(doc, step, expected);
        doc = parse(current);
        reformatted = true;
      }
      data = expected;
    }
  }
  return { text: current, data, reformatted };
}

/** The text and its Document when it parses to `expected`, else null. */
function reparsed(text: string, expected: unknown): [string, Document.Parsed] | null {
  const doc = parseDocument(text, { uniqueKeys: true, strict: true });
  return doc.errors.length === 0 && isDeepStrictEqual(doc.toJS(), expected) ? [text, doc] : null;
}

function parse(text: string): Document.Parsed {
  const doc = parseDocument(text, { uniqueKeys: true, strict: true });
  if (doc.errors.length) throw new OpError(`the file is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}): fix it in a text editor first`);
  return doc;
}

function prepare(data: unknown, op: Op, doc: Document.Parsed, options: OpsOptions): Step {
  checkShape(op);
  if (op.op !== 'duplicate') return op;
  if (op.path.length === 0 || typeof op.path[op.path.length - 1] !== 'number') throw new OpError('duplicate needs the path of a list item (ending with its index)');
  const listPath = op.path.slice(0, -1);
  const index = op.path[op.path.length - 1] as number;
  const list = getIn(data, listPath);
  if (!Array.isArray(list) || index < 0 || index >= list.length) throw new OpError(`${show(op.path)} is not an item of a list`);
  const taken = new Set([...(options.takenIds ?? []), ...idsIn(doc.toJS())]);
  const renames = new Map<string, string>();
  const value = renameIds(structuredClone(list[index]), taken, renames, false);
  return { op: 'insert-copy', path: listPath, index: index + 1, value, renames };
}

function checkShape(op: Op): void {
  if (!Array.isArray(op.path) || op.path.some((k) => typeof k !== 'string' && !(typeof k === 'number' && Number.isInteger(k)))) {
    throw new OpError('path must be a list of keys and item indexes');
  }
  if (op.op === 'set' && op.value === undefined) throw new OpError('set needs a value');
  if (op.op === 'insert' && (!Number.isInteger(op.index) || op.value === undefined)) throw new OpError('insert needs an index and a value');
  if (op.op === 'move' && (!Number.isInteger(op.from) || !Number.isInteger(op.to))) throw new OpError('move needs from and to indexes');
}

/** Breaks an op into smaller ones that touch fewer lines (a mapping set key by key), or states it as another op. */
function expand(doc: Document.Parsed, data: unknown, step: Step): Step[] {
  if (step.op === 'insert') {
    const list = getIn(data, step.path);
    // An empty (or flow `[]`) list is replaced as a whole: `pages: []` becomes a block list.
    if (Array.isArray(list) && list.length === 0) return [{ op: 'set', path: step.path, value: [step.value] }];
    return [step];
  }
  if (step.op !== 'set') return [step];
  const old = getIn(data, step.path);
  const value = step.value;
  if (old === undefined) {
    const parentPath = step.path.slice(0, -1);
    const parent = getIn(data, parentPath);
    const key = step.path[step.path.length - 1]!;
    if (step.path.length > 0 && (parent === undefined || parent === null) && typeof key === 'string') return expand(doc, data, { op: 'set', path: parentPath, value: { [key]: value } });
    if (Array.isArray(parent) && key === parent.length) return [{ op: 'insert', path: parentPath, index: key, value }];
    return [step];
  }
  if (isDeepStrictEqual(old, value)) return [];
  const plainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (plainObject(old) && plainObject(value) && Object.keys(value).length > 0) {
    const removed = Object.keys(old).filter((k) => !(k in value));
    if (removed.length === Object.keys(old).length) return [step];
    return [
      ...removed.map((k): Step => ({ op: 'delete', path: [...step.path, k] })),
      ...Object.keys(value).flatMap((k) => expand(doc, data, { op: 'set', path: [...step.path, k], value: value[k] })),
    ];
  }
  if (Array.isArray(old) && Array.isArray(value) && old.length === value.length && old.length > 0) {
    return value.flatMap((item, i) => expand(doc, data, { op: 'set', path: [...step.path, i], value: item }));
  }
  return [step];
}

/** The splices that make `step` in the text, or null when there is no safe one (the caller re-serialises). */
function plan(text: string, doc: Document.Parsed, step: Step): Splice[] | null {
  if (step.op === 'duplicate') return null;
  if (step.op === 'set') return planSet(text, doc, step.path, step.value);
  if (step.op === 'delete') return planDelete(text, doc, step.path);
  const found = locate({ doc }, step.path);
  if (!found || !isSeq(found.node)) return null;
  const seq = found.node;
  if (step.op === 'move') return planMove(text, seq, step.from, step.to);
  if (step.op === 'insert-copy') return planCopy(text, seq, step.index - 1, step.renames);
  return planInsert(text, seq, step.index, step.value, found.inFlow);
}

function planSet(text: string, doc: Document.Parsed, path: YamlPath, value: unknown): Splice[] | null {
  const found = locate({ doc }, path);
  if (found) {
    const { node, pair, parent } = found;
    const inFlow = found.inFlow;
    if (!node.range) return null;
    if (isSeq(parent) && !inFlow) {
      // A block list item is rewritten whole, at its dash's column.
      const index = parent.items.indexOf(node);
      const span = blockItemSpan(text, parent, index);
      const column = dashColumn(text, parent);
      if (!span || column === null) return null;
      if (isScalar(node) && isScalarValue(value)) return [scalarSplice(text, node, value, column)];
      return [{ start: span.start, end: span.end, text: renderBlockItem(value, column) }];
    }
    if (inFlow) return [{ start: node.range[0], end: node.range[1], text: renderFlow(value) }];
    if (isScalar(node) && isScalarValue(value) && pair) return [scalarSplice(text, node, value, columnOf(text, (pair.key as Node).range![0]))];
    if (!pair) return null;
    const colon = afterColon(text, pair);
    if (colon === null) return null;
    const end = lineAfter(text, node.range[1]).at;
    return [{ start: colon, end, text: renderValue(value, columnOf(text, (pair.key as Node).range![0]), node, text, false) }];
  }
  // A new key, at the end of its mapping.
  const key = path[path.length - 1];
  const parent = locate({ doc }, path.slice(0, -1));
  const map = path.length === 1 ? doc.contents : parent?.node;
  if (typeof key !== 'string' || !isMap(map) || !map.range) return null;
  return planAddPair(text, map, key, value, Boolean(map.flow) || Boolean(parent?.inFlow));
}

const isScalarValue = (v: unknown) => v === null || typeof v !== 'object';

/** The scalar at `path` replaced by `value` double-quoted, or null when it is not a scalar in block context. */
function quotedSet(text: string, doc: Document.Parsed, path: YamlPath, value: string): Splice[] | null {
  const found = locate({ doc }, path);
  if (!found || found.inFlow || !isScalar(found.node) || !found.node.range) return null;
  const [start, end] = found.node.range;
  return [{ start, end, text: JSON.stringify(value) + (text[end - 1] === '\n' ? '\n' : '') }];
}

/** A scalar replaced by another where it stands, styled like it; a block scalar keeps its final line break. */
function scalarSplice(text: string, node: Node, value: unknown, column: number): Splice {
  const [start, end] = node.range!;
  const rendered = renderValue(value, column, node, text, false).slice(1).replace(/\n$/, '');
  return { start, end, text: rendered + (text[end - 1] === '\n' ? '\n' : '') };
}

function planAddPair(text: string, map: YAMLMap, key: string, value: unknown, flow: boolean): Splice[] | null {
  const last = map.items[map.items.length - 1] as Pair | undefined;
  const lastEnd = ((last?.value as Node | null)?.range ?? (last?.key as Node | null)?.range)?.[1];
  if (flow) {
    const pairText = `${renderFlow(key)}: ${renderFlow(value)}`;
    if (lastEnd === undefined) return [{ start: map.range![0], end: map.range![1], text: `{ ${pairText} }` }];
    return [{ start: lastEnd, end: lastEnd, text: `, ${pairText}` }];
  }
  const column = keyColumn(text, map);
  if (lastEnd === undefined || column === null) return null;
  const { at, prefix } = lineAfter(text, lastEnd);
  return [{ start: at, end: at, text: prefix + renderBlockPair(key, value, column) }];
}

function planDelete(text: string, doc: Document.Parsed, path: YamlPath): Splice[] | null {
  const found = locate({ doc }, path);
  const container = found?.parent;
  if (!found || !container || !(isMap(container) || isSeq(container))) return null;
  const index = isMap(container) ? container.items.indexOf(found.pair!) : container.items.indexOf(found.node);
  if (container.items.length === 1) return planEmpty(text, doc, path.slice(0, -1), container);
  if (container.flow || found.inFlow) {
    const items = container.items as Array<Node | Pair>;
    const span = flowItemSpan(items[index]!);
    const neighbour = index < items.length - 1 ? flowItemSpan(items[index + 1]!) : flowItemSpan(items[index - 1]!);
    if (!span || !neighbour) return null;
    return index < items.length - 1 ? [{ start: span.start, end: neighbour.start, text: '' }] : [{ start: neighbour.end, end: span.end, text: '' }];
  }
  if (isSeq(container)) {
    const span = blockItemSpan(text, container, index, true);
    return span ? [{ start: span.start, end: span.end, text: '' }] : null;
  }
  const span = blockPairSpan(text, found.pair!, true);
  if (span) return [{ start: span.start, end: span.end, text: '' }];
  // The first key of a list item (`- id: x`): the next key moves up beside the dash.
  const next = container.items[index + 1]?.key as Node | undefined;
  const key = found.pair!.key as Node;
  return index === 0 && next?.range && key.range ? [{ start: key.range[0], end: next.range[0], text: '' }] : null;
}

/** The collection at `path` loses its last item: it becomes `[]` or `{}`. */
function planEmpty(text: string, doc: Document.Parsed, path: YamlPath, collection: YAMLMap | YAMLSeq): Splice[] | null {
  const empty = isSeq(collection) ? '[]' : '{}';
  if (collection.flow) return [{ start: collection.range![0], end: collection.range![1], text: empty }];
  const holder = locate({ doc }, path);
  if (!holder?.pair || holder.inFlow) return null;
  const colon = afterColon(text, holder.pair);
  return colon === null ? null : [{ start: colon, end: lineAfter(text, collection.range![1]).at, text: ` ${empty}\n` }];
}

function planInsert(text: string, seq: YAMLSeq, index: number, value: unknown, inFlow: boolean): Splice[] | null {
  const items = seq.items as Node[];
  if (seq.flow || inFlow) {
    const rendered = renderFlow(value);
    if (index < items.length) {
      const span = flowItemSpan(items[index]!);
      return span ? [{ start: span.start, end: span.start, text: `${rendered}, ` }] : null;
    }
    const span = flowItemSpan(items[items.length - 1]!);
    return span ? [{ start: span.end, end: span.end, text: `, ${rendered}` }] : null;
  }
  const column = dashColumn(text, seq);
  if (column === null) return null;
  const at = index < items.length ? blockItemSpan(text, seq, index, true)?.start : blockItemSpan(text, seq, items.length - 1)?.end;
  if (at === undefined) return null;
  return [{ start: at, end: at, text: (at > 0 && text[at - 1] !== '\n' ? '\n' : '') + renderBlockItem(value, column) }];
}

function planMove(text: string, seq: YAMLSeq, from: number, to: number): Splice[] | null {
  if (from === to) return [];
  const items = seq.items as Node[];
  if (seq.flow) {
    const spans = items.map((item) => flowItemSpan(item));
    if (spans.some((s) => !s)) return null;
    const texts = spans.map((s) => text.slice(s!.start, s!.end));
    const [moved] = texts.splice(from, 1);
    texts.splice(to, 0, moved!);
    return [{ start: spans[0]!.start, end: spans[spans.length - 1]!.end, text: texts.join(', ') }];
  }
  const span = blockItemSpan(text, seq, from, true);
  const target = to < from ? blockItemSpan(text, seq, to, true)?.start : blockItemSpan(text, seq, to)?.end;
  if (!span || target === undefined) return null;
  const moved = text.slice(span.start, span.end);
  return [
    { start: span.start, end: span.end, text: '' },
    { start: target, end: target, text: moved },
  ];
}

/** A copy of item `index` inserted after it, its ids renamed in place so the rest of its text is the same. */
function planCopy(text: string, seq: YAMLSeq, index: number, renames: Map<string, string>): Splice[] | null {
  const item = seq.items[index] as Node | undefined;
  if (!item?.range) return null;
  const span = seq.flow ? flowItemSpan(item) : blockItemSpan(text, seq, index);
  if (!span) return null;
  const inner: Splice[] = [];
  collectIdScalars(item, false, (node) => {
    const renamed = renames.get(String(node.value));
    if (renamed && node.range) inner.push({ start: node.range[0] - span.start, end: node.range[1] - span.start, text: renamed });
  });
  const copy = applySplices(text.slice(span.start, span.end), inner);
  return [{ start: span.end, end: span.end, text: seq.flow ? `, ${copy}` : copy }];
}

function collectIdScalars(node: unknown, local: boolean, found: (node: Node & { value: unknown }) => void): void {
  if (isSeq(node)) for (const item of node.items) collectIdScalars(item, local, found);
  else if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === 'id' && !local && isScalar(pair.value)) found(pair.value);
      else collectIdScalars(pair.value, local || LOCAL_ID_LISTS.has(key), found);
    }
  }
}

/** The last resort: edit the Document and write it again (formatting of other parts may change); new texts double-quoted if need be. */
function reserialise(doc: Document.Parsed, step: Step, expected: unknown): string {
  for (const quote of [false, true]) {
    const copy = doc.clone();
    const node = (value: unknown) => {
      const created = copy.createNode(value);
      if (quote) visit(created, { Scalar: (_key, scalar) => void (typeof scalar.value === 'string' && (scalar.type = 'QUOTE_DOUBLE')) });
      return created;
    };
    if (step.op === 'set') copy.setIn(step.path, node(step.value));
    else if (step.op === 'delete') copy.deleteIn(step.path);
    else {
      const seq = step.path.length ? copy.getIn(step.path, true) : copy.contents;
      if (!isSeq(seq)) throw new OpError(`${show(step.path)} is not a list`);
      if (step.op === 'move') {
        const [item] = seq.items.splice(step.from, 1);
        seq.items.splice(step.to, 0, item);
      } else if (step.op === 'insert' || step.op === 'insert-copy') seq.items.splice(step.index, 0, node(step.value));
    }
    const text = copy.toString();
    if (parsesTo(text, expected)) return text;
  }
  throw new Error(`internal error: the edit ${step.op} at ${show(step.path)} does not give the intended data`);
}
