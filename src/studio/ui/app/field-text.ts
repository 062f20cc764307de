/**
 * The words the generated forms show for a field — its label, its help text, the names of its
 * options — looked up in the interface tables by the field's place in the schema. Pure.
 *
 * A field's place is its "schema key": the file kind, then each property name and the `type` of
 * each block or question passed through, array indexes left out (`module.pages.blocks.accordion.title`).
 * The tables hold entries for the shortest ending of that key that says enough: `help.title` serves
 * every title; `help.accordion.title` only the accordion's, and wins over it (longest ending first).
 * English help texts are the schema's own descriptions (src/course/schema.ts `.describe()`): en.json
 * holds a copy that tests/unit/studio/field-text.test.ts keeps equal to them, so a description
 * changed in the schema shows which French text is stale.
 */
import type { Strings } from './i18n.js';
import { fieldsOf, humanize, modelOf, variantOf, type DataPath, type FieldInfo, type JsonSchema } from './schema-form.js';

/** The ways a text field is described only to explain its YAML form: the form shows one input per language instead, so no help. */
export const GENERIC_TEXT = /^(?:Markdown text|Text): a string, or a map from language code/;

/** Whether the form shows this description as the field's help. */
export const showsHelp = (description: string | undefined): description is string => description !== undefined && !GENERIC_TEXT.test(description);

/** The schema key of the node at `path` in `data` (a whole file of `kind`), following blocks and questions by their `type`. */
export function schemaKey(kind: string, root: JsonSchema, data: unknown, path: DataPath): string[] {
  const key = [kind];
  let schema: JsonSchema | undefined = root;
  let value: unknown = data;
  for (const step of path) {
    if (!schema) break;
    const variant = variantOf(schema, value);
    if (variant) {
      schema = variant;
      key.push(String((value as { type: string }).type));
    }
    if (typeof step === 'number') schema = schema.items;
    else {
      schema = schema.properties?.[step];
      key.push(step);
    }
    value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[step] : undefined;
  }
  return key;
}

/** The table keys for `prefix` + an ending of `key`, longest ending first. */
export function candidates(prefix: string, key: readonly string[], suffix = ''): string[] {
  return key.map((_, i) => `${prefix}.${key.slice(i).join('.')}${suffix}`);
}

/** The first of `keys` the table has, or undefined. */
export function lookup(strings: Strings, keys: readonly string[]): { key: string; text: string } | undefined {
  for (const key of keys) if (strings[key] !== undefined) return { key, text: strings[key]! };
  return undefined;
}

/** A field's label: `field.<ending of its key>`. */
export function fieldLabel(strings: Strings, key: readonly string[]): string {
  return lookup(strings, candidates('field', key))?.text ?? humanize(key[key.length - 1] ?? '');
}

/** A field's help text in the interface language, or the schema's description; undefined where the form shows none. */
export function fieldHelp(strings: Strings, key: readonly string[], description: string | undefined): string | undefined {
  if (!showsHelp(description)) return undefined;
  return lookup(strings, candidates('help', key))?.text ?? description;
}

/** The name of an option of an enum field: `option.<ending of its key>.<value>`, else the value itself. */
export function optionLabel(strings: Strings, key: readonly string[], value: string | number): string {
  return lookup(strings, candidates('option', key, `.${value}`))?.text ?? String(value);
}

/** The name of a block or question type: `type.<value>`, else the value itself. */
export function typeLabel(strings: Strings, type: string): string {
  return strings[`type.${type}`] ?? type;
}

/** A field the forms can show, with its schema key. */
export interface ReachableField {
  key: string[];
  info: FieldInfo;
}

/**
 * Every field the studio's forms can show for a file of `kind`, through every block and question
 * type, as the forms draw them (fields.tsx): objects field by field (a `type` const is not a
 * field), list items, each variant of a union; a text, an asset and a choice of kinds are one control.
 */
export function reachableFields(kind: string, root: JsonSchema): ReachableField[] {
  const out: ReachableField[] = [];
  const walk = (schema: JsonSchema, key: string[], depth: number): void => {
    if (depth > 40) return;
    const model = modelOf(schema);
    if (model.kind === 'array') walk(model.itemSchema, key, depth + 1);
    else if (model.kind === 'union') for (const v of model.variants) walk(v.schema, [...key, v.value], depth + 1);
    else if (model.kind === 'object')
      for (const field of fieldsOf(schema)) {
        if (field.key === 'type' && field.schema.const !== undefined) continue;
        const fieldKey = [...key, field.key];
        out.push({ key: fieldKey, info: field });
        walk(field.schema, fieldKey, depth + 1);
      }
  };
  walk(root, [kind], 0);
  return out;
}
