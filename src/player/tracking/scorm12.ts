/** SCORM 1.2 adapter (LMS-RULES.md rules 15–23, 39–40). */
import type { LearningEvent, Outcome } from '../core/types.js';
import { scorm12Interaction, scorm12ScenarioInteraction, scorm12Time, scorm12Timespan } from '../interactions/scorm12.js';
import { isPlayerState } from '../core/state.js';
import { findApi } from './find-api.js';
import { accepted, journaled, journaledScenario, ScormWriter } from './scorm-writer.js';
import type { Snapshot, StartInfo, Tracker } from './tracker.js';

/** The SCORM 1.2 runtime API as LMSs expose it on `window.API`. */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
}

const STATUS_RANK: Record<string, number> = { 'not attempted': 0, browsed: 0, incomplete: 1, failed: 2, completed: 3, passed: 4 };

export function lessonStatus(outcome: Outcome, policy: string): string {
  if (outcome.success === 'passed') return policy.startsWith('passed') ? 'passed' : 'completed';
  // Moodle treats \`failed\` as the end of its attempt (the next launch is a review): report it only
  // when the learner has no assessment attempt left.
  if (outcome.success === 'failed') return policy.endsWith('failed') && outcome.done ? 'failed' : 'incomplete';
  return outcome.completion;
}

export class Scorm12Tracker implements Tracker {
  readonly name = 'SCORM 1.2';
  onProblem?: (message: 'save-failed' | 'saved') => void;
  private api: Scorm12Api | null = null;
  private finished = false;
  private readOnly = false;
  private status = 'not attempted';
  private writer: ScormWriter | null = null;
  private interactionCount = 0;
  private readonly startedAt = Date.now();

  constructor(
    private readonly win: Window,
    private readonly policy: string,
    private readonly checks: 'first' | 'none' = 'first',
    private readonly scenarios: 'first' | 'none' = 'first',
  ) {}

