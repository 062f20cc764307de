/**
 * The report's figures: what `--json` prints and the HTML shows. docs/analytics.md documents each
 * field for readers of the JSON. A count or figure drawn from fewer learners than `minGroup` is
 * `null` (hidden), never a small number that could point at a person.
 */
import type { SourceNote } from './events.js';

/** A learner count: null when 1 ≤ n < minGroup. */
export type Count = number | null;

export interface PageFigures {
  id: string;
  moduleId: string;
  title: string;
  /** Learners who saw the page at least once. */
  reached: Count;
  /** Learners for whom this is the furthest page reached, who neither completed the course nor submitted an assessment attempt. */
  leftHere: Count;
  /** Seconds on the page per view (from its `experienced` to the learner's next step), or null when hidden. */
  time: { views: number; q1: number; median: number; q3: number; skimmed: number } | null;
}

export interface ModuleFigures {
  id: string;
  title: string;
  reached: Count;
  leftHere: Count;
}

export interface OptionCount {
  id: string;
  text: string;
  correct: boolean;
  count: number;
}

export interface QuestionFigures {
  id: string;
  title: string;
  type: string;
  /** `assessment:<id>` or `page:<id>`. */
  where: string;
  /** Learners who answered (their first answer counts). */
  learners: Count;
  /** Share of first answers that were correct (scored questions only). */
  facility: number | null;
  /** Point-biserial correlation of the first answer (right = 1) with the score of that assessment attempt. */
  discrimination: number | null;
  /** Choices, true/false or likert points, with how many first answers picked each. */
  options?: OptionCount[];
  /** fill-in and numeric: the most common accepted and rejected answers, as typed. */
  accepted?: Array<{ answer: string; count: number }>;
  rejected?: Array<{ answer: string; count: number }>;
  hidden: boolean;
}

export interface AssessmentFigures {
  id: string;
  title: string;
  passingScore: number;
  attemptsAllowed: number;
  learners: Count;
  attempts: number;
  /** Scores of every submitted attempt in 10-point bands: [0,10), [10,20) … [90,100]. */
  scoreBands: Array<{ from: number; to: number; count: number }> | null;
  /** Of the attempts numbered n, how many passed. */
  passByAttempt: Array<{ attempt: number; attempts: number; passed: number; rate: number }> | null;
  /** Learners by the number of attempts they used. */
  attemptsUsed: Array<{ attempts: number; learners: number }> | null;
  passedLearners: Count;
}

export interface LanguageFigures {
  lang: string;
  learners: Count;
  completed: Count;
  /** Mean score of first attempts (of the assessment deciding the result), null when hidden or none. */
  firstAttemptMean: number | null;
  passRate: number | null;
}

export type FlagKind = 'too-easy' | 'too-hard' | 'negative-discrimination' | 'unused-distractor' | 'drop-off' | 'skimmed' | 'unwatched';

export interface Flag {
  kind: FlagKind;
  /** `question:<id>`, `page:<id>` or `media:<id>`. */
  target: string;
  message: string;
  /** What the message is made of, for the HTML report to write it in its interface language: `share` (0–1), `title`, `option`, `r`, `seconds`. */
  values: { title: string; share?: number; option?: string; r?: number; seconds?: number };
}

export interface LearnerRow {
  learner: string;
  lang?: string;
  /** Pages seen and completion: null when the source has no page views (Moodle). */
  pages: number | null;
  completed: boolean | null;
  attempts: number;
  bestScore: number | null;
}

/** A branching scenario (issue 15): how learners went through it. */
export interface ScenarioFigures {
  id: string;
  title: string;
  pageId: string;
  /** Learners who made at least one choice in it or reached an ending. */
  started: Count;
  /** Learners who reached at least one ending. */
  ended: Count;
  /** Each ending of the scenario in course order: learners who reached it (at least once), and learners whose first ending it was. Null when hidden. */
  endings: Array<{ id: string; verdict: 'good' | 'poor' | 'neutral'; text: string; learners: number; first: number }> | null;
  /** Each node with choices, in course order: how many learners took each choice (at least once). Null when hidden. */
  nodes: Array<{ id: string; text: string; choices: Array<{ id: string; text: string; learners: number }> }> | null;
  /** The path most learners took to their first ending (`node.choice` steps, then the ending), when at least `minGroup` learners took it. */
  commonPath: { steps: Array<{ node: string; choice: string }>; ending: string; learners: number } | null;
}

/** A video or audio block (issue 15), from the xAPI Video Profile statements. */
export interface MediaFigures {
  id: string;
  kind: 'video' | 'audio';
  title: string;
  pageId: string;
  /** The block has `completion: watched`: its page counts only once it has played to its end. */
  watched: boolean;
  /** Learners who reached the media's page. */
  reached: Count;
  /** Learners who started it (`initialized` or `played`). */
  started: Count;
  /** Learners who played it to its end (`completed`). */
  completed: Count;
}

export interface ReportFigures {
  format: 'coursepack-report/1';
  course: { id: string; version: string; title: string; lang: string; languages: string[] };
  source: { kind: 'lrs' | 'statements' | 'moodle'; learners: number; from?: string; to?: string; lacks: string[]; notes: string[]; noteKeys: SourceNote[] };
  minGroup: number;
  completed: Count;
  pages: PageFigures[];
  modules: ModuleFigures[];
  questions: QuestionFigures[];
  assessments: AssessmentFigures[];
  /** Scenario blocks in course order (issue 15). */
  scenarios: ScenarioFigures[];
  /** Video and audio blocks in course order (issue 15); null counts when the source has no media statements (Moodle). */
  media: MediaFigures[];
  languages: LanguageFigures[];
  flags: Flag[];
  learners?: LearnerRow[];
}
