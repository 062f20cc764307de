/** The published JSON Schemas are generated from the zod schema and kept in sync. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/course/json-schema.js';
import { ROOT } from '../support/build.js';

describe('schema/*.schema.json', () => {
  it.each(['course', 'module', 'assessment'])('%s.schema.json matches the zod schema (run `npm run schema` after changing it)', (name) => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'schema', `${name}.schema.json`), 'utf8'));
    expect(committed).toEqual(jsonSchemas()[name]);
  });

  it('describes keys for editor completion', () => {
    const course = jsonSchemas().course as { properties: Record<string, { description?: string }>; required: string[] };
    expect(Object.keys(course.properties)).toEqual(expect.arrayContaining(['id', 'version', 'languages', 'title', 'modules', 'assessment', 'completion', 'status']));
    expect(course.required).toEqual(expect.arrayContaining(['id', 'version', 'languages', 'title', 'modules']));
    expect(course.properties.languages!.description).toMatch(/one package is built per language/);
  });

  it('is referenced from the bundled course files', () => {
    const first = (path: string) => readFileSync(join(ROOT, 'courses/counsellor-training', path), 'utf8').split('\n')[0];
    expect(first('course.yaml')).toBe('# yaml-language-server: $schema=../../schema/course.schema.json');
    expect(first('assessment.yaml')).toBe('# yaml-language-server: $schema=../../schema/assessment.schema.json');
    expect(first('modules/01-the-sector.yaml')).toBe('# yaml-language-server: $schema=../../../schema/module.schema.json');
  });
});