  async start(): Promise<StartInfo | null> {
    const api = findApi<Scorm12Api>(this.win, 'API');
    if (!api) return null;
    this.api = api;
    if (!accepted(() => api.LMSInitialize(''))) {
      this.api = null;
      return null;
    }
    this.writer = new ScormWriter({ setValue: (e, v) => api.LMSSetValue(e, v), commit: () => api.LMSCommit('') }, this.win, (problem) => this.onProblem?.(problem));
    const written = this.writer.written;
    const get = (element: string) => {
      try {
        return String(api.LMSGetValue(element) ?? '');
      } catch {
        return '';
      }
    };
    const entry = get('cmi.core.entry');
    this.status = get('cmi.core.lesson_status') || 'not attempted';
    const mode = get('cmi.core.lesson_mode');
    const credit = get('cmi.core.credit') !== 'no-credit';
    this.readOnly = mode === 'browse' || mode === 'review' || !credit;
    this.interactionCount = Number.parseInt(get('cmi.interactions._count'), 10) || 0;
    const savedState = get('cmi.suspend_data');
    const location = get('cmi.core.lesson_location');
    // What the LMS already holds is not written again (each score write triggers a regrade in Moodle).
    written.set('cmi.suspend_data', savedState);
    written.set('cmi.core.lesson_location', location);
    written.set('cmi.core.lesson_status', this.status);
    for (const field of ['raw', 'min', 'max']) written.set(`cmi.core.score.${field}`, get(`cmi.core.score.${field}`));
    if (!this.readOnly && (entry === 'ab-initio' || this.status === 'not attempted')) {
      if ((STATUS_RANK[this.status] ?? 0) < STATUS_RANK.incomplete!) this.setStatus('incomplete');
      this.set('cmi.core.exit', 'suspend');
      this.commit();
    }
    const recorded: StartInfo['recorded'] = {};
    if (this.status === 'completed' || this.status === 'passed') recorded.completion = 'completed';
    if (this.status === 'passed' || this.status === 'failed') recorded.success = this.status;
    // At ab-initio an LMS holds no state, unless it relaunched the same attempt: a state of this
    // course is then resumed rather than overwritten (as the SCORM 2004 adapter does).
    const ours = savedState !== '' && isPlayerState(savedState);
    return {
      savedState: entry === 'ab-initio' && !ours ? null : savedState || null,
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

  async record(event: LearningEvent): Promise<void> {
    if (event.type === 'scenario-ended') return this.recordScenario(event);
    if (!this.api || this.finished || this.readOnly || event.type !== 'answered') return;
    if (!journaled(event, this.checks)) return;
    const i = scorm12Interaction(event.question, event.response, event.result);
    const n = this.interactionCount++;
    const prefix = `cmi.interactions.${n}`;
    this.set(`${prefix}.id`, i.id);
    this.set(`${prefix}.type`, i.type);
    this.set(`${prefix}.weighting`, i.weighting);
    this.set(`${prefix}.student_response`, i.student_response);
    if (i.pattern !== undefined) this.set(`${prefix}.correct_responses.0.pattern`, i.pattern);
    this.set(`${prefix}.result`, i.result);
    this.set(`${prefix}.latency`, scorm12Timespan(event.latencyMs));
    this.set(`${prefix}.time`, scorm12Time(event.timestamp));
  }

  /** A scenario's ending: one `performance` interaction (interactions/scorm12.ts), then a commit. */
  private recordScenario(event: Extract<LearningEvent, { type: 'scenario-ended' }>): void {
    if (!this.api || this.finished || this.readOnly || !journaledScenario(event, this.scenarios)) return;
    const i = scorm12ScenarioInteraction(event);
    const prefix = `cmi.interactions.${this.interactionCount++}`;
    this.set(`${prefix}.id`, i.id);
    this.set(`${prefix}.type`, i.type);
    this.set(`${prefix}.weighting`, i.weighting);
    this.set(`${prefix}.student_response`, i.student_response);
    this.set(`${prefix}.result`, i.result);
    this.set(`${prefix}.time`, scorm12Time(event.timestamp));
  }

  /** Leaving from the Exit button: a last commit while the page is alive (see the SCORM 2004 adapter), then the end of the session. */
  exit(snapshot: Snapshot): Promise<void> {
    if (this.writeSnapshot(snapshot)) {
      this.set('cmi.core.session_time', scorm12Timespan(Date.now() - this.startedAt));
      this.commit();
    }
    return this.finish(snapshot);
  }

  async finish(snapshot: Snapshot): Promise<void> {
    if (!this.api || this.finished) return;
    this.writeSnapshot(snapshot);
    if (!this.readOnly) this.set('cmi.core.session_time', scorm12Timespan(Date.now() - this.startedAt));
    this.finished = true;
    if (this.writer) this.writer.stopped = true;
    const api = this.api;
    accepted(() => api.LMSFinish(''));
  }

  /** Writes what changed; false when nothing may be written. */
  private writeSnapshot({ state, location, outcome }: Snapshot): boolean {
    if (!this.api || this.finished || this.readOnly) return false;
    this.setOnce('cmi.core.lesson_location', location);
    this.setOnce('cmi.suspend_data', state);
    if (outcome.score !== undefined) {
      this.setOnce('cmi.core.score.min', '0');
      this.setOnce('cmi.core.score.max', '100');
      this.setOnce('cmi.core.score.raw', String(outcome.score));
    }
    this.setStatus(lessonStatus(outcome, this.policy));
    this.setOnce('cmi.core.exit', outcome.done ? '' : 'suspend');
    return true;
  }

  /** Sets lesson_status unless that would lower what the LMS already has (rule 17). */
  private setStatus(status: string): void {
    if ((STATUS_RANK[status] ?? 0) < (STATUS_RANK[this.status] ?? 0)) return;
    if (status === this.status && this.writer?.written.has('cmi.core.lesson_status')) return;
    this.status = status;
    this.set('cmi.core.lesson_status', status);
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
