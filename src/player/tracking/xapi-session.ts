/**
 * What the xAPI and cmi5 adapters share once launched: the LRS client, the statement queue, the
 * State API document, the statement builder, the session clock, and the bookkeeping of what this
 * registration already reported. Each adapter decides which statements to send and when.
 */
import type { LearningEvent, Outcome, PlayerData } from '../core/types.js';
import { xapiDuration } from '../interactions/xapi.js';
import type { Snapshot } from './tracker.js';
import { HttpError, isRetryable, LrsClient } from './xapi-client.js';
import { StatementQueue } from './statement-queue.js';
import { STATE_ID, StateStore, type LearnerDoc } from './xapi-state.js';
import { StatementBuilder, type Actor, type BuilderSetup, type Statement } from './xapi-statements.js';

/** Tuning for tests and unusual LRSs. */
export interface LrsOptions {
  /** First retry delay of the statement queue (doubles up to `maxDelayMs`). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Requests slower than this are aborted and retried. */
  timeoutMs?: number;
  /** Called with statements the LRS refused (4xx); they are also reported on the console. */
  onRejected?: (statements: Statement[], error: unknown) => void;
}

/** Reads the launch query string; `actor` is parsed (Tin Can 0.9x arrays become xAPI values). */
export function readLaunchParams(search: string): Record<string, string> & { actorJson?: Actor } {
  const params = new URLSearchParams(search);
  const out: Record<string, string> & { actorJson?: Actor } = {};
  params.forEach((value, key) => (out[key] = value));
  if (out.actor) {
    try {
      const actor = JSON.parse(out.actor) as Record<string, unknown>;
      for (const key of ['name', 'mbox', 'mbox_sha1sum', 'openid', 'account']) {
        const value = actor[key];
        if (!Array.isArray(value)) continue;
        if (key !== 'account') actor[key] = value[0];
        else {
          const a = (value[0] ?? {}) as Record<string, unknown>;
          actor.account = { homePage: a.accountServiceHomePage ?? a.homePage, name: a.accountName ?? a.name };
        }
      }
      out.actorJson = actor;
    } catch {
      // An unreadable actor: no launch.
    }
  }
  return out;
}

/** A short, stable hash for storage keys (FNV-1a, base 36). */
export function hashKey(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

function storageOf(win: Window): Storage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}

export interface SessionSetup extends Omit<BuilderSetup, 'now'> {
  win: Window;
  client: LrsClient;
  /** The State API document's activity (tincan: `activity_id`; cmi5: the AU's `activityId`). */
  stateActivity: string;
  options: LrsOptions;
  onProblem: () => void;
}

export class LrsSession {
  readonly client: LrsClient;
  readonly queue: StatementQueue;
  readonly store: StateStore;
  readonly builder: StatementBuilder;
  readonly startedAt = Date.now();
  reported: Record<string, boolean> = {};
  /** The content page last viewed and the page shown last (may be an assessment). */
  lastPage = '';
  location = '';
  private stamp = 0;

  constructor(readonly setup: SessionSetup) {
    const { win, client, options } = setup;
    this.client = client;
    const storage = storageOf(win);
    const id = hashKey([client.endpoint, JSON.stringify(setup.actor), setup.registration ?? '', setup.stateActivity].join('|'));
    const timers = { setTimeout: (fn: () => void, ms: number) => win.setTimeout(fn, ms), clearTimeout: (t: never) => win.clearTimeout(t) };
    this.queue = new StatementQueue({
      send: (batch, keepalive) => (keepalive ? client.withKeepalive(() => client.sendStatements(batch)) : client.sendStatements(batch)),
      retryable: isRetryable,
      storage,
      key: `coursepack:xapi-queue:${id}`,
      ...timers,
      onRetrying: () => setup.onProblem(),
      onRejected: (statements, error) => {
        console.error(`coursepack: the LRS refused ${statements.length} statement(s) (${error instanceof HttpError ? error.status : 'error'}); they are not retried`, error, statements);
        setup.onProblem();
        options.onRejected?.(statements, error);
      },
      ...(options.baseDelayMs !== undefined ? { baseDelayMs: options.baseDelayMs } : {}),
      ...(options.maxDelayMs !== undefined ? { maxDelayMs: options.maxDelayMs } : {}),
    });
    const params = { activityId: setup.stateActivity, agent: setup.actor, stateId: STATE_ID, ...(setup.registration ? { registration: setup.registration } : {}) };
    this.store = new StateStore(client, params, storage, `coursepack:xapi-state:${id}`, timers, (error) => {
      if (isRetryable(error) || !(error instanceof HttpError && error.status === 404)) setup.onProblem();
    });
    this.builder = new StatementBuilder(setup);
    win.addEventListener('online', () => void this.queue.flush(true));
  }

