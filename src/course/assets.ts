import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import type { Code } from '../diagnostics/index.js';

/** Characters LMSs keep in file names (LMS-RULES.md rule 3). */
export const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

export type AssetCheck = { ok: true; path: string } | { ok: false; code: Code; message: string };

/** Checks a course-relative asset path: inside the course, present, a file, with a safe name. */
export function checkAsset(courseDir: string, raw: string): AssetCheck {
  const target = raw.split(/[?#]/)[0]!;
  if (/^(?:https?:)?\/\//i.test(target)) {
    return { ok: false, code: 'asset-outside-course', message: `"${raw}" is a remote file; packages must contain every file they show` };
  }
  if (isAbsolute(target) || /^[a-z]:[\\/]/i.test(target) || target.includes('\\')) {
    return { ok: false, code: 'asset-outside-course', message: `"${raw}" is an absolute path; use a path relative to the course folder` };
  }
  const normal = posix.normalize(target);
  if (normal.startsWith('../') || normal === '..') {
    return { ok: false, code: 'asset-outside-course', message: `"${raw}" points outside the course folder` };
  }
  const bad = normal.split('/').find((segment) => !SAFE_NAME.test(segment));
  if (bad !== undefined) {
    return { ok: false, code: 'asset-name', message: `"${bad}" in "${raw}" has characters LMSs do not keep in file names` };
  }
  const full = join(courseDir, normal);
  if (!existsSync(full) || !statSync(full).isFile()) {
    return { ok: false, code: 'missing-asset', message: `"${raw}" does not exist in the course folder` };
  }
  const real = realpathSync(full);
  const rel = relative(realpathSync(courseDir), real);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    return { ok: false, code: 'asset-outside-course', message: `"${raw}" is a link to a file outside the course folder` };
  }
  return { ok: true, path: normal.split(sep).join('/') };
}
