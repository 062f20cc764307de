/**
 * `coursepack questions import`: reads a Moodle XML, GIFT or Aiken file and writes its questions
 * into the course's YAML. Everything is read and mapped first; on any error nothing is written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, posix } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { loadCourse } from '../course/load-course.js';
import type { Course } from '../course/model.js';
import { allQuestions } from '../course/model.js';
import { parseSource, type SourceFile } from '../course/source-file.js';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { editYaml } from '../i18n/yaml-edit.js';
import { looksLikeAiken, readAiken } from './aiken-read.js';
import { categoryName, type BankAsset, type BankFormat, type BankQuestion, type ReadContext } from './bank.js';
import { readGift } from './gift-read.js';
import { IdPool, slug } from './ids.js';
import { mapQuestion } from './map.js';
import { readMoodleXml } from './moodle-xml-read.js';
import type { RawQuestion } from './raw.js';
import { toCourseData } from './shape.js';
import { appendToSequence, newFileText } from './yaml-append.js';

export interface ImportOptions {
  /** The bank file as the user named it (used in diagnostics). */
  file: string;
  bytes: Uint8Array;
  courseDir: string;
  format?: BankFormat;
  /** Into this assessment's pool (its id). */
  assessment?: string;
  /** Into this module file (course-relative), as new pages of knowledge checks. */
  module?: string;
  /** The language of texts without multilang markup (default: the course's first). */
  lang?: string;
  dryRun?: boolean;
  /** Warnings (questions left out or approximated) fail the import too. */
  strict?: boolean;
}

export interface ImportResult {
  ok: boolean;
  imported: number;
  /** Course-relative files written (or that would be, with dryRun). */
  written: string[];
  reformatted: string[];
  /** Files of the course, for code frames of course diagnostics. */
  courseFiles?: Map<string, string>;
  bankText?: string;
}

/** The format from the file's content: XML is Moodle XML, Aiken has its ANSWER: lines, the rest is GIFT. */
export function detectFormat(text: string): BankFormat {
  if (/^\s*(?:<\?xml|<quiz[\s>])/.test(text)) return 'moodlexml';
  if (looksLikeAiken(text) && !/[{}]/.test(text.replace(/\\[{}]/g, ''))) return 'aiken';
  return 'gift';
}

const CHECK_MAX = 20;