  get data(): PlayerData {
    return this.setup.data;
  }

  /** Session time so far, as an ISO 8601 duration. */
  duration(): string {
    return xapiDuration(Date.now() - this.startedAt);
  }

  send(...statements: Statement[]): void {
    if (this.ending) this.queue.hold(...statements);
    else this.queue.enqueue(...statements);
  }

  /** From here on statements wait for `exit`, which sends them all with keepalive. */
  ending = false;

  /** The `experienced` / `answered` statement of a learning event (cmi5 "allowed" statements). */
  eventStatement(event: LearningEvent): Statement {
    if (event.type === 'page-viewed') {
      this.lastPage = event.pageId;
      return this.builder.experienced(event.pageId, event.title);
    }
    if (event.type === 'scenario-ended') return this.builder.scenarioEnded(event);
    if (event.type === 'scenario-choice') return this.builder.scenarioChoice(event);
    const assessmentId = this.assessmentOf(event.question.id, event.context);
    return this.builder.answered(event, assessmentId ? { assessmentId } : { pageId: this.lastPage });
  }

  private assessmentOf(questionId: string, context: 'check' | 'assessment'): string | undefined {
    if (context !== 'assessment') return undefined;
    const data = this.data as PlayerData & { assessments?: Array<{ id: string; questions: string[] }>; assessment?: { id: string; questions: string[] } };
    const all = data.assessments ?? (data.assessment ? [data.assessment] : []);
    return all.find((a) => a.questions.includes(questionId))?.id ?? (this.location || undefined);
  }

  doc(snapshot: Snapshot): LearnerDoc {
    this.stamp = Math.max(Date.now(), this.stamp + 1);
    return { v: 1, state: snapshot.state, location: snapshot.location, savedAt: this.stamp, reported: { ...this.reported } };
  }

  saveState(snapshot: Snapshot): Promise<void> {
    this.location = snapshot.location;
    return this.store.save(this.doc(snapshot));
  }

  /** pagehide: the last document and every queued statement, with keepalive, started synchronously. */
  exit(snapshot: Snapshot | null): Promise<void> {
    const state = snapshot ? this.store.saveOnExit(this.doc(snapshot)) : Promise.resolve();
    const statements = this.queue.flushOnExit();
    return Promise.all([state, statements]).then(() => undefined);
  }

  /** Everything sent or failed for now (tests, the cmi5 return to the LMS). */
  async idle(): Promise<void> {
    await Promise.all([this.queue.idle(), this.store.idle()]);
  }
}

/** The score of an outcome as xAPI wants it (cmi5: `raw`, `min`, `max` integers). */
export function outcomeScore(outcome: Outcome, integers: boolean): { scaled: number; raw: number; min: number; max: number } | undefined {
  if (outcome.score === undefined) return undefined;
  const raw = integers ? Math.round(outcome.score) : Math.round(outcome.score * 100) / 100;
  return { scaled: Math.round((outcome.score / 100) * 10000) / 10000, raw, min: 0, max: 100 };
}
