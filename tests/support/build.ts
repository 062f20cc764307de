/** In-memory builds of courses for tests (nothing is written to disk). */
import { resolve } from 'node:path';
import { build, type BuildOptions, type BuiltPackage } from '../../src/package/build.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const COUNSELLOR = resolve(ROOT, 'courses/counsellor-training');
export const ALL_TYPES = resolve(ROOT, 'tests/fixtures/courses/all-types');
/** The courses the Moodle journeys play (in a DOM and in Chromium): the counsellor training in both languages, every question type. */
export const MOODLE_JOURNEY_CASES = [
  { name: 'counsellor training', course: COUNSELLOR, lang: 'en' },
  { name: 'counsellor training', course: COUNSELLOR, lang: 'fr' },
  { name: 'every question type', course: ALL_TYPES, lang: 'en' },
] as const;

export async function buildInMemory(course: string, options: Partial<BuildOptions> = {}) {
  return build({ courses: [course], write: false, cwd: ROOT, ...options });
}

export async function buildPackage(course: string, target: string, lang: string): Promise<BuiltPackage> {
  const result = await buildInMemory(course, { targets: [target], langs: [lang] });
  if (!result.ok) throw new Error(`build failed: ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.packages[0]!;
}

export function fileText(pkg: BuiltPackage, path: string): string {
  const file = pkg.files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} in package`);
  return typeof file.data === 'string' ? file.data : file.data.toString('utf8');
}
