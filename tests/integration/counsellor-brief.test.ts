/**
 * The counsellor training keeps the shape ../shared/COURSE-BRIEF.md asks for ("Shape"): six modules
 * matching the outcomes, each of 4–8 short pages ending with a knowledge check of 2–4 questions with
 * feedback; a final assessment drawing 12 from a pool of at least 20 covering every module and every
 * scored question type, passing at 80 % with 3 attempts; a likert reflection survey at the end; English
 * and French. Read through the compiler's own loader, so a course that drifts from the brief fails here.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import type { Course, Question } from '../../src/course/model.js';
import { COUNSELLOR } from '../support/build.js';

const loaded = loadCourse(COUNSELLOR);
const course = loaded.course as Course;
/** The six modules of the brief's outcomes; the seventh closes the course with the survey. */
const outcomeModules = () => course.modules.slice(0, 6);
const SCORED_TYPES = ['single-choice', 'multiple-choice', 'true-false', 'fill-in', 'numeric', 'matching', 'sequencing'];

describe('the counsellor training has the shape of the brief', () => {
  it('loads without errors, in English and French', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(course.languages).toEqual(['en', 'fr']);
  });

  it('has six modules of 4–8 pages, each ending with a knowledge check of 2–4 questions that all give feedback', () => {
    expect(course.modules).toHaveLength(7);
    for (const module of outcomeModules()) {
      expect(module.pages.length, module.id).toBeGreaterThanOrEqual(4);
      expect(module.pages.length, module.id).toBeLessThanOrEqual(8);
      // The check closes the module; only the course's resources page (the brief's list of sources) may follow it.
      const teaching = module.pages.filter((p) => p.id !== 'resources');
      const last = [...teaching.at(-1)!.blocks].reverse().find((b) => b.type === 'check');
      expect(last, `${module.id}'s last page holds its knowledge check`).toBeDefined();
      if (last?.type !== 'check') continue;
      expect(last.questions.length, module.id).toBeGreaterThanOrEqual(2);
      expect(last.questions.length, module.id).toBeLessThanOrEqual(4);
      for (const q of last.questions) expect(hasFeedback(q), `${q.id} has feedback`).toBe(true);
    }
  });

  it('ends with a short ungraded likert reflection survey', () => {
    const closing = course.modules.at(-1)!;
    const questions = closing.pages.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'check' ? b.questions : [])));
    expect(questions.length).toBeGreaterThan(0);
    expect(questions.some((q) => q.type === 'likert')).toBe(true);
    expect(course.assessments.flatMap((a) => a.questions).some((q) => questions.includes(q))).toBe(false);
  });

  it('has a final assessment drawing 12 of at least 20 questions, passing at 80 % with 3 attempts, covering every module and scored type', () => {
    expect(course.assessments).toHaveLength(1);
    const final = course.assessments[0]!;
    expect(final.questions.length).toBeGreaterThanOrEqual(20);
    expect(final.draw).toBe(12);
    expect(final.passingScore).toBe(80);
    expect(final.attempts).toBe(3);
    for (const type of SCORED_TYPES) expect(final.questions.some((q) => q.type === type), type).toBe(true);
    // Each module is covered: some pool question sends the learner back to one of its pages.
    for (const module of outcomeModules()) {
      const pages = module.pages.map((p) => `(#${p.id})`);
      const covering = final.questions.filter((q) => pages.some((link) => JSON.stringify(q).includes(link)));
      expect(covering.length, `questions pointing into ${module.id}`).toBeGreaterThanOrEqual(2);
    }
  });
});

/** Feedback in both languages after a right or a wrong answer, or on each choice. */
function hasFeedback(q: Question): boolean {
  const both = (text?: Record<string, string>) => !!text?.en?.trim() && !!text?.fr?.trim();
  if (both(q.feedback.correct) || both(q.feedback.incorrect)) return true;
  return 'choices' in q && q.choices.every((c) => both(c.feedback));
}
