/** SCORM 2004 4th edition adapter (LMS-RULES.md rules 24–29, 39–40). */
import { accepted, journaled, journaledScenario, ScormWriter } from './scorm-writer.js';
export { journaled } from './scorm-writer.js';
import { requiredPages } from '../core/outcome.js';
import { isPlayerState, visitedPages } from '../core/state.js';
import type { LearningEvent, Outcome, PlayerData } from '../core/types.js';
import { decimal } from '../interactions/decimal.js';
import { scorm2004Duration, scorm2004Interaction, scorm2004ScenarioInteraction, scorm2004Time } from '../interactions/scorm2004.js';
import { findApi } from './find-api.js';
import type { Snapshot, StartInfo, Tracker } from './tracker.js';

/** The SCORM 2004 runtime API as LMSs expose it on `window.API_1484_11`. */
export interface Scorm2004Api {
  Initialize(arg: ''): string;
  Terminate(arg: ''): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(arg: ''): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
  GetDiagnostic(code: string): string;
}

const COMPLETION_RANK: Record<string, number> = { unknown: 0, 'not attempted': 0, incomplete: 1, completed: 2 };
const SUCCESS_RANK: Record<string, number> = { unknown: 0, failed: 1, passed: 2 };
/** The smallest step of a real(10,7). */
const STEP = 0.0000001;

/** What the tracker needs from the course: pages and completion rule (progress), status policy. */
export type Scorm2004Course = Pick<PlayerData, 'pages' | 'completion' | 'status' | 'tracking'>;

/**
 * `cmi.success_status` for an outcome, or null to write none. The course's status policy still
 * applies: `completed-…` never reports passed, `…-incomplete` never reports failed. Unlike SCORM
 * 1.2, failed may be reported while attempts are left: Moodle ends its attempt on a SCORM 2004
 * SCO only when completion_status is completed.
 */
export function successStatus(outcome: Outcome, policy: string): 'passed' | 'failed' | null {
  if (outcome.success === 'passed') return policy.startsWith('passed') ? 'passed' : null;
  if (outcome.success === 'failed') return policy.endsWith('failed') ? 'failed' : null;
  return null;
}

/**
 * `cmi.completion_status` for an outcome. Moodle ends its SCORM 2004 attempt only when this is
 * `completed` (`scorm_check_mode` in mod/scorm/lib.php), so a learner who used every assessment
 * attempt is reported `completed` (with `failed`) under the `…-failed` policies: the attempt is
 * over and the next visit is a review. The `…-incomplete` policies say such a learner reads as
 * incomplete: Moodle's attempt then stays open and the learner resumes where they left.
 */
export function completionStatus(outcome: Outcome, policy: string): 'completed' | 'incomplete' {
  if (outcome.completion === 'completed') return 'completed';
  return outcome.done && outcome.success === 'failed' && policy.endsWith('failed') ? 'completed' : 'incomplete';
}

/** Share of the course's content pages viewed (0..1), read from the learner state. */
export function pageShare({ state, outcome }: Pick<Snapshot, 'state' | 'outcome'>, course: Pick<PlayerData, 'pages' | 'completion'>): number {
  const ids = course.pages.map((p) => p.id);
  if (ids.length === 0) return 1;
  const visited = visitedPages(state, ids);
  // Without a readable state, `progress` (viewed / required pages) gives at least the required share.
  if (!visited) return Math.min(1, (outcome.progress * requiredPages(course as PlayerData)) / ids.length);
  return new Set(visited.filter((id) => ids.includes(id))).size / ids.length;
}

/**
 * The `cmi.progress_measure` to report, or null to leave it as it is. With a completion threshold
 * the LMS derives completion from this measure (4th edition; Moodle at Terminate), so it must agree
 * with the completion the content reports: at least the threshold once completed, below it before
 * (e.g. every page viewed but the assessment not passed yet). Without a threshold, 1 means done.
 */
export function progressMeasure(share: number, completed: boolean, threshold: number | null): number | null {
  if (completed) return Math.max(share, threshold ?? 0);
  const limit = threshold ?? 1;
  if (share < limit) return share;
  return limit >= STEP ? limit - STEP : null;
}

export class Scorm2004Tracker implements Tracker {
  readonly name = 'SCORM 2004';
  onProblem?: (message: 'save-failed' | 'saved') => void;
  private api: Scorm2004Api | null = null;
  private finished = false;
  private readOnly = false;
  private completion = 'unknown';
  private success = 'unknown';
  private threshold: number | null = null;
  private writer: ScormWriter | null = null;
  private interactionCount = 0;
  private readonly startedAt = Date.now();

