/**
 * A question as the bank formats hold it, before mapping: Moodle's model, which GIFT and Aiken
 * are subsets of. Each reader fills this; `map.ts` alone decides what becomes of it.
 */
import type { SourcePosition } from '../diagnostics/index.js';
import type { TextFormat } from './html-text.js';

export interface RawText {
  text: string;
  format: TextFormat;
}

export interface RawAnswer {
  text: RawText;
  /** Moodle's fraction: 1 full marks, 0.5 half, negative a penalty. */
  fraction: number;
  feedback?: RawText;
  /** Numerical answers: accepted error either side. */
  tolerance?: number;
}

export interface RawQuestion {
  /** Moodle's question type name (multichoice, truefalse, shortanswer, numerical, matching, essay, gapselect, ddwtos, calculated …). */
  type: string;
  name: string;
  idnumber?: string;
  category: string;
  at: SourcePosition;
  text: RawText;
  generalFeedback?: RawText;
  correctFeedback?: RawText;
  partialFeedback?: RawText;
  incorrectFeedback?: RawText;
  defaultGrade?: number;
  /** multichoice: one answer (radio buttons) or several (checkboxes). */
  single?: boolean;
  answers: RawAnswer[];
  /** shortanswer: letter case matters. */
  caseSensitive?: boolean;
  units?: Array<{ name: string; multiplier: number }>;
  subquestions?: Array<{ text: RawText; answer: string }>;
  /** Parts the course has no place for (hints, grader information), named in a warning. */
  leftOut?: string[];
  /** ordering: how Moodle grades and how many items it shows. */
  ordering?: { gradingType: string; selectType: string; selectCount: number };
  /** gapselect / ddwtos: the options, with their group. */
  options?: Array<{ text: string; group: number }>;
}
