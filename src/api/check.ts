/** `check()`: a build that stops after checking, renders nothing and writes nothing. */
import { build, type BuildOptions, type BuildResult } from '../package/build.js';

export type CheckOptions = Pick<BuildOptions, 'courses' | 'targets' | 'langs' | 'strict' | 'allowMissing' | 'cwd'>;

/** What `check()` found: `ok` is false when a course has an error (or a warning, with `strict`). */
export type CheckResult = Omit<BuildResult, 'packages'>;

/**
 * Checks courses as `coursepack check` does: the format, the rules across files, and each
 * target's limits (for `targets`, default every target the course is set up for).
 */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const { packages: _none, ...result } = await build({ ...options, checkOnly: true, write: false });
  return result;
}
