/**
 * Every translatable text of a course, with a stable id (`<file>#<data path>`). Reading tolerates
 * gaps in translations (that is what a translation workflow fixes) but not files that do not parse
 * or do not match the schema.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { COURSE_FILE } from '../course/load-course.js';
import { FILE_SCHEMAS, type CourseSource, type FileKind } from '../course/schema.js';
import { visitTexts } from '../course/schema-walk.js';
import { parseSource, pathString, positionOf, type DataPath, type SourceFile } from '../course/source-file.js';
import { validateFile } from '../course/validate.js';
import { unitId, type TextField } from './text-field.js';

export { textIn, type TextField } from './text-field.js';

/** One parsed and validated source file of the course. */
export interface CourseFile {
  kind: FileKind;
  file: SourceFile;
  data: unknown;
}

export interface TextEntry {
  /** `modules/01-the-sector.yaml#pages.2.blocks.0.body` */
  id: string;
  source: CourseFile;
  path: DataPath;
  value: TextField;
}

export interface CourseTexts {
  dir: string;
  id: string;
  languages: string[];
  files: CourseFile[];
  texts: TextEntry[];
}

/** Reads every file of the course in `dir`. Returns null (with diagnostics) if any file is unusable. */
export function readCourseTexts(dir: string, out: Diagnostic[]): CourseTexts | null {
  const courseDir = resolve(dir);
  if (!existsSync(join(courseDir, COURSE_FILE))) {
    out.push(diag('course-not-found', `no ${COURSE_FILE} in ${dir}`));
    return null;
  }
  const read = (kind: FileKind, path: string): CourseFile | null => {
    const file = parseSource(path, readFileSync(join(courseDir, path)), out);
    const data: unknown = file ? validateFile(file, FILE_SCHEMAS[kind], out) : null;
    return file && data ? { kind, file, data } : null;
  };
  const course = read('course', COURSE_FILE);
  if (!course) return null;
  const data = course.data as CourseSource & { assessments?: string[] };
  const listed: Array<[FileKind, string, DataPath]> = [
    ...data.modules.map((p, i): [FileKind, string, DataPath] => ['module', p, ['modules', i]]),
    ...(data.assessment ? [['assessment', data.assessment, ['assessment']] as [FileKind, string, DataPath]] : []),
    ...(data.assessments ?? []).map((p, i): [FileKind, string, DataPath] => ['assessment', p, ['assessments', i]]),
  ];
  const files: CourseFile[] = [course];
  let complete = true;
  for (const [kind, path, listPath] of listed) {
    const rel = posix.normalize(path);
    const full = join(courseDir, rel);
    if (rel.startsWith('../') || posix.isAbsolute(rel) || !existsSync(full) || !statSync(full).isFile()) {
      out.push(diag('file-not-found', `"${path}" does not exist in the course folder`, { ...positionOf(course.file, listPath), path: pathString(listPath) }));
      complete = false;
      continue;
    }
    const loaded = read(kind, rel);
    if (loaded) files.push(loaded);
    else complete = false;
  }
  if (!complete) return null;

  const texts: TextEntry[] = [];
  for (const source of files) {
    visitTexts(FILE_SCHEMAS[source.kind], source.data, (value, path) => {
      texts.push({ id: unitId(source.file.path, path), source, path: [...path], value: value as TextField });
    });
  }
  return { dir: courseDir, id: data.id, languages: data.languages, files, texts };
}
