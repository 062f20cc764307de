/** The statement queue's rules with a scripted LRS: order, persistence, backoff on 5xx, 4xx reported once, keepalive exit. */
import { describe, expect, it } from 'vitest';
import { StatementQueue, type QueueOptions } from '../../src/player/tracking/statement-queue.js';
import { HttpError, isRetryable } from '../../src/player/tracking/xapi-client.js';
import type { Statement } from '../../src/player/tracking/xapi-statements.js';

const statement = (n: number): Statement => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, actor: {}, verb: { id: `v${n}`, display: {} }, object: { objectType: 'Activity', id: `o${n}` }, context: {}, timestamp: '' });

class MemoryStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
}

function setup(answers: Array<number | 'ok'>, extra: Partial<QueueOptions> = {}) {
  const sent: Array<{ ids: string[]; keepalive: boolean }> = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const rejected: string[] = [];
  const storage = new MemoryStorage();
  const options: QueueOptions = {
    send: async (batch, keepalive) => {
      sent.push({ ids: batch.map((s) => s.verb.id), keepalive });
      const answer = answers.shift() ?? 'ok';
      if (answer !== 'ok') throw new HttpError(answer, 'nope');
    },
    retryable: isRetryable,
    storage: storage as unknown as Storage,
    key: 'q',
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    clearTimeout: () => undefined,
    onRejected: (s) => rejected.push(...s.map((x) => x.verb.id)),
    ...extra,
  };
  return { queue: new StatementQueue(options), sent, timers, rejected, storage, options };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('statement queue', () => {
  it('sends in order, one request at a time, and forgets what the LRS acknowledged', async () => {
    const { queue, sent, storage } = setup([]);
    queue.enqueue(statement(1));
    queue.enqueue(statement(2), statement(3));
    await queue.idle();
    expect(sent.map((s) => s.ids)).toEqual([['v1'], ['v2', 'v3']]);
    expect(storage.data.has('q')).toBe(false);
  });

  it('keeps statements in storage and retries with growing delays while the LRS fails (5xx, network)', async () => {
    const { queue, sent, timers, storage } = setup([503, 502, 500]);
    queue.enqueue(statement(1), statement(2));
    await tick();
    expect(JSON.parse(storage.data.get('q')!)).toHaveLength(2);
    for (let i = 0; i < 3; i++) {
      timers.shift()!.fn();
      await tick();
    }
    await queue.idle();
    expect(sent).toHaveLength(4);
    expect(sent.every((s) => s.ids.join() === 'v1,v2')).toBe(true);
    expect(storage.data.has('q')).toBe(false);
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
    expect([408, 429, 500, 503].map((s) => isRetryable(new HttpError(s, '')))).toEqual([true, true, true, true]);
  });

  it('doubles the delay up to the maximum', async () => {
    const { queue, timers } = setup([503, 503, 503, 503, 503], { baseDelayMs: 100, maxDelayMs: 500 });
    queue.enqueue(statement(1));
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await tick();
      const t = timers.shift()!;
      delays.push(t.ms);
      t.fn();
    }
    expect(delays).toEqual([100, 200, 400, 500, 500]);
  });

  it('reports a statement the LRS refuses (4xx) once, drops it, and delivers the rest of its batch', async () => {
    const { queue, sent, rejected } = setup([400, 'ok', 400, 'ok']);
    queue.enqueue(statement(1), statement(2), statement(3));
    await queue.idle();
    expect(sent.map((s) => s.ids)).toEqual([['v1', 'v2', 'v3'], ['v1'], ['v2'], ['v3']]);
    expect(rejected).toEqual(['v2']);
    expect(queue.pending).toHaveLength(0);
  });

  it('survives a reload: a new queue on the same storage sends what was left, first', async () => {
    const first = setup([503]);
    first.queue.enqueue(statement(1));
    await tick();
    const second = new StatementQueue({ ...first.options, send: async (batch) => void first.sent.push({ ids: batch.map((s) => s.verb.id), keepalive: false }) });
    second.enqueue(statement(2));
    await second.idle();
    expect(first.sent.at(-1)!.ids).toEqual(['v1', 'v2']);
  });

  it('on pagehide sends everything left with keepalive, at once, and nothing after', async () => {
    const { queue, sent, timers } = setup([503]);
    queue.enqueue(statement(1));
    await tick();
    queue.hold(statement(2));
    void queue.flushOnExit();
    expect(sent.at(-1)).toEqual({ ids: ['v1', 'v2'], keepalive: true });
    await queue.idle();
    expect(queue.pending).toHaveLength(0);
    timers.forEach((t) => t.fn());
    expect(sent).toHaveLength(2);
  });

  it('splits the keepalive requests to stay within the 64 KiB budget', () => {
    const { queue, sent } = setup([]);
    const big = (n: number) => ({ ...statement(n), result: { response: 'x'.repeat(25000) } });
    queue.hold(big(1), big(2), big(3));
    void queue.flushOnExit();
    expect(sent.map((s) => s.ids.length)).toEqual([2, 1]);
    expect(sent.every((s) => s.keepalive)).toBe(true);
  });
});
