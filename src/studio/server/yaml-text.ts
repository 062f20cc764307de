/**
 * Where things are in a YAML text and how new YAML is written next to them, for the studio's
 * source-preserving edits (yaml-ops.ts): the lines an item or a pair occupies, the column its
 * siblings start at, and a value rendered as block or flow YAML at that column. The scalar styling
 * and the splicing come from src/i18n/yaml-edit.ts (the same rules as `i18n import`).
 */
import { Document, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { columnOf, lineAfter, scalar } from '../../i18n/yaml-edit.js';

export const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

/** True when only spaces stand between the start of the line and `offset`. */
const firstOnLine = (text: string, offset: number): boolean => /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));

/** The offset of the `-` introducing the block sequence item whose value starts at `valueStart`, or -1. */
function dashBefore(text: string, valueStart: number): number {
  let i = valueStart - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i--;
  return text[i] === '-' ? i : -1;
}

/** Moves `start` (a line start) up over the comment lines right above it, never up to the file's first line. */
function withLeadingComments(text: string, start: number): number {
  let at = start;
  while (at > 0) {
    const previous = lineStart(text, at - 1);
    if (!/^[ \t]*#/.test(text.slice(previous, at - 1))) break;
    if (previous === 0) return at; // the file's header comment (the schema line) belongs to the file
    at = previous;
  }
  return at;
}

export interface Span {
  /** First character (a line start for block items). */
  start: number;
  /** First character after it (a line start for block items). */
  end: number;
}

/** The lines of item `i` of a block sequence: from its dash's line to the end of its last line. */
export function blockItemSpan(text: string, seq: YAMLSeq, i: number, comments = false): Span | null {
  const item = seq.items[i] as Node | undefined;
  if (!item?.range) return null;
  const dash = dashBefore(text, item.range[0]);
  if (dash < 0 || !firstOnLine(text, dash)) return null;
  const start = lineStart(text, dash);
  return { start: comments ? withLeadingComments(text, start) : start, end: lineAfter(text, item.range[1]).at };
}

/** The lines of a block mapping's pair, or null when its key shares a line with something else (`- key: v`). */
export function blockPairSpan(text: string, pair: Pair, comments = false): Span | null {
  const key = pair.key as Node | null;
  if (!key?.range || !firstOnLine(text, key.range[0])) return null;
  const value = pair.value as Node | null;
  const start = lineStart(text, key.range[0]);
  return { start: comments ? withLeadingComments(text, start) : start, end: lineAfter(text, value?.range?.[1] ?? key.range[1]).at };
}

/** Characters of a flow collection's item (a pair from its key). */
export function flowItemSpan(item: Node | Pair): Span | null {
  const first = (isPairLike(item) ? (item.key as Node | null) : item)?.range;
  const last = (isPairLike(item) ? ((item.value as Node | null) ?? (item.key as Node | null)) : item)?.range;
  return first && last ? { start: first[0], end: last[1] } : null;
}

const isPairLike = (item: unknown): item is Pair => typeof item === 'object' && item !== null && 'key' in item && 'value' in item;

/** The column block items of `seq` start at (their dash). */
export function dashColumn(text: string, seq: YAMLSeq): number | null {
  const first = seq.items[0] as Node | undefined;
  if (!first?.range) return null;
  const dash = dashBefore(text, first.range[0]);
  return dash < 0 ? null : columnOf(text, dash);
}

export function keyColumn(text: string, map: YAMLMap): number | null {
  const key = map.items[0]?.key as Node | undefined;
  return key?.range ? columnOf(text, key.range[0]) : null;
}

/** The offset just after the `:` that follows the key of `pair`. */
export function afterColon(text: string, pair: Pair): number | null {
  const end = (pair.key as Node | null)?.range?.[1];
  if (end === undefined) return null;
  const colon = text.indexOf(':', end);
  return colon < 0 ? null : colon + 1;
}

const isPrimitive = (v: unknown): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Block YAML of `value` as the file would hold it at column 0, ending with a line break. */
function blockYaml(value: unknown): string {
  return new Document(value).toString({ indent: 2, lineWidth: 0, blockQuote: 'literal', flowCollectionPadding: true });
}

const shift = (yaml: string, column: number): string =>
  yaml
    .split('\n')
    .map((line) => (line === '' ? line : ' '.repeat(column) + line))
    .join('\n');

/** `value` as a block sequence item at `column` (the dash's), ending with a line break. */
export function renderBlockItem(value: unknown, column: number): string {
  return shift(blockYaml([value]), column);
}

/** `key: value` as a block mapping pair at `column`, ending with a line break. */
export function renderBlockPair(key: string, value: unknown, column: number): string {
  return shift(blockYaml({ [key]: value }), column);
}

/** `value` in flow style (one line), for flow collections. */
export function renderFlow(value: unknown): string {
  if (typeof value === 'string') return scalar(value, { mode: 'styled', flow: true, indent: 0, text: '' });
  const out = new Document(value).toString({ collectionStyle: 'flow', lineWidth: 0, flowCollectionPadding: true }).replace(/\n$/, '');
  return out.includes('\n') ? JSON.stringify(value) : out;
}

/**
 * The text replacing a value after `key:` (or after `- `): a scalar on the same line, styled like
 * the value it replaces (`like`); a collection in flow style when the old one was, else as a block
 * on the following lines, indented from `column` (the key's or the dash's).
 */
export function renderValue(value: unknown, column: number, like: Node | null, text: string, inFlow: boolean): string {
  if (inFlow) return renderFlow(value);
  if (isPrimitive(value)) {
    if (typeof value === 'string') return ` ${scalar(value, { mode: 'styled', flow: false, indent: column, like: isScalar(like) ? like : null, text })}\n`;
    return ` ${value === null ? 'null' : String(value)}\n`;
  }
  const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value as object).length === 0;
  const wasFlow = (isMap(like) || isSeq(like)) && like.flow;
  if (empty || wasFlow) {
    const flow = renderFlow(value);
    if (empty || flow.length <= 80) return ` ${flow}\n`;
  }
  return `\n${shift(blockYaml(value), column + 2)}`;
}