  constructor(
    private readonly win: Window,
    private readonly course: Scorm2004Course,
  ) {}

  async start(): Promise<StartInfo | null> {
    const api = findApi<Scorm2004Api>(this.win, 'API_1484_11');
    if (!api || !accepted(() => api.Initialize(''))) return null;
    this.api = api;
    this.writer = new ScormWriter({ setValue: (e, v) => api.SetValue(e, v), commit: () => api.Commit('') }, this.win, (problem) => this.onProblem?.(problem));
    const written = this.writer.written;
    const get = (element: string) => {
      try {
        return String(api.GetValue(element) ?? '');
      } catch {
        return '';
      }
    };
    const entry = get('cmi.entry');
    const mode = get('cmi.mode');
    const credit = get('cmi.credit') !== 'no-credit';
    this.readOnly = mode === 'browse' || mode === 'review' || !credit;
    this.completion = get('cmi.completion_status') || 'unknown';
    this.success = get('cmi.success_status') || 'unknown';
    const threshold = get('cmi.completion_threshold');
    this.threshold = threshold !== '' && Number(threshold) >= 0 && Number(threshold) <= 1 ? Number(threshold) : null;
    this.interactionCount = Number.parseInt(get('cmi.interactions._count'), 10) || 0;
    // A new attempt has nothing saved (and reading unset elements is error 403), except in review
    // mode, which shows the attempt as it was. An LMS that still holds this course's state at
    // ab-initio (the same attempt relaunched, as Moodle does after exit=normal) gets it resumed:
    // starting over would overwrite the learner's record inside that attempt.
    let resumed = entry !== 'ab-initio' || mode === 'review' || mode === 'browse';
    if (!resumed) {
      const held = get('cmi.suspend_data');
      resumed = held !== '' && isPlayerState(held);
    }
    const savedState = resumed ? get('cmi.suspend_data') : '';
    const location = resumed ? get('cmi.location') : '';
    if (resumed) {
      // What the LMS already holds is not written again (each score write makes Moodle regrade).
      written.set('cmi.suspend_data', savedState);
      written.set('cmi.location', location);
      for (const element of ['cmi.score.raw', 'cmi.score.min', 'cmi.score.max', 'cmi.score.scaled', 'cmi.progress_measure']) written.set(element, get(element));
      if (this.completion !== 'unknown') written.set('cmi.completion_status', this.completion);
      if (this.success !== 'unknown') written.set('cmi.success_status', this.success);
    }
    if (!this.readOnly && (!resumed || (COMPLETION_RANK[this.completion] ?? 0) === 0)) {
      this.setCompletion('incomplete');
      this.set('cmi.exit', 'suspend');
      this.commit();
    }
    const recorded: StartInfo['recorded'] = {};
    if (this.completion === 'completed') recorded.completion = 'completed';
    if (this.success === 'passed' || this.success === 'failed') recorded.success = this.success;
    return {
      savedState: savedState || null,
      location: location || null,
      recorded,
      mode: mode === 'browse' || mode === 'review' ? mode : 'normal',
      credit,
    };
  }

  async save(snapshot: Snapshot): Promise<void> {
    if (!this.writeSnapshot(snapshot)) return;
    this.commit();
  }

  /**
   * Moodle resends every interaction at every commit (rule 41), so each one is kept small: no
   * weighting when it is the default 1, no latency for assessment answers (the same duration, from
   * the attempt's start, for every question of an attempt: the timestamp says when).
   */
  async record(event: LearningEvent): Promise<void> {
    if (event.type === 'scenario-ended') return this.recordScenario(event);
    if (!this.api || this.finished || this.readOnly || event.type !== 'answered') return;
    if (!journaled(event, this.course.tracking?.checks)) return;
    const i = scorm2004Interaction(event.question, event.response, event.result);
    const prefix = `cmi.interactions.${this.interactionCount++}`;
    this.set(`${prefix}.id`, i.id);
    this.set(`${prefix}.type`, i.type);
    if (i.description) this.set(`${prefix}.description`, i.description);
    if (i.weighting !== '1') this.set(`${prefix}.weighting`, i.weighting);
    if (i.learner_response) this.set(`${prefix}.learner_response`, i.learner_response);
    i.correct_responses.forEach((pattern, n) => this.set(`${prefix}.correct_responses.${n}.pattern`, pattern));
    this.set(`${prefix}.result`, i.result);
    if (event.context === 'check') this.set(`${prefix}.latency`, scorm2004Duration(event.latencyMs));
    this.set(`${prefix}.timestamp`, scorm2004Time(event.timestamp));
  }

