/**
 * `coursepack questions export`: every question of a course, knowledge checks by module then each
 * assessment's pool, each group in a category named after its module or assessment, as Moodle XML
 * or GIFT for Moodle's question bank.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCourse } from '../course/load-course.js';
import type { LangMap, Question } from '../course/model.js';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { wildcardPattern } from './map-answers.js';
import { joinMultilang } from './multilang.js';
import { writeGift } from './gift-write.js';
import { writeMoodleXml } from './moodle-xml-write.js';

/** The same in every export, so a bank exported again after a round trip is the same file. */
const CATEGORY_INFO = 'Questions of a coursepack course: a module\'s knowledge checks or an assessment\'s pool.';

export type ExportFormat = 'moodlexml' | 'gift';

export interface ExportOptions {
  courseDir: string;
  format: ExportFormat;
  /** One language only; default: every language, as multilang text. */
  lang?: string;
}

export interface ExportResult {
  text?: string;
  exported: number;
  courseFiles?: Map<string, string>;
}

export interface ExportCategory {
  /** The category path Moodle creates: `$course$/top/<name>`. */
  path: string;
  info: string;
  questions: Question[];
}

/** What the writers share: the languages written and how a text becomes one string. */
export interface ExportContext {
  languages: string[];
  courseDir: string;
  out: Diagnostic[];
  positions: Record<string, { file: string; line: number; column: number }>;
  text(map: LangMap | undefined): string;
  /** Leaves a question out, or a part of it, with a warning naming it. */
  warn(q: Question, message: string, code?: 'question-export-unsupported' | 'question-approximated'): void;
  readAsset(path: string): Uint8Array | null;
}

export function exportQuestions(options: ExportOptions, out: Diagnostic[]): ExportResult {
  const loaded = loadCourse(options.courseDir);
  const result: ExportResult = { exported: 0, courseFiles: loaded.files };
  if (!loaded.course) {
    out.push(...loaded.diagnostics);
    return result;
  }
  const course = loaded.course;
  if (options.lang && !course.languages.includes(options.lang)) {
    out.push(diag('language-not-in-course', `--lang ${options.lang} is not a language of ${course.id} (${course.languages.join(', ')})`));
    return result;
  }
  const languages = options.lang ? [options.lang] : course.languages;
  const nameLang = languages[0]!;
  const categories: ExportCategory[] = [
    ...course.modules.map((m) => ({
      path: `$course$/top/${m.title[nameLang]!.trim()}`,
      info: CATEGORY_INFO,
      questions: m.pages.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'check' ? b.questions : []))),
    })),
    ...course.assessments.map((a) => ({ path: `$course$/top/${a.title[nameLang]!.trim()}`, info: CATEGORY_INFO, questions: a.questions })),
  ].filter((c) => c.questions.length);
  const ctx: ExportContext = {
    languages,
    courseDir: course.dir,
    out,
    positions: course.positions,
    text: (map) => (map ? joinMultilang(Object.fromEntries(languages.map((l) => [l, withoutPageLinks((map[l] ?? '').trim())])), languages) : ''),
    warn: (q, message, code = 'question-export-unsupported') => out.push(diag(code, `"${q.id}" (${q.type}): ${message}`, course.positions[q.id])),
    readAsset: (path) => {
      try {
        return new Uint8Array(readFileSync(join(course.dir, path)));
      } catch {
        return null;
      }
    },
  };
  const written = options.format === 'moodlexml' ? writeMoodleXml(categories, ctx) : writeGift(categories, ctx);
  result.text = written.text;
  result.exported = written.count;
  return result;
}

/** Links to pages of the course (`[text](#page-id)`) lead nowhere in Moodle: their text stays, the link goes. */
const withoutPageLinks = (text: string): string => text.replace(/(?<!!)\[([^\]]*)\]\(#[^)\s]*\)/g, '$1');

/** Feedback as Moodle holds it: one general text when right and wrong answers get the same. */
export function feedbackParts(q: Question, ctx: ExportContext): { general: string; correct: string; incorrect: string } {
  const correct = ctx.text(q.feedback.correct);
  const incorrect = ctx.text(q.feedback.incorrect);
  if (correct && correct === incorrect) return { general: correct, correct: '', incorrect: '' };
  return { general: '', correct, incorrect };
}

/** A numeric question's range as Moodle's value ± tolerance, rounded so a round trip gives the same digits. */
export function valueAndTolerance(range: { min: number; max: number }): { value: number; tolerance: number } {
  const round = (n: number) => Number(n.toPrecision(12));
  return { value: round((range.min + range.max) / 2), tolerance: round((range.max - range.min) / 2) };
}

/** Moodle's short answers do not depend on the language: the accepted answers of every language written. */
export function acceptedAnswers(q: Extract<Question, { type: 'fill-in' }>, ctx: ExportContext): string[] {
  const answers = [...new Set(q.answers.flatMap((a) => ctx.languages.map((l) => (a[l] ?? '').trim())).filter(Boolean))];
  // The pattern an import makes covers the wildcard answers of every language, written or not.
  const everyLanguage = [...new Set(q.answers.flatMap((a) => Object.values(a).map((t) => t.trim())))];
  if (q.pattern && q.pattern !== wildcardPattern(everyLanguage)) ctx.warn(q, `its pattern ${q.pattern} is left out: Moodle's short answers know only the * wildcard`, 'question-approximated');
  return answers;
}

/** Moodle's fraction for each of k right choices, from its list of allowed grades (100/k for k up to 10). */
export function shareOf(k: number): string {
  return String(Number((100 / k).toFixed(5)));
}

export const nonEmpty = (s: string): boolean => s.trim() !== '';
