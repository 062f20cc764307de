/** Loads a course folder: parse every file, validate, run the rules, build the model. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import type { Assessment, Block, Course, LangMap, Module, Question } from './model.js';
import { runRules, type CourseSources, type Validated } from './rules.js';
import { FILE_SCHEMAS, type AssessmentSource, type CourseSource, type FileKind, type ModuleSource, type QuestionSource, type TextValue } from './schema.js';
import { parseSource, pathString, positionOf, type SourceFile } from './source-file.js';
import { validateFile } from './validate.js';

export const COURSE_FILE = 'course.yaml';

export interface LoadResult {
  course: Course | null;
  diagnostics: Diagnostic[];
  /** Every source file read, by course-relative path (for code frames). */
  files: Map<string, string>;
}

/** Reads and checks the course in `dir`. `course` is null when there is any error. */
export function loadCourse(dir: string): LoadResult {
  const courseDir = resolve(dir);
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string>();
  const result = (course: Course | null): LoadResult => ({ course, diagnostics, files });

  if (!existsSync(join(courseDir, COURSE_FILE))) {
    diagnostics.push(diag('course-not-found', `no ${COURSE_FILE} in ${dir}`));
    return result(null);
  }
  const read = (kind: FileKind, path: string): Validated<unknown> | null => {
    const file = parseSource(path, readFileSync(join(courseDir, path)), diagnostics);
    if (!file) return null;
    files.set(path, file.text);
    const data: unknown = validateFile(file, FILE_SCHEMAS[kind], diagnostics);
    return data ? { kind, file, data } : null;
  };

  const course = read('course', COURSE_FILE) as Validated<CourseSource> | null;
  if (!course) return result(null);

  const include = (path: string, listPath: (string | number)[]): string | null => {
    const rel = posix.normalize(path);
    const where = { ...positionOf(course.file, listPath), path: pathString(listPath) };
    if (rel.startsWith('../') || posix.isAbsolute(rel)) {
      diagnostics.push(diag('asset-outside-course', `"${path}" is outside the course folder`, where, { hint: 'Keep module files inside the course folder.' }));
      return null;
    }
    const full = join(courseDir, rel);
    if (!existsSync(full) || !statSync(full).isFile()) {
      diagnostics.push(diag('file-not-found', `"${path}" does not exist`, where));
      return null;
    }
    return rel;
  };

  const modules: Validated<ModuleSource>[] = [];
  let complete = true;
  course.data.modules.forEach((path, i) => {
    const rel = include(path, ['modules', i]);
    const loaded = rel ? (read('module', rel) as Validated<ModuleSource> | null) : null;
    if (loaded) modules.push(loaded);
    else complete = false;
  });
  let assessment: Validated<AssessmentSource> | undefined;
  if (course.data.assessment) {
    const rel = include(course.data.assessment, ['assessment']);
    assessment = (rel ? read('assessment', rel) : null) as Validated<AssessmentSource> | undefined;
    if (!assessment) complete = false;
  }

  const sources: CourseSources = { dir: courseDir, course, modules, ...(assessment ? { assessment } : {}) };
  const assets = runRules(sources, diagnostics);
  if (!complete || diagnostics.some((d) => d.severity === 'error')) return result(null);
  return result(buildModel(sources, assets));
}

function buildModel(sources: CourseSources, assets: string[]): Course {
  const c = sources.course.data;
  const langs = c.languages;
  const t = (value: TextValue): LangMap => (typeof value === 'string' ? Object.fromEntries(langs.map((l) => [l, value])) : { ...value });
  const opt = (value: TextValue | undefined): LangMap | undefined => (value === undefined ? undefined : t(value));

  const question = (q: QuestionSource): Question => {
    const base = {
      id: q.id,
      prompt: t(q.prompt),
      feedback: { ...(q.feedback?.correct ? { correct: t(q.feedback.correct) } : {}), ...(q.feedback?.incorrect ? { incorrect: t(q.feedback.incorrect) } : {}) },
      weight: q.weight ?? 1,
    };
    if (q.type === 'true-false') return { ...base, type: q.type, answer: q.answer };
    return {
      ...base,
      type: q.type,
      choices: q.choices.map((ch) => ({ id: ch.id, text: t(ch.text), correct: ch.correct ?? false, ...(ch.feedback ? { feedback: t(ch.feedback) } : {}) })),
    };
  };

  const modules: Module[] = sources.modules.map(({ data: m }) => ({
    id: m.id,
    title: t(m.title),
    ...(m.description ? { description: t(m.description) } : {}),
    pages: m.pages.map((p) => ({
      id: p.id,
      title: t(p.title),
      blocks: p.blocks.map((b): Block => {
        switch (b.type) {
          case 'text':
            return { type: 'text', body: t(b.body) };
          case 'image':
            return { type: 'image', src: posix.normalize(b.src), alt: t(b.alt), ...(b.caption ? { caption: t(b.caption) } : {}), ...(b.credit ? { credit: t(b.credit) } : {}) };
          case 'callout':
            return { type: 'callout', style: b.style, body: t(b.body), ...(b.title ? { title: t(b.title) } : {}) };
          case 'testimony':
            return { type: 'testimony', name: t(b.name), quote: t(b.quote), ...(b.role ? { role: t(b.role) } : {}) };
          case 'check':
            return { type: 'check', id: b.id, questions: b.questions.map(question), ...(b.title ? { title: t(b.title) } : {}) };
        }
      }),
    })),
  }));

  const a = sources.assessment?.data;
  const assessment: Assessment | undefined = a
    ? { id: a.id, title: t(a.title), ...(a.intro ? { intro: t(a.intro) } : {}), passingScore: a.passingScore, attempts: a.attempts, showCorrectAnswers: a.showCorrectAnswers, questions: a.questions.map(question) }
    : undefined;

  return {
    id: c.id,
    version: c.version,
    languages: langs,
    title: t(c.title),
    ...(c.description ? { description: t(c.description) } : {}),
    ...(c.author ? { author: c.author } : {}),
    dir: sources.dir,
    completion: { pages: c.completion.pages },
    status: c.status,
    allowHtml: c.allowHtml,
    ...(c.xapi ? { xapi: { activityBase: c.xapi.activityBase } } : {}),
    cmi5: { aus: c.cmi5?.aus ?? 'course' },
    modules,
    ...(assessment ? { assessment } : {}),
    assets,
  };
}
