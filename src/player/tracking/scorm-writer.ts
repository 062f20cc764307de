/**
 * Writing to a SCORM runtime (1.2 or 2004) the way LMSs need it: values the LMS already holds are
 * not written again, a refused value is set once more, an API that throws counts as a refusal,
 * and a refused commit is retried after 2, 5 and 10 seconds. The learner hears about it through
 * `report` ('save-failed', then 'saved' once a commit goes through) and never sees an exception.
 */
import type { LearningEvent } from '../core/types.js';

/**
 * Whether an answer becomes an interaction: every assessment answer (one per question per
 * attempt); a knowledge check's first answer unless the course records none (`tracking.checks`).
 */
export function journaled(event: Extract<LearningEvent, { type: 'answered' }>, checks: 'first' | 'none' = 'first'): boolean {
  return event.context !== 'check' || (checks === 'first' && !event.repeat);
}

/**
 * Whether a scenario's ending becomes an interaction (course.yaml `tracking.scenarios`): the first
 * ending the learner reaches in each scenario (not the endings of later plays after a restart), or
 * none. Apart from `tracking.checks`: a course that records no check (to keep Moodle's saves small)
 * still records its few scenarios, one interaction each.
 */
export function journaledScenario(event: Extract<LearningEvent, { type: 'scenario-ended' }>, scenarios: 'first' | 'none' = 'first'): boolean {
  return scenarios === 'first' && !event.repeat;
}

export interface ScormCalls {
  setValue(element: string, value: string): unknown;
  commit(): unknown;
}

export type SaveReport = 'save-failed' | 'saved';

/** True when the call answered "true"; false when it answered anything else or threw. */
export function accepted(run: () => unknown): boolean {
  try {
    return String(run()) === 'true';
  } catch {
    return false;
  }
}

const COMMIT_RETRIES_MS = [2000, 5000, 10000];

export class ScormWriter {
  /** Values the LMS holds, as far as we know: read at start or written since. */
  readonly written = new Map<string, string>();
  /** Set once the session ends: no retry may call the LMS after that. */
  stopped = false;
  private commitFailed = false;

  constructor(
    private readonly calls: ScormCalls,
    private readonly win: Window,
    private readonly report: (problem: SaveReport) => void,
  ) {}

  set(element: string, value: string): boolean {
    if (accepted(() => this.calls.setValue(element, value)) || accepted(() => this.calls.setValue(element, value))) {
      this.written.set(element, value);
      return true;
    }
    this.report('save-failed');
    return false;
  }

  /** Sets the value unless the LMS already holds it. */
  setOnce(element: string, value: string): void {
    if (this.written.get(element) !== value) this.set(element, value);
  }

  commit(attempt = 0): void {
    if (this.stopped && attempt > 0) return;
    if (accepted(() => this.calls.commit())) {
      if (attempt > 0 || this.commitFailed) this.report('saved');
      this.commitFailed = false;
      return;
    }
    this.commitFailed = true;
    this.report('save-failed');
    const delay = COMMIT_RETRIES_MS[attempt];
    if (delay !== undefined) this.win.setTimeout(() => this.commit(attempt + 1), delay);
  }
}
