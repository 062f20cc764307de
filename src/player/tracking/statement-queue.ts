/**
 * Never lose a statement (LMS-RULES.md rule 33). Statements wait in an ordered queue that is kept
 * in the browser's storage until the LRS has acknowledged them, so a reload or a crash loses
 * nothing. One request is in flight at a time, so they arrive in order. When the LRS is down,
 * slow (timeout) or answers 408/429/5xx, the queue retries with exponential backoff; an LRS that
 * answers another 4xx has refused a statement: it is reported and dropped, never retried forever
 * (a batch is retried one by one first, so one bad statement does not take the others with it).
 * On `pagehide`, `flushOnExit` sends everything left with `keepalive`, synchronously.
 *
 * Statements carry their id: resending one the LRS already stored (its answer was lost) is
 * harmless, the LRS keeps it once. The queue stores statements only, never credentials.
 */
import type { Statement } from './xapi-statements.js';

export interface QueueOptions {
  /** Sends a batch in one request; rejects with an error the `retryable` test can judge. */
  send(batch: Statement[], keepalive: boolean): Promise<void>;
  retryable(error: unknown): boolean;
  storage: Storage | null;
  /** Storage key: one queue per LRS endpoint, learner and registration. */
  key: string;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (id: never) => void;
  /** A failure that will be retried (the first of a run of failures). */
  onRetrying?: (error: unknown) => void;
  /** Statements the LRS refused (4xx): reported, then dropped. */
  onRejected?: (statements: Statement[], error: unknown) => void;
  batchSize?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** keepalive requests share a 64 KiB budget per page: stay below it. */
const KEEPALIVE_BUDGET = 60000;

export class StatementQueue {
  private items: Statement[] = [];
  private inFlight: Promise<void> | null = null;
  private timer: unknown = null;
  private failures = 0;
  private idleWaiters: Array<() => void> = [];
  /** After `flushOnExit` the page is going away: no more ordinary requests. */
  private exited = false;
  private exitSends: Promise<void> = Promise.resolve();

  constructor(private readonly options: QueueOptions) {
    this.items = this.load();
  }

  /** Statements not yet acknowledged by the LRS. */
  get pending(): readonly Statement[] {
    return this.items;
  }

  enqueue(...statements: Statement[]): void {
    this.hold(...statements);
    if (statements.length) void this.flush();
  }

  /** Queues (and stores) statements without sending them yet: `flushOnExit` sends them with keepalive. */
  hold(...statements: Statement[]): void {
    if (!statements.length) return;
    this.items.push(...statements);
    this.persist();
  }

  /** Sends what is queued unless a request is in flight or a retry is scheduled (`force` skips the wait). */
  flush(force = false): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.exited) return Promise.resolve();
    if (this.timer !== null) {
      if (!force) return Promise.resolve();
      this.options.clearTimeout(this.timer as never);
      this.timer = null;
    }
    if (!this.items.length) {
      this.notifyIdle();
      return Promise.resolve();
    }
    this.inFlight = this.drain().finally(() => {
      this.inFlight = null;
      if (!this.items.length) this.notifyIdle();
    });
    return this.inFlight;
  }

  /** Resolves once every statement queued so far has been delivered or refused. */
  idle(): Promise<void> {
    if (this.exited) return this.exitSends;
    if (!this.items.length && !this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * pagehide: starts, synchronously, keepalive requests for everything not yet acknowledged
   * (in order, in chunks within the keepalive budget). What they deliver is removed; what they
   * do not stays stored for the next launch.
   */
  flushOnExit(): Promise<void> {
    this.exited = true;
    if (this.timer !== null) {
      this.options.clearTimeout(this.timer as never);
      this.timer = null;
    }
    const chunks: Statement[][] = [];
    let chunk: Statement[] = [];
    let size = 2;
    for (const statement of this.items) {
      const length = JSON.stringify(statement).length + 1;
      if (chunk.length && size + length > KEEPALIVE_BUDGET) {
        chunks.push(chunk);
        chunk = [];
        size = 2;
      }
      chunk.push(statement);
      size += length;
    }
    if (chunk.length) chunks.push(chunk);
    const sends = chunks.map((batch) =>
      this.options.send(batch, true).then(
        () => this.remove(batch),
        (error: unknown) => {
          if (!this.options.retryable(error)) {
            this.remove(batch);
            this.options.onRejected?.(batch, error);
          }
        },
      ),
    );
    this.exitSends = Promise.all(sends).then(() => undefined);
    return this.exitSends;
  }

  private async drain(): Promise<void> {
    const size = this.options.batchSize ?? 50;
    while (this.items.length && !this.exited) {
      const batch = this.items.slice(0, size);
      try {
        await this.options.send(batch, false);
        this.failures = 0;
        this.remove(batch);
      } catch (error) {
        if (this.options.retryable(error)) return this.retryLater(error);
        if (batch.length === 1) {
          this.remove(batch);
          this.options.onRejected?.(batch, error);
          continue;
        }
        // Find the refused statement(s): one by one, in order.
        for (const statement of batch) {
          try {
            await this.options.send([statement], false);
            this.failures = 0;
            this.remove([statement]);
          } catch (single) {
            if (this.options.retryable(single)) return this.retryLater(single);
            this.remove([statement]);
            this.options.onRejected?.([statement], single);
          }
        }
      }
    }
  }

  private retryLater(error: unknown): void {
    this.failures++;
    if (this.failures === 1) this.options.onRetrying?.(error);
    const base = this.options.baseDelayMs ?? 1000;
    const delay = Math.min(this.options.maxDelayMs ?? 60000, base * 2 ** (this.failures - 1));
    this.timer = this.options.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  private remove(sent: Statement[]): void {
    const ids = new Set(sent.map((s) => s.id));
    const before = this.items.length;
    this.items = this.items.filter((s) => !ids.has(s.id));
    if (this.items.length !== before) this.persist();
    if (!this.items.length && !this.inFlight) this.notifyIdle();
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private load(): Statement[] {
    try {
      const saved = JSON.parse(this.options.storage?.getItem(this.options.key) ?? '[]') as unknown;
      return Array.isArray(saved) ? (saved.filter((s) => s && typeof s === 'object' && typeof (s as Statement).id === 'string') as Statement[]) : [];
    } catch {
      return [];
    }
  }

  private persist(): void {
    try {
      if (this.items.length) this.options.storage?.setItem(this.options.key, JSON.stringify(this.items));
      else this.options.storage?.removeItem(this.options.key);
    } catch {
      // Storage full or disabled: the queue still holds them for this page.
    }
  }
}