export function importQuestions(options: ImportOptions, out: Diagnostic[]): ImportResult {
  const result: ImportResult = { ok: false, imported: 0, written: [], reformatted: [] };
  const loaded = loadCourse(options.courseDir);
  result.courseFiles = loaded.files;
  if (!loaded.course) {
    out.push(...loaded.diagnostics);
    return result;
  }
  const course = loaded.course;
  const lang = options.lang ?? course.languages[0]!;
  if (!course.languages.includes(lang)) {
    out.push(diag('language-not-in-course', `--lang ${lang} is not a language of ${course.id} (${course.languages.join(', ')})`));
    return result;
  }
  const ctx: ReadContext = { file: options.file, languages: course.languages, lang };
  const text = new TextDecoder().decode(options.bytes);
  result.bankText = text;
  const format = options.format ?? detectFormat(text);
  const errors: Diagnostic[] = [];
  let raws: RawQuestion[] = [];
  let assets: BankAsset[] = [];
  if (format === 'moodlexml') {
    const read = readMoodleXml(options.bytes, ctx, errors);
    if (read) ({ questions: raws, assets } = read);
  } else raws = format === 'gift' ? readGift(text, ctx, errors) : readAiken(text, ctx, errors);
  renameAssets(options.courseDir, assets, raws);
  const mapped = raws.map((r) => mapQuestion(r, ctx, errors)).filter((q): q is BankQuestion => q !== null);
  for (const q of mapped) if (/!\[\]\(/.test(JSON.stringify(q.data.prompt))) errors.push(diag('question-approximated', `"${q.name}": an image has no alt text; add one in the YAML`, q.at));
  out.push(...errors);
  if (errors.some((d) => d.severity === 'error' || (options.strict && d.severity === 'warning'))) return result;
  if (!mapped.length) {
    out.push(diag('question-invalid', 'the file holds no question that can be imported', { file: options.file, line: 1, column: 1 }));
    return result;
  }

  const files = new Map<string, SourceFile>();
  const source = (path: string): SourceFile | null => {
    if (!files.has(path)) {
      const parsed = parseSource(path, readFileSync(join(options.courseDir, path)), out);
      if (!parsed) return null;
      files.set(path, parsed);
    }
    return files.get(path)!;
  };
  const ids = new IdPool(courseIds(course));
  const withIds = mapped.map((q) => ({ q, item: { id: ids.claim(q.idnumber || q.name, slug(String(Object.values(q.data.prompt as object)[0] ?? '')) || 'question'), ...toCourseData(q.data, course.languages) } }));
  const writes = new Map<string, string | Uint8Array>();
  const edit = (path: string, update: (file: SourceFile) => { text: string; reformatted: boolean }) => {
    const file = source(path);
    if (!file) return;
    const done = update(writes.has(path) ? reparse(file, String(writes.get(path))) : file);
    if (done.reformatted) result.reformatted.push(path);
    writes.set(path, done.text);
  };

  const assessmentFile = (id: string) => course.positions[id]?.file;
  if (options.assessment !== undefined) {
    const path = course.assessments.some((a) => a.id === options.assessment) ? assessmentFile(options.assessment) : undefined;
    if (!path) {
      out.push(diag('question-invalid', `the course has no assessment "${options.assessment}" (it has: ${course.assessments.map((a) => a.id).join(', ') || 'none'})`));
      return result;
    }
    edit(path, (f) => appendToSequence(f, ['questions'], withIds.map((w) => w.item)));
  } else {
    const groups = groupByCategory(withIds, options.file);
    for (const [category, items] of groups) {
      const pages = (moduleId: string) => pagesOf(category, items.map((w) => w.item), ids, moduleId, course.languages);
      if (options.module !== undefined) {
        const path = posix.normalize(options.module);
        const moduleId = course.modules.find((m) => course.positions[m.pages[0]!.id]?.file === path)?.id;
        if (!moduleId) {
          out.push(diag('file-not-found', `"${options.module}" is not a module file of ${course.id}`));
          return result;
        }
        edit(path, (f) => appendToSequence(f, ['pages'], pages(moduleId)));
        continue;
      }
      const target = findByTitle(course, category);
      if (target?.kind === 'assessment') edit(assessmentFile(target.id)!, (f) => appendToSequence(f, ['questions'], items.map((w) => w.item)));
      else if (target?.kind === 'module') edit(course.positions[target.firstPage]!.file, (f) => appendToSequence(f, ['pages'], pages(target.id)));
      else newModule(options.courseDir, course, category, ids, pages, writes, (p, e) => edit(p, e));
    }
  }
  for (const a of assets) {
    const path = `assets/${a.name}`;
    if (!existsSync(join(options.courseDir, path))) writes.set(path, a.bytes);
  }
  result.imported = withIds.length;
  result.written = [...writes.keys()];
  if (!options.dryRun) {
    for (const [path, text] of writes) {
      mkdirSync(dirname(join(options.courseDir, path)), { recursive: true });
      writeFileSync(join(options.courseDir, path), text);
    }
  }
  result.ok = true;
  return result;
}

const reparse = (file: SourceFile, text: string): SourceFile => parseSource(file.path, Buffer.from(text), []) ?? file;

function courseIds(course: Course): string[] {
  return [
    ...course.modules.flatMap((m) => [m.id, ...m.pages.flatMap((p) => [p.id, ...p.blocks.flatMap((b) => (b.type === 'check' ? [b.id] : []))])]),
    ...course.assessments.map((a) => a.id),
    ...allQuestions(course).map((q) => q.id),
  ];
}

function groupByCategory<T extends { q: BankQuestion }>(items: T[], file: string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  const fallback = basename(file, extname(file));
  for (const w of items) {
    const name = categoryName(w.q.category) || fallback;
    groups.set(name, [...(groups.get(name) ?? []), w]);
  }
  return groups;
}

function findByTitle(course: Course, name: string): { kind: 'module'; id: string; firstPage: string } | { kind: 'assessment'; id: string } | undefined {
  const same = (title: Record<string, string>) => Object.values(title).some((t) => t.trim() === name);
  const m = course.modules.find((x) => same(x.title));
  if (m) return { kind: 'module', id: m.id, firstPage: m.pages[0]!.id };
  const a = course.assessments.find((x) => same(x.title));
  return a ? { kind: 'assessment', id: a.id } : undefined;
}

const everyLang = (text: string, languages: string[]): string | Record<string, string> => (languages.length === 1 ? text : Object.fromEntries(languages.map((l) => [l, text])));

/** Knowledge checks hold at most 20 questions: one page per 20, titled after the category. */
function pagesOf(category: string, items: unknown[], ids: IdPool, moduleId: string, languages: string[]): unknown[] {
  const pages: unknown[] = [];
  for (let i = 0; i < items.length; i += CHECK_MAX) {
    const base = slug(category) || moduleId;
    pages.push({
      id: ids.claim(`${base}-questions`, 'questions'),
      title: everyLang(category, languages),
      blocks: [{ type: 'check', id: ids.claim(`${base}-check`, 'check'), questions: items.slice(i, i + CHECK_MAX) }],
    });
  }
  return pages;
}

/** A category that names no module or assessment becomes a new module file, listed in course.yaml. */
function newModule(
  dir: string,
  course: Course,
  category: string,
  ids: IdPool,
  pages: (moduleId: string) => unknown[],
  writes: Map<string, string | Uint8Array>,
  edit: (path: string, update: (file: SourceFile) => { text: string; reformatted: boolean }) => void,
): void {
  const id = ids.claim(slug(category) || 'questions', 'questions');
  let path = `modules/${id}.yaml`;
  for (let n = 2; existsSync(join(dir, path)) || writes.has(path); n++) path = `modules/${id}-${n}.yaml`;
  const firstModule = course.modules[0] ? course.positions[course.modules[0].pages[0]!.id]?.file : undefined;
  const firstLine = firstModule && posix.dirname(firstModule) === 'modules' ? /^# yaml-language-server:.*$/m.exec(readFileSync(join(dir, firstModule), 'utf8').split('\n')[0] ?? '')?.[0] : undefined;
  writes.set(path, newFileText({ id, title: everyLang(category, course.languages), pages: pages(id) }, firstLine));
  edit('course.yaml', (f) => editYaml(f, [{ kind: 'append', path: ['modules'], value: path }]));
}

/** Embedded files whose name is taken in assets/ by another file get a new name, and the texts follow. */
function renameAssets(dir: string, assets: BankAsset[], raws: RawQuestion[]): void {
  for (const a of assets) {
    const full = (name: string) => join(dir, 'assets', name);
    let name = a.name;
    const ext = extname(name);
    for (let n = 2; existsSync(full(name)) && !isDeepStrictEqual(new Uint8Array(readFileSync(full(name))), new Uint8Array(a.bytes)); n++) name = `${basename(a.name, ext)}-${n}${ext}`;
    if (name === a.name) continue;
    const from = `assets/${a.name}`;
    const to = `assets/${name}`;
    a.name = name;
    const swap = (t?: { text: string }) => t && (t.text = t.text.split(from).join(to));
    for (const r of raws) [r.text, r.generalFeedback, r.correctFeedback, r.incorrectFeedback, ...r.answers.flatMap((x) => [x.text, x.feedback])].forEach(swap);
  }
}
