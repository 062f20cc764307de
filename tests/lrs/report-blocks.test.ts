/**
 * `coursepack report --from <LRS>` on scenarios and media (issue 15), against the real LRS: six
 * learners play the scenario fixture's xAPI package in the DOM (its own blocks/scenario.js), three
 * to the good ending, one to the poor ending, one restarting from the poor ending to the good one,
 * one leaving after a single choice; five learners open the media fixture's video, four start it,
 * three play it to its end (its blocks/video.js, the playhead driven as a browser fires its events).
 * The report's scenario and media figures (with `--min-group 1`) are those of these plays.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { BuiltPackage } from '../../src/package/build.js';
import type { ReportFigures } from '../../src/report/figures.js';
import { buildPackage, ROOT } from '../support/build.js';
import { settle } from '../support/dom-lms.js';
import { next } from '../support/learner.js';
import { LmsHost } from './support/host.js';
import { launchXapi } from './support/launch.js';
import { Lrs } from './support/lrs.js';

const SCENARIO = join(ROOT, 'tests/fixtures/courses/scenario');
const MEDIA = join(ROOT, 'tests/fixtures/courses/media');
const AUTH = `Basic ${Buffer.from('report-key:report-secret').toString('base64')}`;
const actor = (name: string) => ({ objectType: 'Agent', account: { homePage: 'https://lms.example.org', name }, name });

async function click(doc: Document, selector: string): Promise<void> {
  const el = doc.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  el.click();
  await settle();
}

describe.skipIf(!process.env.COURSEPACK_LRS_SUITE)('coursepack report: scenarios and media from a real LRS', () => {
  let lrs: Lrs;
  let host: LmsHost;
  let scenario: BuiltPackage;
  let media: BuiltPackage;
  let work: string;

  beforeAll(async () => {
    lrs = await Lrs.start();
    host = new LmsHost(() => lrs.url);
    await host.start();
    [scenario, media] = await Promise.all([buildPackage(SCENARIO, 'xapi', 'en'), buildPackage(MEDIA, 'xapi', 'en')]);
    work = mkdtempSync(join(tmpdir(), 'coursepack-report-blocks-'));
  });

  afterAll(async () => {
    await host?.stop();
    await lrs?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const report = async (course: string): Promise<ReportFigures> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(['report', course, '--from', lrs.url, '--auth', 'report-key:report-secret', '--cache', join(work, `cache-${randomUUID()}`), '--json', '--lang', 'en', '--min-group', '1'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: work, color: false });
    expect(code, err.join('')).toBe(0);
    return JSON.parse(out.join('')) as ReportFigures;
  };

  it('each ending, each choice, the common path', async () => {
    host.serve(scenario.files);
    // null: Continue (or Restart at an ending).
    const plays = [
      ['reassure', null, 'ask-projects', null],
      ['reassure', null, 'ask-projects', null],
      ['reassure', null, 'ask-projects', null],
      ['lecture', null, 'insist', null],
      ['lecture', null, 'insist', null, null, 'reassure', null, 'ask-projects', null],
      ['reassure'],
    ];
    for (const [i, choices] of plays.entries()) {
      const launched = await launchXapi(scenario, host, { registration: randomUUID(), activityId: 'https://learning.example.org/courses/scenario-demo', auth: AUTH, actor: actor(`scenario-${i}`) });
      await click(launched.doc, '#cp-next');
      for (const choice of choices) await click(launched.doc, choice === null ? '.cp-scenario-action' : `.cp-scenario-option[data-choice-id="${choice}"]`);
      launched.close();
      await launched.tracker.idle();
    }
    const s = (await report(SCENARIO)).scenarios[0]!;
    expect({ started: s.started, ended: s.ended }).toEqual({ started: 6, ended: 5 });
    expect(s.endings!.map((e) => [e.id, e.learners, e.first])).toEqual([['good-end', 4, 3], ['neutral-end', 0, 0], ['poor-end', 2, 2]]);
    expect(Object.fromEntries(s.nodes!.map((n) => [n.id, n.choices.map((c) => c.learners)]))).toEqual({ opening: [5, 2], pushback: [0, 2], skills: [4, 0] });
    expect(s.commonPath).toEqual({ steps: [{ node: 'opening', choice: 'reassure' }, { node: 'skills', choice: 'ask-projects' }], ending: 'good-end', learners: 3 });
  });

  it('reached, started and completed for the video; the audio nobody played', async () => {
    host.serve(media.files);
    // 0: opens the page only; 1: starts and pauses; 2: plays to the end.
    for (const [i, how] of [0, 1, 2, 2, 2].entries()) {
      const launched = await launchXapi(media, host, { registration: randomUUID(), activityId: 'https://learning.example.org/courses/media', auth: AUTH, actor: actor(`media-${i}`) });
      await next(launched.doc);
      const video = launched.doc.querySelector<HTMLVideoElement>('#p-watch video')!;
      const state: Record<string, number | boolean> = { currentTime: 0, duration: 5.2, paused: true, ended: false, seeking: false };
      for (const key of Object.keys(state)) Object.defineProperty(video, key, { configurable: true, get: () => state[key], set: (v: number | boolean) => (state[key] = v) });
      const fire = (type: string) => video.dispatchEvent(new (launched.doc.defaultView as unknown as typeof globalThis).Event(type));
      if (how >= 1) {
        state.paused = false;
        fire('play');
        state.currentTime = 2;
        fire('timeupdate');
      }
      if (how === 1) {
        state.paused = true;
        fire('pause');
        await new Promise((resolve) => setTimeout(resolve, 1300));
      }
      if (how === 2) {
        Object.assign(state, { currentTime: 5.2, paused: true, ended: true });
        fire('pause');
        fire('ended');
      }
      await settle();
      launched.close();
      await launched.tracker.idle();
    }
    const figures = await report(MEDIA);
    expect(figures.media.map((m) => ({ id: m.id, reached: m.reached, started: m.started, completed: m.completed, watched: m.watched }))).toEqual([
      { id: 'conversation', reached: 5, started: 4, completed: 3, watched: true },
      { id: 'narration', reached: 0, started: 0, completed: 0, watched: false },
    ]);
  });
});
