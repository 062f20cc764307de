/** The studio's forms come from the compiler's own JSON Schemas: every field kind is recognised, and new items are valid. */
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../../src/course/json-schema.js';
import { FILE_SCHEMAS } from '../../../src/course/schema.js';
import { newOfType, newValue, type NewItemContext } from '../../../src/studio/ui/app/ops.js';
import { fieldsOf, humanize, modelOf, schemaAt, type JsonSchema } from '../../../src/studio/ui/app/schema-form.js';

const schemas = jsonSchemas() as Record<'course' | 'module' | 'assessment', JsonSchema>;
const field = (schema: JsonSchema, key: string) => fieldsOf(schema).find((f) => f.key === key)!;
const ctx = (): NewItemContext => ({ taken: new Set(), sourceLanguage: 'en', placeholder: 'Write here', title: 'A new thing' });

describe('modelOf on the course schema', () => {
  it('tells texts, Markdown, enums, arrays, numbers, choices and booleans apart', () => {
    expect(field(schemas.course, 'title').model).toEqual({ kind: 'text', markdown: false });
    expect(field(schemas.course, 'languages').model).toMatchObject({ kind: 'array', item: { kind: 'string' }, min: 1 });
    expect(field(schemas.course, 'status').model.kind).toBe('enum');
    const completion = field(schemas.course, 'completion').model;
    expect(completion.kind).toBe('object');
    const pages = completion.kind === 'object' ? completion.fields.find((f) => f.key === 'pages')!.model : undefined;
    expect(pages?.kind).toBe('choice');
    expect(field(schemas.assessment, 'passingScore').model).toMatchObject({ kind: 'number', integer: false, min: 0, max: 100 });
    expect(field(schemas.assessment, 'attempts').model).toMatchObject({ kind: 'number', integer: true, min: 1, max: 99 });
    expect(field(schemas.assessment, 'shuffle').model.kind).toBe('boolean');
    expect(field(schemas.assessment, 'intro').model).toEqual({ kind: 'text', markdown: true });
  });

  it('sees blocks and questions as unions by type, and an image src as an asset', () => {
    const blocks = schemaAt(schemas.module, undefined, ['pages', 0, 'blocks'])!;
    const model = modelOf(blocks.items!);
    expect(model.kind).toBe('union');
    const types = model.kind === 'union' ? model.variants.map((v) => v.value) : [];
    expect(types).toEqual(expect.arrayContaining(['text', 'image', 'check', 'callout']));
    const image = model.kind === 'union' ? model.variants.find((v) => v.value === 'image')!.schema : {};
    expect(field(image, 'src').model).toEqual({ kind: 'asset' });
    expect(field(image, 'alt').model).toEqual({ kind: 'text', markdown: false });
    const questions = modelOf(schemaAt(schemas.assessment, undefined, ['questions'])!.items!);
    expect(questions.kind === 'union' && questions.variants.map((v) => v.value)).toEqual(expect.arrayContaining(['single-choice', 'multiple-choice', 'true-false']));
  });

  it('follows the data’s type down a path (a question inside a check)', () => {
    const data = { pages: [{ id: 'p', title: 'P', blocks: [{ type: 'text', body: 'x' }, { type: 'check', questions: [{ id: 'q', type: 'multiple-choice', prompt: 'Q', choices: [] }] }] }] };
    const q = schemaAt(schemas.module, data, ['pages', 0, 'blocks', 1, 'questions', 0])!;
    expect(q.properties?.type?.const).toBe('multiple-choice');
    expect(field(q, 'choices').model).toMatchObject({ kind: 'array', item: { kind: 'object' } });
    expect(schemaAt(schemas.module, data, ['pages', 0, 'nope'])).toBeUndefined();
  });

  it('humanizes keys for labels', () => {
    expect(humanize('passingScore')).toBe('Passing score');
    expect(humanize('accentText')).toBe('Accent text');
  });
});

describe('new items from the schema', () => {
  const blockUnion = schemaAt(schemas.module, undefined, ['pages', 0, 'blocks'])!.items!;
  const questionUnion = schemaAt(schemas.assessment, undefined, ['questions'])!.items!;
  const blockTypes = (modelOf(blockUnion) as { variants: Array<{ value: string }> }).variants.map((v) => v.value);
  const questionTypes = (modelOf(questionUnion) as { variants: Array<{ value: string }> }).variants.map((v) => v.value);

  it.each(blockTypes.filter((t) => t !== 'image'))('a new %s block passes the compiler’s schema in a module', (type) => {
    const c = ctx();
    const page = newValue(schemaAt(schemas.module, undefined, ['pages'])!.items!, c);
    (page as { blocks: unknown[] }).blocks.push(newOfType(blockUnion, type, c));
    const module = { id: 'm', title: { en: 'M' }, pages: [page] };
    const parsed = FILE_SCHEMAS.module.safeParse(module);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it.each(questionTypes)('a new %s question passes the compiler’s schema in an assessment, with unique ids', (type) => {
    const c = ctx();
    const question = newOfType(questionUnion, type, c) as Record<string, unknown>;
    expect(question.type).toBe(type);
    expect(question.prompt).toEqual({ en: 'A new thing' });
    const parsed = FILE_SCHEMAS.assessment.safeParse({ id: 'a', title: 'A', passingScore: 80, questions: [question] });
    // Schema-valid; whether its answers are right is for `check` (rules), as for any author.
    expect(parsed.error?.issues ?? []).toEqual([]);
    const ids = JSON.stringify(question).match(/"id":"[^"]+"/g) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
  });
});
