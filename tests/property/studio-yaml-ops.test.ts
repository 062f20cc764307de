/**
 * The studio's YAML edits (src/studio/server/yaml-ops.ts) on every file of the counsellor training,
 * with generated edits: a set of one scalar field changes only that field's lines and gives the
 * intended data; delete, insert, move and duplicate give the intended data and leave every other
 * line (comments, quoting, block scalars, blank lines) as it was. Seeded like the other property
 * tests (tests/README.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { applyOps, type YamlPath } from '../../src/studio/server/yaml-ops.js';
import { lineDiff } from '../support/line-diff.js';
import { stringArb } from './course-arbitrary.js';

const RUNS = Number(process.env.COURSEPACK_PROPERTY_RUNS ?? 5) * 20;
/** Each property parses large files hundreds of times: on a busy machine that takes a while. */
const TIMEOUT = Number(process.env.COURSEPACK_PROPERTY_RUNS ?? 5) * 24_000;
const SEED = Number(process.env.COURSEPACK_PROPERTY_SEED ?? 1616);

const COURSE = join(import.meta.dirname, '../../courses/counsellor-training');
const FILES = ['course.yaml', 'assessment.yaml', ...readdirSync(join(COURSE, 'modules')).map((f) => `modules/${f}`)].map((path) => ({ path, text: readFileSync(join(COURSE, path), 'utf8') }));

interface Leaf {
  path: YamlPath;
  value: unknown;
  /** 0-based lines the field occupies: from its key (or dash) to the end of its value. */
  first: number;
  last: number;
}

/** Every scalar of a file with the lines of its field, and every block list with its length. */
function survey(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const line = (offset: number) => lines.linePos(offset).line - 1;
  const leaves: Leaf[] = [];
  const fields: Leaf[] = [];
  const maps: YamlPath[] = [];
  const lists: Array<{ path: YamlPath; length: number }> = [];
  const lastLine = (node: Node) => line(text[node.range![1] - 1] === '\n' ? node.range![1] - 2 : node.range![1] - 1);
  const walk = (node: unknown, path: YamlPath, fieldStart: number) => {
    if (path.length && (isMap(node) || isSeq(node) || isScalar(node))) fields.push({ path, value: null, first: line(fieldStart), last: lastLine(node as Node) });
    if (isMap(node)) {
      maps.push(path);
      for (const pair of node.items) walk(pair.value, [...path, String((pair.key as { value: unknown }).value)], (pair.key as Node).range![0]);
    } else if (isSeq(node)) {
      if (!node.flow) lists.push({ path, length: node.items.length });
      // A block item's lines start at its dash.
      node.items.forEach((item, i) => walk(item, [...path, i], node.flow ? (item as Node).range![0] : text.lastIndexOf('-', (item as Node).range![0])));
    } else if (isScalar(node) && node.range) {
      leaves.push({ path, value: node.value, first: line(fieldStart), last: lastLine(node) });
    }
  };
  walk(doc.contents, [], 0);
  return { data: doc.toJS() as unknown, leaves, fields, maps, lists };
}

const SURVEYS = FILES.map((f) => ({ ...f, ...survey(f.text) }));

function setIn(data: unknown, path: YamlPath, value: unknown): unknown {
  const copy = structuredClone(data);
  let at = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = value;
  return copy;
}

const getIn = (data: unknown, path: YamlPath): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], data);
const parse = (text: string) => parseDocument(text, { uniqueKeys: true, strict: true }).toJS() as unknown;

/** A new value of the same kind as the old one (texts: any text the loader accepts). */
const valueLike = (old: unknown): fc.Arbitrary<unknown> =>
  typeof old === 'number' ? fc.integer({ min: 0, max: 10_000 }) : typeof old === 'boolean' ? fc.boolean() : stringArb('accepted');

const fileArb = fc.integer({ min: 0, max: SURVEYS.length - 1 });

/** Any value a form can send: texts, numbers, booleans, null, and lists and mappings of them. */
const KEYS = fc.constantFrom('en', 'fr', 'id', 'title', 'body', 'type', 'zz-new');
const { value: anyValue } = fc.letrec<{ value: unknown; leaf: unknown }>((tie) => ({
  leaf: fc.oneof(stringArb('accepted'), fc.integer({ min: -1000, max: 100_000 }), fc.boolean(), fc.constant(null)),
  value: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(KEYS, tie('value'), { maxKeys: 3 })),
}));

