/** The fixture course (tests/support/testdir.ts) with an activity base, built for xapi / cmi5. */
import validate from 'xapi-validation';
import { expect } from 'vitest';
import type { BuiltPackage } from '../../../src/package/build.js';
import { buildInMemory } from '../../support/build.js';
import { testdir, validCourse } from '../../support/testdir.js';
import type { StoredStatement } from './lrs.js';

export const BASE = 'https://learning.example.org/courses/';
export const COURSE_IRI = `${BASE}sample`;

export const ADL = 'http://adlnet.gov/expapi/verbs/';

/** The fixture course.yaml plus `xapi.activityBase` (and any extra lines, e.g. `cmi5: { aus: module }`). */
export function courseFiles(extra = '', base = BASE) {
  const files = validCourse();
  return validCourse({ 'course.yaml': `${String(files['course.yaml'])}xapi:\n  activityBase: ${base}\n${extra}` });
}

export async function buildFixture(target: 'xapi' | 'cmi5', extra = '', lang = 'en', base = BASE): Promise<BuiltPackage> {
  const result = await buildInMemory(testdir(courseFiles(extra, base)), { targets: [target], langs: [lang] });
  if (!result.ok) throw new Error(`build failed: ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.packages[0]!;
}

export const verbsOf = (statements: Array<{ verb: { id: string } }>) => statements.map((s) => s.verb.id.replace(ADL, ''));

type Warning = { path: string[]; constructor: { name: string } };
/** xapi-validation is CommonJS with `exports.default`: reached as `.default` from ESM. */
const validateStatement = ((validate as unknown as { default?: unknown }).default ?? validate) as (statement: unknown) => Warning[];

/** Every statement passes Learning Locker's validator (xapi-validation 2.1.4). */
export function expectValid(statements: unknown[]): void {
  const problems = statements.flatMap((s, i) => validateStatement(s).map((w) => `statement ${i}: ${w.path.join('.')} ${w.constructor.name}`));
  expect(problems).toEqual([]);
}

export function expectSameIds(stored: StoredStatement[], sent: Array<Record<string, unknown>>): void {
  expect(stored.map((s) => s.id)).toEqual(sent.map((s) => s.id));
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Reads a text file of the package. */
export function packageText(pkg: BuiltPackage, path: string): string {
  const file = pkg.files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path}`);
  return typeof file.data === 'string' ? file.data : file.data.toString('utf8');
}
