/**
 * The data the build embeds in every package for the player (one language), and the events and
 * outcomes the player core hands to a tracking adapter. Shared by the build and the player.
 */

export type QuestionType =
  | 'single-choice'
  | 'multiple-choice'
  | 'true-false'
  | 'fill-in'
  | 'numeric'
  | 'matching'
  | 'sequencing'
  | 'likert'
  | 'free-text';

/** Question types that are never scored (surveys and reflections). */
export const UNSCORED_TYPES: readonly QuestionType[] = ['likert', 'free-text'];

export interface PlayerChoice {
  id: string;
  correct: boolean;
  /** Plain text of the choice (for LMS reports: SCORM 2004 descriptions, xAPI definitions). */
  text?: string;
  /** Feedback HTML for this choice, if any. */
  feedback?: string;
}

/** An item of a matching question (a source or a target) or a likert scale point. */
export interface PlayerItem {
  id: string;
  /** Plain text (for LMS reports). */
  text: string;
}

/**
 * A question as the player scores it and the trackers record it.
 *
 * Responses use the player's own encoding, the same for every standard (see questions.ts):
 * - single-choice / multiple-choice: choice ids, comma-separated (in choice order)
 * - true-false: `true` or `false`
 * - fill-in, free-text: the text typed
 * - numeric: the number as typed, normalised to a dot decimal (`3.5`)
 * - matching: `sourceId.targetId` pairs, comma-separated (in source order)
 * - sequencing: item ids in the learner's order, comma-separated
 * - likert: the chosen scale point id
 */
export interface PlayerQuestion {
  id: string;
  type: QuestionType;
  weight: number;
  /** Plain-text prompt (for LMS reports). */
  prompt: string;
  /** single/multiple choice: the choices; sequencing: the items in their correct order. */
  choices?: PlayerChoice[];
  /** multiple-choice: all-or-nothing (default) or partial credit. */
  scoring?: 'all-or-nothing' | 'partial';
  /** true-false: the correct answer. */
  answer?: boolean;
  /** fill-in: accepted answers (after normalisation, see questions.ts). */
  accepted?: string[];
  caseSensitive?: boolean;
  /** fill-in: a regular expression (source) that also counts as correct. */
  pattern?: string;
  /** numeric: correct when min <= value <= max (exact: min = max). */
  range?: { min: number; max: number };
  /** matching: sources, targets and the correct pairs [sourceId, targetId]. */
  sources?: PlayerItem[];
  targets?: PlayerItem[];
  pairs?: Array<[string, string]>;
  /** likert: the scale points in order. */
  scale?: PlayerItem[];
  /** free-text and fill-in: the longest response kept. */
  maxLength?: number;
  feedback: { correct?: string; incorrect?: string };
}

export interface PlayerPage {
  id: string;
  title: string;
  module: number;
}

export interface PlayerAssessment {
  id: string;
  title: string;
  passingScore: number;
  attempts: number;
  showCorrectAnswers: boolean;
  /** Questions drawn per attempt from the pool. */
  draw: number;
  /** Shuffle question order and choices per attempt. */
  shuffle: boolean;
  /** Which attempt counts for the score. */
  counts: 'best' | 'last';
  /** The pool, in authored order. */
  questions: string[];
}

import type { AnswerShape } from './state-layout.js';

/** A scenario's ending verdict (course YAML `end`). */
export type ScenarioEnding = 'good' | 'poor' | 'neutral';

/** A node of a scenario as the player plays it: its choices (and where each leads), or its ending. */
export interface PlayerScenarioNode {
  id: string;
  choices: Array<{ id: string; next: string }>;
  end?: ScenarioEnding;
  /** An ending's score, 0..100. */
  score?: number;
}

/** A scenario block (issue 15): the graph the learner state and the trackers need; its texts are in the page's markup. */
export interface PlayerScenario {
  id: string;
  /** Plain-text title (for LMS reports). */
  title: string;
  /** The page the block is on. */
  page: string;
  start: string;
  nodes: PlayerScenarioNode[];
}

export type StatusPolicy = 'passed-failed' | 'passed-incomplete' | 'completed-failed' | 'completed-incomplete';

