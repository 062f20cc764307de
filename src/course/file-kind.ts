/** Which kind of course file a parsed YAML file looks like, so a file listed in the wrong place is one clear mistake. */
import type { FileKind } from './schema.js';

/** Keys only one kind of file has. */
const TELLING_KEYS: Record<FileKind, string[]> = {
  course: ['languages', 'modules', 'version', 'assessments'],
  module: ['pages'],
  assessment: ['questions', 'passingScore', 'draw'],
};

/** The kind `data` looks like, or undefined when nothing tells (a module with mistakes is still a module). */
export function guessKind(data: unknown): FileKind | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const keys = Object.keys(data);
  const kinds = (Object.keys(TELLING_KEYS) as FileKind[]).filter((kind) => TELLING_KEYS[kind].some((k) => keys.includes(k)));
  return kinds.length === 1 ? kinds[0] : undefined;
}

export const KIND_NAMES: Record<FileKind, string> = { course: 'the course file', module: 'a module', assessment: 'an assessment' };
export const KIND_LISTS: Record<FileKind, string> = { course: '', module: 'modules:', assessment: 'assessment: (or assessments:)' };
