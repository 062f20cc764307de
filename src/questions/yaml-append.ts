/**
 * Appends items to a block sequence of a YAML file (an assessment's `questions`, a module's
 * `pages`) by inserting their text after the last item: every other character of the file, its
 * comments included, stays as it was. The items are written in the course's usual style (short
 * choices and language maps on one line). The result is parsed back and compared with the
 * intended data; if it differs, the yaml Document is edited and re-serialised instead.
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml';
import type { SourceFile } from '../course/source-file.js';

export interface AppendResult {
  text: string;
  reformatted: boolean;
}

/** Short mappings and lists of short strings go on one line, as the docs' examples write them. */
function styled(items: unknown[]): Document {
  const doc = new Document(items);
  visit(doc, {
    Map(_key, node) {
      const allScalar = node.items.every((p) => isScalar(p.value));
      const width = node.items.reduce((n, p) => n + String((p.key as { value?: unknown })?.value ?? '').length + String(isScalar(p.value) ? p.value.value : '').length + 4, 0);
      const isQuestion = node.items.some((p) => isScalar(p.key) && p.key.value === 'type');
      if (!isQuestion && allScalar && width <= 72 && node.items.every((p) => !(isScalar(p.value) && String(p.value.value).includes('\n')))) node.flow = true;
    },
    Seq(_key, node) {
      const values = node.items.map((i) => (isScalar(i) ? String(i.value) : null));
      if (values.every((v) => v !== null && !v.includes('\n')) && values.join(', ').length <= 60) node.flow = true;
    },
  });
  return doc;
}

/** The YAML text of `items` as block sequence entries, each line indented by `indent` spaces. */
export function itemsText(items: unknown[], indent: number): string {
  const text = styled(items).toString({ indent: 2, lineWidth: 0, flowCollectionPadding: true });
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

export function appendToSequence(file: SourceFile, path: Array<string | number>, items: unknown[]): AppendResult {
  const expected = file.doc.toJS() as Record<string, unknown>;
  const target = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], expected);
  if (Array.isArray(target)) target.push(...items);
  const seq = file.doc.getIn(path, true) as Node | undefined;
  if (isSeq(seq) && !seq.flow && seq.items.length && seq.range) {
    const last = seq.items[seq.items.length - 1] as Node;
    const start = seq.range[0];
    const column = start - (file.text.lastIndexOf('\n', start - 1) + 1);
    let at = last.range![1];
    if (file.text[at - 1] !== '\n') {
      const newline = file.text.indexOf('\n', at);
      at = newline < 0 ? file.text.length : newline + 1;
    }
    const before = file.text.slice(0, at);
    const text = `${before}${before.endsWith('\n') ? '' : '\n'}${itemsText(items, column)}${file.text.slice(at)}`;
    const back = parseDocument(text, { uniqueKeys: true, strict: true });
    if (!back.errors.length && isDeepStrictEqual(back.toJS(), expected)) return { text, reformatted: false };
  }
  const doc = file.doc.clone();
  const node = doc.getIn(path, true);
  if (isSeq(node)) for (const item of items) node.items.push(doc.createNode(item));
  else doc.setIn(path, doc.createNode(items));
  return { text: doc.toString(), reformatted: true };
}

/** A whole new file holding `data`, in the same style, after an optional first comment line. */
export function newFileText(data: Record<string, unknown>, firstLine?: string): string {
  const doc = new Document(data);
  const styledItems = styled([data]).contents;
  if (isSeq(styledItems) && isMap(styledItems.items[0])) doc.contents = styledItems.items[0];
  return `${firstLine ? `${firstLine}\n` : ''}${doc.toString({ indent: 2, lineWidth: 0, flowCollectionPadding: true })}`;
}
