/**
 * Bookmark and learner state in the xAPI State API (LMS-RULES.md rule 33), shared by the xAPI and
 * cmi5 adapters. One JSON document per activity, learner and registration holds the encoded
 * learner state, the bookmark and what was already reported in this registration (so `completed`
 * and `passed` go out once). Until the LRS has it, the latest document also waits in the
 * browser's storage, so a relaunch after an outage resumes from the newest of the two.
 */
import { isRetryable, type LrsClient, type StateParams } from './xapi-client.js';

export interface LearnerDoc {
  v: 1;
  /** The player's encoded learner state. */
  state: string;
  location: string;
  /** Milliseconds since the epoch, to pick the newest copy. */
  savedAt: number;
  /** What this registration already reported, e.g. `{ completed: true, passed: true }`. */
  reported: Record<string, boolean>;
}

export const STATE_ID = 'coursepack.learner';

const isDoc = (doc: unknown): doc is LearnerDoc =>
  !!doc && typeof doc === 'object' && (doc as LearnerDoc).v === 1 && typeof (doc as LearnerDoc).state === 'string';

export class StateStore {
  private inFlight: Promise<void> | null = null;
  private latest: LearnerDoc | null = null;
  private sent = 0;
  private retryTimer: unknown = null;

  constructor(
    private readonly client: LrsClient,
    private readonly params: StateParams,
    private readonly storage: Storage | null,
    private readonly key: string,
    private readonly timers: { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (id: never) => void },
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** The newest of the LRS's document and the local copy not yet delivered. */
  async load(): Promise<LearnerDoc | null> {
    let remote: LearnerDoc | null = null;
    try {
      const doc = await this.client.getState<unknown>(this.params);
      remote = isDoc(doc) ? doc : null;
    } catch (error) {
      this.onFailure(error);
    }
    const local = this.readLocal();
    if (local && (!remote || local.savedAt > remote.savedAt)) {
      this.latest = local;
      void this.push();
      return local;
    }
    return remote;
  }

  /** Saves the document; only the newest is sent, one request at a time. */
  save(doc: LearnerDoc): Promise<void> {
    this.latest = doc;
    this.writeLocal(doc);
    return this.push();
  }

  /** pagehide: the newest document with keepalive, started synchronously. */
  saveOnExit(doc: LearnerDoc): Promise<void> {
    this.latest = doc;
    this.writeLocal(doc);
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer as never);
    this.retryTimer = null;
    return this.client.withKeepalive(() => this.client.setState(this.params, doc)).then(
      () => this.delivered(doc),
      () => undefined,
    );
  }

  /** Resolves when the newest document is delivered (or failed for now). */
  async idle(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  private push(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const doc = this.latest;
    if (!doc || doc.savedAt <= this.sent) return Promise.resolve();
    this.inFlight = this.client
      .setState(this.params, doc)
      .then(
        () => this.delivered(doc),
        (error: unknown) => {
          this.onFailure(error);
          if (isRetryable(error) && this.retryTimer === null) {
            this.retryTimer = this.timers.setTimeout(() => {
              this.retryTimer = null;
              void this.push();
            }, 5000);
          }
        },
      )
      .finally(() => {
        this.inFlight = null;
      })
      .then(() => {
        if (this.latest && this.latest.savedAt > this.sent && this.retryTimer === null) return this.push();
      });
    return this.inFlight;
  }

  private delivered(doc: LearnerDoc): void {
    this.sent = Math.max(this.sent, doc.savedAt);
    const local = this.readLocal();
    if (local && local.savedAt <= this.sent) {
      try {
        this.storage?.removeItem(this.key);
      } catch {
        // Storage disabled: nothing to clean.
      }
    }
  }

  private readLocal(): LearnerDoc | null {
    try {
      const doc = JSON.parse(this.storage?.getItem(this.key) ?? 'null') as unknown;
      return isDoc(doc) ? doc : null;
    } catch {
      return null;
    }
  }

  private writeLocal(doc: LearnerDoc): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(doc));
    } catch {
      // Storage full or disabled: the LRS copy is the only one.
    }
  }
}
