/**
 * The validated, normalised course that the render and target phases consume. Every text is a
 * language map with an entry for each course language; positions stay in the source files.
 */
import type { StatusPolicy } from './schema.js';

export type LangMap = Record<string, string>;

export interface Choice {
  id: string;
  text: LangMap;
  correct: boolean;
  feedback?: LangMap;
}

interface QuestionBase {
  id: string;
  prompt: LangMap;
  feedback: { correct?: LangMap; incorrect?: LangMap };
  weight: number;
}

export interface ChoiceQuestion extends QuestionBase {
  type: 'single-choice' | 'multiple-choice';
  choices: Choice[];
}

export interface TrueFalseQuestion extends QuestionBase {
  type: 'true-false';
  answer: boolean;
}

export type Question = ChoiceQuestion | TrueFalseQuestion;
export type QuestionType = Question['type'];

export type Block =
  | { type: 'text'; body: LangMap }
  | { type: 'image'; src: string; alt: LangMap; caption?: LangMap; credit?: LangMap }
  | { type: 'callout'; style: 'info' | 'tip' | 'warning' | 'example'; title?: LangMap; body: LangMap }
  | { type: 'testimony'; name: LangMap; role?: LangMap; quote: LangMap }
  | { type: 'check'; id: string; title?: LangMap; questions: Question[] };

export interface Page {
  id: string;
  title: LangMap;
  blocks: Block[];
}

export interface Module {
  id: string;
  title: LangMap;
  description?: LangMap;
  pages: Page[];
}

export interface Assessment {
  id: string;
  title: LangMap;
  intro?: LangMap;
  passingScore: number;
  attempts: number;
  showCorrectAnswers: boolean;
  questions: Question[];
}

export interface Course {
  id: string;
  version: string;
  languages: string[];
  title: LangMap;
  description?: LangMap;
  author?: string;
  /** Absolute path of the course folder. */
  dir: string;
  completion: { pages: 'all' | number };
  status: StatusPolicy;
  allowHtml: boolean;
  modules: Module[];
  assessment?: Assessment;
  xapi?: { activityBase: string };
  cmi5: { aus: 'course' | 'module' };
  /** Course-relative paths of every asset the content uses, sorted. */
  assets: string[];
}

/** Every question of the course, knowledge checks first, then the assessment. */
export function allQuestions(course: Course): Question[] {
  const fromChecks = course.modules.flatMap((m) => m.pages.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'check' ? b.questions : []))));
  return [...fromChecks, ...(course.assessment?.questions ?? [])];
}

export function allPages(course: Course): Page[] {
  return course.modules.flatMap((m) => m.pages);
}