  /** A scenario's ending: one `performance` interaction (interactions/scorm2004.ts); the type before the response (rule 28). */
  private recordScenario(event: Extract<LearningEvent, { type: 'scenario-ended' }>): void {
    if (!this.api || this.finished || this.readOnly || !journaledScenario(event, this.course.tracking?.scenarios)) return;
    const i = scorm2004ScenarioInteraction(event);
    const prefix = `cmi.interactions.${this.interactionCount++}`;
    this.set(`${prefix}.id`, i.id);
    this.set(`${prefix}.type`, i.type);
    if (i.description) this.set(`${prefix}.description`, i.description);
    this.set(`${prefix}.weighting`, i.weighting);
    this.set(`${prefix}.learner_response`, i.learner_response);
    this.set(`${prefix}.result`, i.result);
    this.set(`${prefix}.timestamp`, scorm2004Time(event.timestamp));
  }

  /**
   * Leaving from the Exit button: a last commit while the page is alive (Moodle posts it with an
   * ordinary request, which has no size limit, unlike the beacon of a save during unload), then
   * the end of the session as closing the window does.
   */
  exit(snapshot: Snapshot): Promise<void> {
    if (this.writeSnapshot(snapshot)) {
      this.set('cmi.session_time', scorm2004Duration(Date.now() - this.startedAt));
      this.commit();
    }
    return this.finish(snapshot);
  }

  async finish(snapshot: Snapshot): Promise<void> {
    if (!this.api || this.finished) return;
    if (this.writeSnapshot(snapshot)) this.set('cmi.session_time', scorm2004Duration(Date.now() - this.startedAt));
    this.finished = true;
    if (this.writer) this.writer.stopped = true;
    const api = this.api;
    accepted(() => api.Terminate(''));
  }

  /** Writes what changed; false when nothing may be written. */
  private writeSnapshot(snapshot: Snapshot): boolean {
    const { state, location, outcome } = snapshot;
    if (!this.api || this.finished || this.readOnly) return false;
    this.setOnce('cmi.location', location);
    this.setOnce('cmi.suspend_data', state);
    if (outcome.score !== undefined) {
      const score = Math.min(100, Math.max(0, outcome.score));
      this.setOnce('cmi.score.min', '0');
      this.setOnce('cmi.score.max', '100');
      this.setOnce('cmi.score.raw', decimal(score, 2));
      this.setOnce('cmi.score.scaled', decimal(score / 100));
    }
    this.setCompletion(completionStatus(outcome, this.course.status));
    const measure = progressMeasure(pageShare(snapshot, this.course), this.completion === 'completed', this.threshold);
    if (measure !== null) this.setOnce('cmi.progress_measure', decimal(measure));
    const success = successStatus(outcome, this.course.status);
    if (success) this.setSuccess(success);
    // Always suspend: Moodle loads an attempt's data at the next launch only after exit=suspend
    // (get_scorm_default in datamodels/scorm_13lib.php), for a resume and for a review alike; a
    // finished attempt is ended by completion_status=completed, not by the exit.
    this.setOnce('cmi.exit', 'suspend');
    return true;
  }

  /** Sets completion_status unless that would lower what the LMS already has. */
  private setCompletion(status: string): void {
    if ((COMPLETION_RANK[status] ?? 0) < (COMPLETION_RANK[this.completion] ?? 0)) return;
    if (status === this.completion && this.writer?.written.has('cmi.completion_status')) return;
    this.completion = status;
    this.set('cmi.completion_status', status);
  }

  /** Sets success_status unless that would lower what the LMS already has (passed stays passed). */
  private setSuccess(status: string): void {
    if ((SUCCESS_RANK[status] ?? 0) < (SUCCESS_RANK[this.success] ?? 0)) return;
    if (status === this.success && this.writer?.written.has('cmi.success_status')) return;
    this.success = status;
    this.set('cmi.success_status', status);
  }

  private setOnce(element: string, value: string): void {
    this.writer?.setOnce(element, value);
  }

  private set(element: string, value: string): void {
    this.writer?.set(element, value);
  }

  private commit(): void {
    this.writer?.commit();
  }
}