export interface PlayerData {
  v: 1;
  id: string;
  version: string;
  lang: string;
  title: string;
  /**
   * `file`: in a split course (src/render/site.ts, SPLIT_ABOVE_PAGES), the script holding the
   * module's pages and check questions, loaded when one of its pages is shown.
   */
  /**
   * `file`: the module's script in a split course. `blocks`: the block scripts (`blocks/<kind>.js`)
   * its pages need that index.html does not load; the player loads each once, with the module.
   */
  modules: Array<{ id: string; title: string; file?: string; blocks?: string[] }>;
  /** Content pages in order; each assessment comes after them as its own page. */
  pages: PlayerPage[];
  /** In a split course, the check questions arrive with their module (`ModuleChunk`). */
  questions: Record<string, PlayerQuestion>;
  /**
   * In a split course: the answer shape of each knowledge-check question, so the saved state
   * (laid out by every question's shape, state-layout.ts) decodes before the modules load.
   */
  checkShapes?: Record<string, AnswerShape>;
  assessments: PlayerAssessment[];
  /** `all` (every assessment passed; score = their average) or the id of the deciding assessment. */
  result: { from: string };
  completion: { pages: 'all' | number };
  status: StatusPolicy;
  /** The scenario blocks, in page order (absent: none). */
  scenarios?: PlayerScenario[];
  /** Knowledge-check answers recorded as SCORM interactions (absent: the first to each check). */
  tracking?: { checks: 'first' | 'none'; /** Scenario endings as SCORM interactions (absent: the first per scenario). */ scenarios?: 'first' | 'none' };
  strings: Record<string, string>;
}

/** What a module script of a split course hands the player. */
export interface ModuleChunk {
  /** Index in `PlayerData.modules`. */
  index: number;
  /** The module's page sections. */
  html: string;
  /** Its knowledge-check questions. */
  questions: Record<string, PlayerQuestion>;
}

export type Result = 'correct' | 'incorrect' | 'neutral';

/**
 * What a learner did with a video or audio block (issue 15), in the words of the xAPI Video
 * Profile (https://w3id.org/xapi/video) but without naming a standard: the LRS trackers turn it
 * into a statement, the SCORM trackers ignore it. Times are seconds of the media.
 */
export interface MediaEvent {
  type: 'media';
  action: 'initialized' | 'played' | 'paused' | 'seeked' | 'completed';
  media: { id: string; kind: 'video' | 'audio'; title: string; pageId: string };
  /** Where the media was when it happened (seeked: where it went to). */
  time: number;
  /** seeked: where the learner left from. */
  timeFrom?: number;
  /** Share of the media played so far in this session, 0..1 (its played segments over its length). */
  progress: number;
  /** The segments played in this session: `start[.]end[,]start[.]end` (the profile's format). */
  segments: string;
  /** The media's length in seconds (0 when the browser does not know it yet). */
  length: number;
  /** initialized: the caption track showing, if any (its language). */
  captions?: string;
  /** completed: milliseconds spent playing in this session. */
  playedMs?: number;
}

export type LearningEvent =
  | MediaEvent
  | { type: 'page-viewed'; pageId: string; title: string }
  | {
      type: 'answered';
      question: PlayerQuestion;
      /** The response in the player's encoding (choice ids, comma-separated; true/false). */
      response: string;
      result: Result;
      /** Score of this answer, 0..1. */
      score: number;
      latencyMs: number;
      timestamp: Date;
      context: 'check' | 'assessment';
      /** A knowledge check answered again (the learner state already held an answer to it). */
      repeat?: boolean;
      attempt?: number;
    }
  | {
      /** A scenario reached one of its endings (src/player/blocks/scenario.ts). */
      type: 'scenario-ended';
      scenario: PlayerScenario;
      /** Each node passed and the choice made there, in order (the last 64 when the learner looped longer: core/scenario-path.ts). */
      steps: Array<{ node: string; choice: string }>;
      /** The ending node. */
      ending: PlayerScenarioNode & { end: ScenarioEnding };
      /** good → correct, poor → incorrect, neutral → neutral. */
      result: Result;
      timestamp: Date;
      /** The learner had reached an ending of this scenario before (then restarted it). */
      repeat: boolean;
    }
  | {
      /** A choice made in a scenario (xAPI and cmi5 only: SCORM records the whole path at the ending). */
      type: 'scenario-choice';
      scenario: PlayerScenario;
      node: string;
      choice: string;
      timestamp: Date;
    };

export type Completion = 'completed' | 'incomplete';
export type Success = 'passed' | 'failed' | 'unknown';

export interface Outcome {
  completion: Completion;
  success: Success;
  /** Assessment score in percent (0..100), once an attempt counts. */
  score?: number;
  /** Share of the required pages viewed, 0..1. */
  progress: number;
  /** True once nothing more can change the result (the learner need not come back). */
  done: boolean;
}