describe('studio YAML edits on the counsellor training', () => {
  it('a set of one field changes only that field\'s lines and gives the intended data', () => {
    fc.assert(
      fc.property(
        fileArb.chain((f) => fc.tuple(fc.constant(f), fc.integer({ min: 0, max: SURVEYS[f]!.leaves.length - 1 }))).chain(([f, l]) => fc.tuple(fc.constant(f), fc.constant(l), valueLike(SURVEYS[f]!.leaves[l]!.value))),
        ([f, l, value]) => {
          const file = SURVEYS[f]!;
          const leaf = file.leaves[l]!;
          const result = applyOps(file.text, [{ op: 'set', path: leaf.path, value }]);
          expect(result.reformatted).toBe(false);
          expect(parse(result.text)).toEqual(setIn(file.data, leaf.path, value));
          const diff = lineDiff(file.text, result.text);
          if (diff.removed.length || diff.added.length) {
            expect(diff.prefix).toBeGreaterThanOrEqual(leaf.first);
            expect(diff.prefix + diff.removed.length - 1).toBeLessThanOrEqual(leaf.last);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  }, TIMEOUT);

  it('a set of any value (texts, lists, mappings) at a field, or at a new key of a mapping, changes only the lines of that field or mapping', () => {
    const target = fileArb.chain((f) =>
      fc.tuple(
        fc.constant(f),
        fc.oneof(
          fc.integer({ min: 0, max: SURVEYS[f]!.fields.length - 1 }).map((i) => ({ field: SURVEYS[f]!.fields[i]!, path: SURVEYS[f]!.fields[i]!.path })),
          // A new key: within its mapping's lines (only added lines in a block mapping; a flow mapping's line changes).
          fc.integer({ min: 0, max: SURVEYS[f]!.maps.length - 1 }).map((i) => {
            const map = SURVEYS[f]!.maps[i]!;
            return { field: SURVEYS[f]!.fields.find((x) => isDeepStrictEqual(x.path, map)), path: [...map, 'zz-added'] };
          }),
        ),
        anyValue,
      ),
    );
    fc.assert(
      fc.property(target, ([f, { field, path }, value]) => {
        const file = SURVEYS[f]!;
        const result = applyOps(file.text, [{ op: 'set', path, value }]);
        expect(result.reformatted).toBe(false);
        expect(parse(result.text)).toEqual(setIn(file.data, path, value));
        const diff = lineDiff(file.text, result.text);
        if (!field) expect(diff.removed).toEqual([]);
        else if (diff.removed.length || diff.added.length) {
          expect(diff.prefix).toBeGreaterThanOrEqual(field.first);
          expect(diff.prefix + Math.max(diff.removed.length - 1, 0)).toBeLessThanOrEqual(field.last + (diff.removed.length ? 0 : 1));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, TIMEOUT);

  it('delete, insert and duplicate give the intended data and change one run of lines; move keeps every line', () => {
    const listArb = fileArb.filter((f) => SURVEYS[f]!.lists.length > 0).chain((f) => fc.tuple(fc.constant(f), fc.integer({ min: 0, max: SURVEYS[f]!.lists.length - 1 })));
    const opArb = listArb.chain(([f, li]) => {
      const { path, length } = SURVEYS[f]!.lists[li]!;
      const index = fc.integer({ min: 0, max: length - 1 });
      return fc.tuple(
        fc.constant(f),
        fc.oneof(
          index.map((i) => ({ op: 'delete' as const, path: [...path, i] })),
          fc.tuple(fc.integer({ min: 0, max: length }), stringArb('accepted')).map(([i, value]) => ({ op: 'insert' as const, path, index: i, value })),
          fc.tuple(index, index).map(([from, to]) => ({ op: 'move' as const, path, from, to })),
          index.map((i) => ({ op: 'duplicate' as const, path: [...path, i] })),
        ),
      );
    });
    fc.assert(
      fc.property(opArb, ([f, op]) => {
        const file = SURVEYS[f]!;
        if (op.op === 'delete' && (getIn(file.data, op.path.slice(0, -1)) as unknown[]).length === 1) return;
        const result = applyOps(file.text, [op]);
        expect(result.reformatted).toBe(false);
        const data = parse(result.text);
        const list = (d: unknown) => getIn(d, op.op === 'delete' || op.op === 'duplicate' ? op.path.slice(0, -1) : op.path) as unknown[];
        const before = [...list(file.data)];
        if (op.op === 'delete') before.splice(op.path[op.path.length - 1] as number, 1);
        if (op.op === 'insert') before.splice(op.index, 0, op.value);
        if (op.op === 'move') before.splice(op.to, 0, before.splice(op.from, 1)[0]);
        if (op.op === 'duplicate') expect(list(data)).toHaveLength(before.length + 1);
        else expect(list(data)).toEqual(before);
        const diff = lineDiff(file.text, result.text);
        if (op.op === 'move') expect(result.text.split('\n').sort()).toEqual(file.text.split('\n').sort());
        if (op.op === 'delete') expect(diff.added).toEqual([]);
        if (op.op === 'insert' || op.op === 'duplicate') expect(diff.removed).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, TIMEOUT);
});
