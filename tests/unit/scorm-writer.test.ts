/** The write policy shared by the SCORM 1.2 and 2004 trackers (the real runtime is exercised in tests/integration). */
import { describe, expect, it } from 'vitest';
import { ScormWriter, type SaveReport } from '../../src/player/tracking/scorm-writer.js';

function setup(answers: { set?: Array<string | Error>; commit?: Array<string | Error> }) {
  const calls: string[] = [];
  const reports: SaveReport[] = [];
  const timers: Array<{ ms: number; run: () => void }> = [];
  const answer = (list: Array<string | Error> | undefined) => {
    const next = list?.shift() ?? 'true';
    if (next instanceof Error) throw next;
    return next;
  };
  const win = { setTimeout: (run: () => void, ms: number) => timers.push({ ms, run }) } as unknown as Window;
  const writer = new ScormWriter(
    { setValue: (e, v) => (calls.push(`set ${e}=${v}`), answer(answers.set)), commit: () => (calls.push('commit'), answer(answers.commit)) },
    win,
    (r) => reports.push(r),
  );
  return { writer, calls, reports, timers };
}

describe('ScormWriter', () => {
  it('does not write what the LMS already holds', () => {
    const { writer, calls } = setup({});
    writer.written.set('cmi.location', 'p1');
    writer.setOnce('cmi.location', 'p1');
    writer.setOnce('cmi.location', 'p2');
    writer.setOnce('cmi.location', 'p2');
    expect(calls).toEqual(['set cmi.location=p2']);
  });

  it('sets a refused or throwing value once more, then reports', () => {
    const { writer, calls, reports } = setup({ set: ['false', 'true', new Error('boom'), 'false'] });
    expect(writer.set('a', '1')).toBe(true);
    expect(writer.set('b', '2')).toBe(false);
    expect(calls).toEqual(['set a=1', 'set a=1', 'set b=2', 'set b=2']);
    expect(reports).toEqual(['save-failed']);
  });

  it('retries a refused commit after 2, 5 and 10 s and says when it went through', () => {
    const { writer, reports, timers } = setup({ commit: ['false', new Error('offline'), 'false', 'true'] });
    writer.commit();
    expect(timers.map((t) => t.ms)).toEqual([2000]);
    timers.shift()!.run();
    timers.shift()!.run();
    expect(reports).toEqual(['save-failed', 'save-failed', 'save-failed']);
    timers.shift()!.run();
    expect(reports).toEqual(['save-failed', 'save-failed', 'save-failed', 'saved']);
    expect(timers).toEqual([]);
  });

  it('stops retrying once the session has ended', () => {
    const { writer, calls, timers } = setup({ commit: ['false'] });
    writer.commit();
    writer.stopped = true;
    timers.shift()!.run();
    expect(calls).toEqual(['commit']);
  });
});
