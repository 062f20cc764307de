/** The one interface every tracking adapter implements; the player core never names a standard. */
import type { LearningEvent, Outcome } from '../core/types.js';

export type LaunchMode = 'normal' | 'browse' | 'review';

export interface StartInfo {
  /** The encoded learner state saved last time, if any. */
  savedState: string | null;
  /** Bookmark the LMS holds (may duplicate the one in the state). */
  location: string | null;
  /** The status the LMS already recorded, to never downgrade it. */
  recorded: { completion?: 'completed' | 'incomplete'; success?: 'passed' | 'failed' };
  /** browse/review or no-credit: show the course, change no recorded result. */
  mode: LaunchMode;
  credit: boolean;
  /** The pages (and assessments) this session covers, when the LMS launches one part (a cmi5 AU per module). */
  scope?: string[];
  /** The LMS's passing score in percent (cmi5 masteryScore), which overrides the course's. */
  passingScore?: number;
}

export interface Snapshot {
  /** The encoded learner state. */
  state: string;
  location: string;
  outcome: Outcome;
}

export interface Tracker {
  /** Shown in notices and logs, e.g. "SCORM 1.2". */
  readonly name: string;
  /** Finds the LMS and reads what it saved. Resolves null if there is no usable LMS. */
  start(): Promise<StartInfo | null>;
  /** Saves bookmark, state and status; commits. */
  save(snapshot: Snapshot): Promise<void>;
  /** Records a learning event (page viewed, question answered). */
  record(event: LearningEvent): Promise<void>;
  /** Last save, session time, and the end of the session. Called once; later calls do nothing. */
  finish(snapshot: Snapshot): Promise<void>;
  /**
   * The learner chose to leave: end the session now (and go where the LMS asks, e.g. cmi5's
   * returnURL). Trackers without it (standalone) have nothing to leave, so no Exit button shows.
   */
  exit?(snapshot: Snapshot): Promise<void>;
  /** Problems the learner should know about (the LMS refused to save), and their end ('saved'). */
  onProblem?: (message: 'save-failed' | 'saved') => void;
}
