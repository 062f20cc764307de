/**
 * The validated, normalised course that the render and target phases consume. Every text is a
 * language map with an entry for each course language; positions stay in the source files.
 */
import type { SourcePosition } from '../diagnostics/index.js';
import type { StatusPolicy } from './schema.js';
import type { ThemeColors } from './theme.js';

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

/** An item of a matching, sequencing or likert question. */
export interface Item {
  id: string;
  text: LangMap;
}

export interface ChoiceQuestion extends QuestionBase {
  type: 'single-choice' | 'multiple-choice';
  choices: Choice[];
  scoring: 'all-or-nothing' | 'partial';
}

export interface TrueFalseQuestion extends QuestionBase {
  type: 'true-false';
  answer: boolean;
}

export interface FillInQuestion extends QuestionBase {
  type: 'fill-in';
  answers: LangMap[];
  caseSensitive: boolean;
  pattern?: string;
  maxLength: number;
}

export interface NumericQuestion extends QuestionBase {
  type: 'numeric';
  /** Correct when min <= value <= max. */
  range: { min: number; max: number };
}

export interface MatchingQuestion extends QuestionBase {
  type: 'matching';
  pairs: Array<{ source: Item; target: Item }>;
  distractors: Item[];
}

export interface SequencingQuestion extends QuestionBase {
  type: 'sequencing';
  /** In the correct order. */
  items: Item[];
}

export interface LikertQuestion extends QuestionBase {
  type: 'likert';
  scale: Item[];
}

export interface FreeTextQuestion extends QuestionBase {
  type: 'free-text';
  maxLength: number;
}

export type Question =
  | ChoiceQuestion
  | TrueFalseQuestion
  | FillInQuestion
  | NumericQuestion
  | MatchingQuestion
  | SequencingQuestion
  | LikertQuestion
  | FreeTextQuestion;
export type QuestionType = Question['type'];

export type Block =
  | { type: 'text'; body: LangMap }
  | { type: 'image'; /** The file per language (the same path in every language for most images). */ src: LangMap; alt: LangMap; caption?: LangMap; credit?: LangMap }
  | { type: 'callout'; style: 'info' | 'tip' | 'warning' | 'example'; title?: LangMap; body: LangMap }
  | { type: 'testimony'; name: LangMap; role?: LangMap; quote: LangMap }
  | { type: 'check'; id: string; title?: LangMap; questions: Question[] }
  | InteractiveBlock
  | Scenario;

/** A titled section of an accordion, a tab, or a step of a stepper. */
export interface Panel {
  title: LangMap;
  body: LangMap;
}

/** A spot on a hotspots image; x and y in percent of the image's width and height. */
export interface Hotspot {
  x: number;
  y: number;
  label: LangMap;
  body: LangMap;
}

/** The blocks of issue 15 with a script each (src/player/blocks/<type>.ts); their markup reads without it. */
export type InteractiveBlock =
  | { type: 'accordion'; title?: LangMap; items: Panel[] }
  | { type: 'tabs'; title?: LangMap; items: Panel[] }
  | { type: 'flip-cards'; title?: LangMap; cards: Array<{ front: LangMap; back: LangMap }> }
  | { type: 'stepper'; title?: LangMap; steps: Panel[] }
  | { type: 'hotspots'; title?: LangMap; image: { src: LangMap; alt: LangMap }; spots: Hotspot[] };

/** A choice of a scenario node: what the learner says, its consequence, where it leads. */
export interface ScenarioChoice {
  id: string;
  text: LangMap;
  feedback?: LangMap;
  /** The id of a node of the same scenario (checked by scenario-graph.ts). */
  next: string;
}

/** A node of a scenario: a line with choices, or an ending (`end`). */
export interface ScenarioNode {
  id: string;
  speaker?: LangMap;
  line: LangMap;
  choices: ScenarioChoice[];
  end?: 'good' | 'poor' | 'neutral';
  score?: number;
  feedback?: LangMap;
}

/** A branching scenario block (issue 15); `start` is resolved (the first node by default). */
export interface Scenario {
  type: 'scenario';
  id: string;
  title: LangMap;
  intro?: LangMap;
  start: string;
  nodes: ScenarioNode[];
}

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
  /** Questions drawn per attempt (all when equal to the pool size). */
  draw: number;
  shuffle: boolean;
  counts: 'best' | 'last';
  /** The pool. */
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
  theme: { colors: ThemeColors; font?: string; logo?: { src: string; alt: LangMap } };
  modules: Module[];
  assessments: Assessment[];
  /** `all`, or the id of the assessment that decides the course result. */
  result: { from: string };
  xapi?: { activityBase: string };
  cmi5: { aus: 'course' | 'module' };
  /** Knowledge-check answers recorded as SCORM interactions: the first to each check, or none. */
  tracking: { checks: 'first' | 'none'; /** Scenario endings as SCORM interactions: the first per scenario, or none. */ scenarios: 'first' | 'none' };
  /** Where each page, assessment and question id is defined (course-relative file), for diagnostics found after loading. */
  positions: Record<string, SourcePosition>;
  /** Course-relative paths of the assets each language's packages carry (shared ones and its own), sorted. */
  assets: Record<string, string[]>;
}

/** Questions of the knowledge checks, in page order. */
export function checkQuestions(course: Course): Question[] {
  return course.modules.flatMap((m) => m.pages.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'check' ? b.questions : []))));
}

/** Every question of the course, knowledge checks first, then the assessments' pools. */
export function allQuestions(course: Course): Question[] {
  return [...checkQuestions(course), ...course.assessments.flatMap((a) => a.questions)];
}

export function allPages(course: Course): Page[] {
  return course.modules.flatMap((m) => m.pages);
}

/** The scenario blocks of the course, in page order. */
export function scenarios(course: Course): Scenario[] {
  return course.modules.flatMap((m) => m.pages.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'scenario' ? [b] : []))));
}
