/**
 * coursepack's Node API: what `import { build, check, loadCourse } from 'coursepack'` gives.
 * The command line is a thin layer over these functions (docs/api.md).
 */
export { build, type BuildOptions, type BuildResult, type BuiltPackage } from '../package/build.js';
export { check, type CheckOptions, type CheckResult } from './check.js';
export { findCourses } from './courses.js';
export { loadCourse, type LoadOptions, type LoadResult } from '../course/load-course.js';
export type { Course } from '../course/model.js';
export type { PackageFile } from '../package/zip.js';
export type { TargetId } from '../targets/types.js';
export { formatDiagnostic, type PrintOptions } from '../diagnostics/printer.js';
export { CODES, type Code, type CodeInfo } from '../diagnostics/codes.js';
export type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
