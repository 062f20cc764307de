/**
 * The studio's edits as data: the ops `POST /api/edit` receives, and what each does to the plain
 * values of a file (the data the edited text must parse to), with the ids a duplicate renames.
 * yaml-ops.ts writes them into the text.
 */

export type YamlPath = Array<string | number>;

/** One edit, as `POST /api/edit` receives it (docs in README.md). */
export type Op =
  | { op: 'set'; path: YamlPath; value: unknown }
  | { op: 'delete'; path: YamlPath }
  | { op: 'insert'; path: YamlPath; index: number; value: unknown }
  | { op: 'move'; path: YamlPath; from: number; to: number }
  | { op: 'duplicate'; path: YamlPath };

/** An op that does not fit the file (a path that is not there, an index out of range): the request is wrong. */
export class OpError extends Error {}

/** Lists whose items' ids are local to their question (a choice `a` in every question): duplicates keep them. */
export const LOCAL_ID_LISTS = new Set(['choices', 'pairs', 'items', 'scale', 'distractors']);

/** A duplicate becomes an insert of the copy with fresh ids, so the data and the text agree on them. */
export type Step = Op | { op: 'insert-copy'; path: YamlPath; index: number; value: unknown; renames: Map<string, string> };

export const show = (path: YamlPath) => (path.length ? path.join('.') : '(the whole file)');

export function getIn(data: unknown, path: YamlPath): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

export function idsIn(data: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(data)) data.forEach((item) => idsIn(item, out));
  else if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      if (key === 'id' && typeof value === 'string') out.add(value);
      else idsIn(value, out);
    }
  }
  return out;
}

/** Gives every id in `value` (but those local to a question) an unused `-copy`, `-copy-2`… name. */
export function renameIds(value: unknown, taken: Set<string>, renames: Map<string, string>, local: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => renameIds(item, taken, renames, local));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'id' && typeof inner === 'string' && !local) {
      let candidate = `${inner}-copy`;
      for (let n = 2; taken.has(candidate); n++) candidate = `${inner}-copy-${n}`;
      taken.add(candidate);
      renames.set(inner, candidate);
      out[key] = candidate;
    } else out[key] = renameIds(inner, taken, renames, local || LOCAL_ID_LISTS.has(key));
  }
  return out;
}

/** The data after `step`, computed on plain values: what the text must parse to. */
export function applyToData(data: unknown, step: Step): unknown {
  const root = structuredClone(data);
  const holder = { root };
  const full: YamlPath = ['root', ...step.path];
  const parentPath = full.slice(0, -1);
  const key = full[full.length - 1]!;
  if (step.op === 'set') {
    let parent = holder as unknown as Record<string | number, unknown>;
    for (const k of parentPath) {
      if (parent[k] === undefined || parent[k] === null) parent[k] = {};
      else if (typeof parent[k] !== 'object') throw new OpError(`${show(step.path)}: ${String(k)} holds a single value, not a mapping`);
      parent = parent[k] as Record<string | number, unknown>;
    }
    if (Array.isArray(parent) && (typeof key !== 'number' || key > parent.length)) throw new OpError(`${show(step.path)}: no such item`);
    parent[key] = structuredClone(step.value);
    return holder.root;
  }
  const target = getIn(holder, step.op === 'delete' ? parentPath : full);
  if (step.op === 'delete') {
    const container = target as Record<string | number, unknown> | unknown[] | undefined;
    if (Array.isArray(container) && typeof key === 'number' && key >= 0 && key < container.length) container.splice(key, 1);
    else if (container && typeof container === 'object' && !Array.isArray(container) && Object.hasOwn(container, key)) delete container[key];
    else throw new OpError(`${show(step.path)}: nothing to delete there`);
    return holder.root;
  }
  if (!Array.isArray(target)) throw new OpError(`${show(step.path)} is not a list`);
  if (step.op === 'move') {
    if (step.from < 0 || step.from >= target.length || step.to < 0 || step.to >= target.length) throw new OpError(`move ${step.from} → ${step.to}: the list has ${target.length} items`);
    const [item] = target.splice(step.from, 1);
    target.splice(step.to, 0, item);
  } else if (step.op === 'insert' || step.op === 'insert-copy') {
    if (step.index < 0 || step.index > target.length) throw new OpError(`insert at ${step.index}: the list has ${target.length} items`);
    target.splice(step.index, 0, structuredClone(step.value));
  }
  return holder.root;
}

