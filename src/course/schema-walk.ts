/**
 * Walks a zod schema alongside the data it describes. Used to suggest keys ("did you mean") and to
 * find every text field of a course for the translation rules, without repeating the schema's shape.
 */
import type { z } from 'zod';
import { inlineMarkdown, markdown, text as textSchema } from './schema.js';
import type { DataPath } from './source-file.js';

type AnySchema = z.ZodType;
interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  innerType?: AnySchema;
  in?: AnySchema;
  options?: AnySchema[];
  discriminator?: string;
}

const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/**
 * True for the text schema and every `.describe()` copy of it: a union of a string and a record, in
 * that order. (An image `src` is a record-or-string union, so it is not a text.)
 */
function isTextSchema(s: AnySchema): boolean {
  if (s === textSchema) return true;
  const def = defOf(s);
  const types = def.type === 'union' ? def.options?.map((o) => defOf(o).type) : undefined;
  return types?.length === 2 && types[0] === 'string' && types[1] === 'record';
}

function unwrap(s: AnySchema): AnySchema {
  let current = s;
  for (;;) {
    const def = defOf(current);
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** For a union, the option that fits `value` (by discriminator, else the first object option). */
function resolve(s: AnySchema, value: unknown): AnySchema {
  const inner = unwrap(s);
  const def = defOf(inner);
  if (def.type !== 'union' || !def.options) return inner;
  if (isTextSchema(inner)) return inner;
  if (def.discriminator && value && typeof value === 'object') {
    const tag = (value as Record<string, unknown>)[def.discriminator];
    const match = def.options.find((o) => {
      const shape = defOf(unwrap(o)).shape;
      const literal = shape?.[def.discriminator!];
      return literal !== undefined && (defOf(literal) as unknown as { values?: unknown[] }).values?.includes(tag);
    });
    if (match) return unwrap(match);
  }
  return unwrap(def.options.find((o) => defOf(unwrap(o)).type === 'object') ?? def.options[0]!);
}

/** The keys an object at `path` may have, or [] if the path does not lead to an object. */
export function knownKeys(schema: AnySchema, data: unknown, path: DataPath): string[] {
  let s = resolve(schema, data);
  let value = data;
  for (const segment of path) {
    const def = defOf(s);
    if (def.type === 'object' && def.shape) s = def.shape[String(segment)] ?? s;
    else if (def.type === 'array' && def.element) s = def.element;
    else return [];
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[segment as string] : undefined;
    s = resolve(s, value);
  }
  const def = defOf(s);
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Allowed discriminator values of the union at `path` (e.g. block types). */
export function discriminatorValues(schema: AnySchema, data: unknown, path: DataPath): string[] {
  let s = resolve(schema, data);
  let value = data;
  for (const segment of path) {
    const def = defOf(s);
    if (def.type === 'object' && def.shape?.[String(segment)]) s = unwrap(def.shape[String(segment)]!);
    else if (def.type === 'array' && def.element) s = unwrap(def.element);
    else return [];
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[segment as string] : undefined;
    const d = defOf(s);
    if (d.type === 'union' && d.discriminator && !isTextSchema(s)) {
      return d.options!.flatMap((o) => (defOf(defOf(unwrap(o)).shape![d.discriminator!]!) as unknown as { values: string[] }).values);
    }
    s = resolve(s, value);
  }
  return [];
}

/** How a text field is rendered: Markdown blocks, one line of inline Markdown, or plain text (escaped as typed). */
export type TextFormat = 'markdown' | 'inline' | 'plain';

function textFormat(s: AnySchema): TextFormat {
  return s === markdown ? 'markdown' : s === inlineMarkdown ? 'inline' : 'plain';
}

/** Calls `visit` for every text field present in `data` (a string or a language map), with how it is rendered. */
export function visitTexts(
  schema: AnySchema,
  data: unknown,
  visit: (value: unknown, path: DataPath, format: TextFormat) => void,
  path: (string | number)[] = [],
): void {
  if (data === undefined || data === null) return;
  const s = resolve(schema, data);
  if (isTextSchema(s)) {
    visit(data, path, textFormat(s));
    return;
  }
  const def = defOf(s);
  if (def.type === 'object' && def.shape && typeof data === 'object') {
    for (const [key, child] of Object.entries(def.shape)) {
      const value = (data as Record<string, unknown>)[key];
      if (value !== undefined) visitTexts(child, value, visit, [...path, key]);
    }
  } else if (def.type === 'array' && def.element && Array.isArray(data)) {
    data.forEach((item, i) => visitTexts(def.element!, item, visit, [...path, i]));
  }
}
