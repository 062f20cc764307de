/** The course structure the report is laid out by: pages in order with their module, questions, assessments. */
import type { Assessment, Course, MediaBlock, Question, Scenario } from '../course/model.js';
import { courseIri } from '../player/tracking/xapi-iris.js';

export interface PageInfo {
  id: string;
  moduleId: string;
  title: string;
  index: number;
}

export interface QuestionInfo {
  question: Question;
  /** The assessment whose pool holds it, or the page of its knowledge check. */
  assessmentId?: string;
  pageId?: string;
  title: string;
}

export interface CourseIndex {
  course: Course;
  lang: string;
  /** The course IRI statements are about (only when `xapi.activityBase` is set). */
  iri?: string;
  pages: PageInfo[];
  modules: Array<{ id: string; title: string; pageIds: string[] }>;
  questions: Map<string, QuestionInfo>;
  assessments: Assessment[];
  /** Scenario blocks in course order, with their page (issue 15). */
  scenarios: Array<{ scenario: Scenario; pageId: string }>;
  /** Video and audio blocks in course order, with their page (issue 15). */
  media: Array<{ media: MediaBlock; pageId: string }>;
  text(map: Record<string, string> | undefined): string;
}

export function indexCourse(course: Course, lang = course.languages[0]!): CourseIndex {
  const text = (map: Record<string, string> | undefined) => (map ? (map[lang] ?? Object.values(map)[0] ?? '') : '');
  const pages: PageInfo[] = [];
  const questions = new Map<string, QuestionInfo>();
  const scenarios: CourseIndex['scenarios'] = [];
  const media: CourseIndex['media'] = [];
  for (const m of course.modules) {
    for (const p of m.pages) {
      pages.push({ id: p.id, moduleId: m.id, title: text(p.title), index: pages.length });
      for (const b of p.blocks) {
        if (b.type === 'check') for (const q of b.questions) questions.set(q.id, { question: q, pageId: p.id, title: text(q.prompt) });
        if (b.type === 'scenario') scenarios.push({ scenario: b, pageId: p.id });
        if (b.type === 'video' || b.type === 'audio') media.push({ media: b, pageId: p.id });
      }
    }
  }
  for (const a of course.assessments) for (const q of a.questions) questions.set(q.id, { question: q, assessmentId: a.id, title: text(q.prompt) });
  return {
    course,
    lang,
    ...(course.xapi ? { iri: courseIri(course.xapi.activityBase, course.id) } : {}),
    pages,
    modules: course.modules.map((m) => ({ id: m.id, title: text(m.title), pageIds: m.pages.map((p) => p.id) })),
    questions,
    assessments: course.assessments,
    scenarios,
    media,
    text,
  };
}

/** The choice-like options of a question, in the order the course lists them (for distractor counts). */
export function optionsOf(q: Question): Array<{ id: string; text: Record<string, string>; correct: boolean }> {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
      return q.choices.map((c) => ({ id: c.id, text: c.text, correct: c.correct }));
    case 'true-false':
      return [
        { id: 'true', text: { '': 'true' }, correct: q.answer },
        { id: 'false', text: { '': 'false' }, correct: !q.answer },
      ];
    case 'likert':
      return q.scale.map((s) => ({ id: s.id, text: s.text, correct: false }));
    default:
      return [];
  }
}
