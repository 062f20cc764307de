/**
 * The edit operations the studio sends to `POST /api/edit` (docs: /work/notes/studio-api.md), and
 * the pure helpers that build them: per-language text values, new items with every required field,
 * ids unique in the course. No I/O here.
 */
import { getIn, modelOf, variantOf, type DataPath, type FieldModel, type JsonSchema } from './schema-form.js';

export type Op =
  | { op: 'set'; path: DataPath; value: unknown }
  | { op: 'delete'; path: DataPath }
  | { op: 'insert'; path: DataPath; index: number; value: unknown }
  | { op: 'move'; path: DataPath; from: number; to: number }
  | { op: 'duplicate'; path: DataPath };

export type TextValue = string | Record<string, string>;

/**
 * The op that sets the text of `lang` in the text field at `path`. A map gets only its `lang` key
 * set (one line changes); a plain string stays a string in a one-language course, and becomes a map
 * (the string kept as the source language's text) when the course has more languages.
 */
export function textSetOp(path: DataPath, current: unknown, lang: string, text: string, languages: string[]): Op {
  if (current && typeof current === 'object') return { op: 'set', path: [...path, lang], value: text };
  if (languages.length <= 1) return { op: 'set', path, value: text };
  const map: Record<string, string> = {};
  if (typeof current === 'string' && current !== '') map[languages[0]!] = current;
  map[lang] = text;
  return { op: 'set', path, value: map };
}

/** The text of `lang` in a text field: a plain string is the first language's text. */
export function textOf(value: unknown, lang: string, languages: string[]): string {
  if (typeof value === 'string') return lang === languages[0] ? value : '';
  if (value && typeof value === 'object') return String((value as Record<string, unknown>)[lang] ?? '');
  return '';
}

/** A lowercase id (letters, digits, single hyphens) from a title, unique among `taken`. */
export function uniqueId(title: string, taken: Set<string>, fallback = 'item'): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/g, '') || fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Every `id` value anywhere in `data` (pages, blocks, questions, choices). */
export function idsIn(data: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(data)) for (const item of data) idsIn(item, out);
  else if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      if (key === 'id' && typeof value === 'string') out.add(value);
      else idsIn(value, out);
    }
  }
  return out;
}

/** The texts that take the title the designer typed for a new item (its name, its question, its text). */
const NAMING_KEYS = new Set(['title', 'prompt', 'body', 'quote']);

export interface NewItemContext {
  /** Ids already used, updated with each id minted. */
  taken: Set<string>;
  /** The course's source language: new required texts get `placeholder` in it only. */
  sourceLanguage: string;
  placeholder: string;
  /** The title the designer typed, if any: for `title`, `prompt` and the first id. */
  title?: string;
}

/**
 * A value for `schema` with every required field filled: ids minted, texts with the placeholder
 * in the source language (the other languages show as missing on the Languages screen), arrays
 * with their minimum number of items, the first enum value. Optional fields are left out.
 */
export function newValue(schema: JsonSchema, ctx: NewItemContext, key = 'item'): unknown {
  const model: FieldModel = modelOf(schema);
  switch (model.kind) {
    case 'text':
      return { [ctx.sourceLanguage]: NAMING_KEYS.has(key) && ctx.title ? ctx.title : ctx.placeholder };
    case 'asset':
      return 'assets/';
    case 'string':
      if (key === 'id') {
        const id = uniqueId(ctx.title ?? '', ctx.taken, 'item');
        ctx.taken.add(id);
        return id;
      }
      return schema.default ?? '';
    case 'number':
      return schema.default ?? model.min ?? 0;
    case 'boolean':
      return schema.default ?? false;
    case 'enum':
      return schema.default ?? model.options[0];
    case 'union':
      return newValue(model.variants[0]!.schema, ctx, key);
    case 'choice':
      return newValue(model.options[0]!.schema, ctx, key);
    case 'array': {
      const items: unknown[] = [];
      // Items get no title: the designer's title names the new item, not its parts.
      for (let i = 0; i < (model.min ?? 0); i++) items.push(newValue(model.itemSchema, { ...ctx, title: undefined }, key));
      return items;
    }
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const field of model.fields) {
        if (!field.required) continue;
        if (field.key === 'type' && field.schema.const !== undefined) value.type = field.schema.const;
        else value[field.key] = newValue(field.schema, ctx, field.key);
      }
      return value;
    }
    default:
      return null;
  }
}

/** A new member of a union (block or question) of the given `type`. */
export function newOfType(unionSchema: JsonSchema, type: string, ctx: NewItemContext): unknown {
  const variant = variantOf(unionSchema, { type });
  if (!variant) throw new Error(`no variant "${type}" in this union`);
  const value = newValue(variant, ctx) as Record<string, unknown>;
  // An optional title (a knowledge check's) still takes the name the designer typed.
  if (ctx.title && value.title === undefined && variant.properties?.title && !Object.keys(value).some((k) => NAMING_KEYS.has(k))) value.title = { [ctx.sourceLanguage]: ctx.title };
  return value;
}

/** `value` with every `id` given a `-copy` suffix made unique among `taken` (a duplicated module). */
export function withCopiedIds(value: unknown, taken: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => withCopiedIds(v, taken));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (key !== 'id' || typeof v !== 'string') return [key, withCopiedIds(v, taken)];
      let id = `${v}-copy`;
      for (let n = 2; taken.has(id); n++) id = `${v}-copy-${n}`;
      taken.add(id);
      return [key, id];
    }),
  );
}

/** The move op of the item at `index` of the array at `path` one step up or down, or null at an end. */
export function stepMove(path: DataPath, index: number, length: number, step: -1 | 1): Op | null {
  const to = index + step;
  if (to < 0 || to >= length) return null;
  return { op: 'move', path, from: index, to };
}

/** Applies ops to a copy of `data` the way the server does, for optimistic display and tests. */
export function applyOps(data: unknown, ops: Op[]): unknown {
  const root = structuredClone(data) as Record<string | number, unknown>;
  for (const op of ops) {
    const parentPath = op.op === 'insert' || op.op === 'move' ? op.path : op.path.slice(0, -1);
    const last = op.path[op.path.length - 1]!;
    if (op.op === 'set') {
      let node = root as Record<string | number, unknown>;
      for (const key of parentPath) {
        if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object') node[key] = {};
        node = node[key] as Record<string | number, unknown>;
      }
      node[last] = op.value;
      continue;
    }
    const parent = getIn(root, parentPath);
    if (op.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[last as string];
    } else if (op.op === 'insert' && Array.isArray(parent)) parent.splice(op.index, 0, op.value);
    else if (op.op === 'move' && Array.isArray(parent)) parent.splice(op.to, 0, ...parent.splice(op.from, 1));
    else if (op.op === 'duplicate' && Array.isArray(parent)) {
      const index = last as number;
      parent.splice(index + 1, 0, withCopiedIds(parent[index], idsIn(root)));
    }
  }
  return root;
}
