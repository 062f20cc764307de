/**
 * JSON Schema (as `/api/schema` serves it, generated from the compiler's zod schema) → a form
 * model the studio draws: which input each field gets. Pure, so the forms never fall behind the
 * format: a new field in src/course/schema.ts appears in the studio with no change here.
 */

/** The subset of JSON Schema that z.toJSONSchema produces for the course format. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  propertyNames?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
}

export type DataPath = Array<string | number>;

/** What a field is, for drawing an input. */
export type FieldModel =
  /** A course text: one input per course language; `markdown` gets the toolbar. */
  | { kind: 'text'; markdown: boolean }
  /** An asset path, or one per language (image `src`). */
  | { kind: 'asset' }
  | { kind: 'string'; pattern?: string; maxLength?: number }
  | { kind: 'number'; integer: boolean; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'enum'; options: Array<string | number> }
  | { kind: 'object'; fields: FieldInfo[] }
  | { kind: 'array'; item: FieldModel; itemSchema: JsonSchema; min?: number; max?: number }
  /** Objects told apart by their `type` (blocks, questions). */
  | { kind: 'union'; variants: Array<{ value: string; schema: JsonSchema }> }
  /** Alternatives of different kinds (`completion.pages`: `all` or a percentage). */
  | { kind: 'choice'; options: Array<{ model: FieldModel; schema: JsonSchema }> }
  | { kind: 'unknown' };

export interface FieldInfo {
  key: string;
  required: boolean;
  description?: string;
  schema: JsonSchema;
  model: FieldModel;
}

const isObject = (s: JsonSchema): boolean => s.type === 'object' || s.properties !== undefined;

/** A map from language tag to string: `propertyNames` with a pattern, values strings. */
function isLanguageMap(s: JsonSchema): boolean {
  return isObject(s) && s.propertyNames?.pattern !== undefined && typeof s.additionalProperties === 'object';
}

/** `anyOf [string, language map]` in either order: a course text or a per-language asset. */
function textLike(s: JsonSchema): 'text' | 'asset' | undefined {
  const alts = s.anyOf;
  if (!alts || alts.length !== 2) return undefined;
  const str = alts.find((a) => a.type === 'string');
  const map = alts.find(isLanguageMap);
  if (!str || !map) return undefined;
  return str.minLength !== undefined ? 'asset' : 'text';
}

/** The discriminator values of a `oneOf` of objects whose `type` is a const, or undefined. */
function unionVariants(s: JsonSchema): Array<{ value: string; schema: JsonSchema }> | undefined {
  const alts = s.oneOf ?? s.anyOf;
  if (!alts || alts.length === 0) return undefined;
  const variants = alts.map((a) => ({ value: a.properties?.type?.const, schema: a }));
  if (!variants.every((v) => typeof v.value === 'string')) return undefined;
  return variants as Array<{ value: string; schema: JsonSchema }>;
}

export function modelOf(schema: JsonSchema): FieldModel {
  const text = textLike(schema);
  if (text === 'text') return { kind: 'text', markdown: /^markdown/i.test(schema.description ?? '') };
  if (text === 'asset') return { kind: 'asset' };
  const variants = unionVariants(schema);
  if (variants) return { kind: 'union', variants };
  if (schema.anyOf || schema.oneOf) {
    const options = (schema.anyOf ?? schema.oneOf ?? []).map((s) => ({ schema: s, model: modelOf(s) }));
    const consts = options.every((o) => o.schema.const !== undefined);
    if (consts) return { kind: 'enum', options: options.map((o) => o.schema.const as string | number) };
    return { kind: 'choice', options };
  }
  if (schema.enum) return { kind: 'enum', options: schema.enum as Array<string | number> };
  if (schema.const !== undefined) return { kind: 'enum', options: [schema.const as string | number] };
  switch (schema.type) {
    case 'string':
      return { kind: 'string', ...(schema.pattern ? { pattern: schema.pattern } : {}), ...(schema.maxLength ? { maxLength: schema.maxLength } : {}) };
    case 'number':
    case 'integer': {
      const min = schema.minimum ?? schema.exclusiveMinimum;
      return { kind: 'number', integer: schema.type === 'integer', ...(min !== undefined ? { min } : {}), ...(schema.maximum !== undefined && schema.maximum < 1e15 ? { max: schema.maximum } : {}) };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      return {
        kind: 'array',
        item: modelOf(schema.items ?? {}),
        itemSchema: schema.items ?? {},
        ...(schema.minItems !== undefined ? { min: schema.minItems } : {}),
        ...(schema.maxItems !== undefined ? { max: schema.maxItems } : {}),
      };
  }
  if (isObject(schema)) return { kind: 'object', fields: fieldsOf(schema) };
  return { kind: 'unknown' };
}

export function fieldsOf(schema: JsonSchema): FieldInfo[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, s]) => ({
    key,
    required: required.has(key),
    ...(s.description ? { description: s.description } : {}),
    schema: s,
    model: modelOf(s),
  }));
}

/** The variant of a union that `value` (an object with `type`) belongs to. */
export function variantOf(schema: JsonSchema, value: unknown): JsonSchema | undefined {
  const type = value && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
  return unionVariants(schema)?.find((v) => v.value === type)?.schema;
}

/**
 * The schema of the node at `path` in `data` (a whole file), following unions by the data's
 * `type`. Undefined where the path leaves the schema.
 */
export function schemaAt(root: JsonSchema, data: unknown, path: DataPath): JsonSchema | undefined {
  let schema: JsonSchema | undefined = root;
  let value: unknown = data;
  for (const key of path) {
    if (!schema) return undefined;
    schema = variantOf(schema, value) ?? schema;
    if (typeof key === 'number') schema = schema.items;
    else schema = schema.properties?.[key];
    value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  }
  return schema && (variantOf(schema, value) ?? schema);
}

export function getIn(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const key of path) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

export const samePath = (a: DataPath, b: DataPath): boolean => a.length === b.length && a.every((k, i) => k === b[i]);
export const startsWith = (path: DataPath, prefix: DataPath): boolean => prefix.length <= path.length && prefix.every((k, i) => k === path[i]);

/** A field label from its key: `passingScore` → `Passing score`, used when the strings table has none. */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
