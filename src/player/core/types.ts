/**
 * The data the build embeds in every package for the player (one language), and the events and
 * outcomes the player core hands to a tracking adapter. Shared by the build and the player.
 */

export type QuestionType = 'single-choice' | 'multiple-choice' | 'true-false';

export interface PlayerChoice {
  id: string;
  correct: boolean;
  /** Feedback HTML for this choice, if any. */
  feedback?: string;
}

export interface PlayerQuestion {
  id: string;
  type: QuestionType;
  weight: number;
  /** Plain-text prompt (for LMS reports). */
  prompt: string;
  choices?: PlayerChoice[];
  answer?: boolean;
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
  questions: string[];
}

export type StatusPolicy = 'passed-failed' | 'passed-incomplete' | 'completed-failed' | 'completed-incomplete';

export interface PlayerData {
  v: 1;
  id: string;
  version: string;
  lang: string;
  title: string;
  modules: Array<{ id: string; title: string }>;
  /** Content pages in order; the assessment, if any, comes after them as its own page. */
  pages: PlayerPage[];
  questions: Record<string, PlayerQuestion>;
  assessment?: PlayerAssessment;
  completion: { pages: 'all' | number };
  status: StatusPolicy;
  strings: Record<string, string>;
}

export type Result = 'correct' | 'incorrect' | 'neutral';

export type LearningEvent =
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
      attempt?: number;
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
