/**
 * Never lose a statement: the real LRS is stopped mid-course (by PID) and restarted; statements
 * wait in the browser, are retried with backoff and arrive in order, each once. Also: a slow LRS
 * (timeouts), a tab closed during an outage (sent at the next launch), a refusing LRS (4xx:
 * reported, not retried forever), and resume from the State API for both targets.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltPackage } from '../../src/package/build.js';
import type { Statement } from '../../src/player/tracking/xapi-statements.js';
import { settle } from '../support/dom-lms.js';
import { answerChecks, next, takeAssessment, visiblePage } from '../support/learner.js';
import { buildFixture, COURSE_IRI, expectValid, packageText, verbsOf } from './support/course.js';
import { LmsHost } from './support/host.js';
import { FAST, launchCmi5, launchXapi, storageOf } from './support/launch.js';
import { Lrs, type StoredStatement } from './support/lrs.js';

const AUTH = `Basic ${Buffer.from('key:secret').toString('base64')}`;

const waitFor = async (what: string, check: () => boolean, ms = 10000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe.skipIf(!process.env.COURSEPACK_LRS_SUITE)('statements survive LRS outages; learners resume (run with npm run test:lrs)', () => {
  let lrs: Lrs;
  let host: LmsHost;
  let xapiPkg: BuiltPackage;
  let cmi5Pkg: BuiltPackage;

  beforeAll(async () => {
    lrs = await Lrs.start();
    host = new LmsHost(() => lrs.url);
    await host.start();
    xapiPkg = await buildFixture('xapi');
    cmi5Pkg = await buildFixture('cmi5');
    host.serve(xapiPkg.files);
  });

  afterAll(async () => {
    await host?.stop();
    await lrs?.stop();
  });

  it('the LRS is stopped mid-course and restarted: every statement arrives, once, in order', async () => {
    const registration = randomUUID();
    const run = await launchXapi(xapiPkg, host, { registration, activityId: COURSE_IRI, auth: AUTH });
    const { doc, data, tracker } = run;
    await tracker.idle();
    const queue = tracker.session!.queue;

    // The LRS goes down (its memory goes with it: read what it has first).
    const before = await lrs.statements(registration);
    expect(verbsOf(before)).toEqual(['initialized', 'experienced']);
    await lrs.down();
    await answerChecks(doc, data);
    await next(doc);
    const checks = await answerChecks(doc, data, { wrongFirst: true });
    await next(doc);
    await takeAssessment(doc, data, 0);
    await settle();
    await waitFor('a failed delivery', () => host.exchanges.some((e) => e.path === '/xapi/statements' && e.status === 503));
    expect(queue.pending.length, 'statements wait in the queue').toBeGreaterThan(0);
    const stored = Object.entries(storageOf(run.window)).find(([k]) => k.startsWith('coursepack:xapi-queue:'));
    expect(JSON.parse(stored![1]).length, 'and in the browser storage').toBe(queue.pending.length);
    expect(doc.getElementById('cp-notice')!.hidden, 'the learner is told to keep the window open').toBe(false);
    expect(JSON.stringify(storageOf(run.window))).not.toContain(AUTH.slice(6));

    // Back up: the queue delivers on its next retry.
    await lrs.up();
    await tracker.idle();
    await takeAssessment(doc, data, 99);
    await settle();
    run.close();
    await tracker.idle();

    const after = await lrs.statements(registration);
    const all = [...before, ...after];
    expect(new Set(all.map((s) => s.id)).size, 'each statement once').toBe(all.length);
    expect(verbsOf(all)).toEqual([
      'initialized',
      'experienced',
      'experienced',
      ...checks.flatMap(() => ['answered', 'answered']),
      ...data.assessments[0]!.questions.map(() => 'answered'),
      'failed',
      ...data.assessments[0]!.questions.map(() => 'answered'),
      'passed',
      'completed',
      'terminated',
    ]);
    const times = all.map((s) => Date.parse(s.timestamp));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(queue.pending).toHaveLength(0);
    expectValid(all);
    // Retried with backoff, not hammered: a handful of attempts while the LRS was down.
    const failures = host.exchanges.filter((e) => e.path === '/xapi/statements' && e.status === 503).length;
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThan(40);
  });

  it('a slow LRS (requests time out) still gets every statement once', async () => {
    const registration = randomUUID();
    const run = await launchXapi(xapiPkg, host, { registration, activityId: COURSE_IRI, auth: AUTH }, { ...FAST, timeoutMs: 300 });
    await run.tracker.idle();
    host.delayMs = 500;
    await next(run.doc);
    await waitFor('a timed-out request', () => host.exchanges.filter((e) => e.path === '/xapi/statements').length >= 3);
    host.delayMs = 0;
    await run.tracker.idle();
    run.close();
    await run.tracker.idle();
    await new Promise((r) => setTimeout(r, 700)); // the slow requests the player gave up on still reach the LRS
    const stored = await lrs.statements(registration);
    expect(new Set(stored.map((s) => s.id)).size).toBe(stored.length);
    expect(verbsOf(stored)).toEqual(['initialized', 'experienced', 'experienced', 'suspended', 'terminated']);
  });

  it('statements left when the tab closes during an outage go out at the next launch', async () => {
    const registration = randomUUID();
    const first = await launchXapi(xapiPkg, host, { registration, activityId: COURSE_IRI, auth: AUTH });
    await first.tracker.idle();
    host.failStatements = 503;
    await next(first.doc);
    first.close();
    await first.tracker.idle();
    expect(first.tracker.session!.queue.pending.length).toBe(3); // experienced, suspended, terminated
    host.failStatements = null;
    const second = await launchXapi(xapiPkg, host, { registration, activityId: COURSE_IRI, auth: AUTH }, FAST, storageOf(first.window));
    await second.tracker.idle();
    const stored = await lrs.statements(registration);
    // the old session's statements first, then the new session (which shows the bookmarked page)
    expect(verbsOf(stored)).toEqual(['initialized', 'experienced', 'experienced', 'suspended', 'terminated', 'initialized', 'resumed', 'experienced']);
    expect(new Set(stored.map((s) => s.id)).size).toBe(stored.length);
  });

  it('a statement the LRS refuses (4xx) is reported, not retried forever, and does not hold up the others', async () => {
    const registration = randomUUID();
    const rejected: Statement[] = [];
    const run = await launchXapi(xapiPkg, host, { registration, activityId: COURSE_IRI, auth: AUTH }, { ...FAST, onRejected: (s) => rejected.push(...s) });
    await run.tracker.idle();
    host.failStatements = 400;
    await next(run.doc);
    await run.tracker.idle();
    host.failStatements = null;
    expect(verbsOf(rejected)).toEqual(['experienced']);
    expect(host.exchanges.filter((e) => e.status === 400)).toHaveLength(1);
    await next(run.doc);
    await takeAssessment(run.doc, run.data, 99);
    run.close();
    await run.tracker.idle();
    const verbs = verbsOf(await lrs.statements(registration));
    expect(verbs[0]).toBe('initialized');
    expect(verbs[verbs.length - 1]).toBe('terminated');
    expect(run.tracker.session!.queue.pending).toHaveLength(0);
  });

  it('xAPI: a relaunch resumes from the State API (bookmark, pages, checks), in a new browser', async () => {
    const registration = randomUUID();
    const first = await launchXapi(xapiPkg, host, { registration, activityId: COURSE_IRI, auth: AUTH });
    await next(first.doc);
    const answered = await answerChecks(first.doc, first.data);
    first.close();
    await first.tracker.idle();
    const saved = [...host.states.values()].map((v) => JSON.parse(v) as { location?: string }).find((d) => d.location === 'quiz-page');
    expect(saved, 'the state document is in the State API').toBeTruthy();

    const second = await launchXapi(xapiPkg, host, { registration, activityId: COURSE_IRI, auth: AUTH }); // empty storage
    expect(visiblePage(second.doc)).toBe('quiz-page');
    expect(second.player.state.visited).toEqual(['welcome', 'quiz-page']);
    expect(Object.keys(second.player.state.checks)).toEqual(answered);
    second.close();
    await second.tracker.idle();
    const verbs = verbsOf(await lrs.statements(registration));
    expect(verbs).toEqual(['initialized', 'experienced', 'experienced', 'answered', 'suspended', 'terminated', 'initialized', 'resumed', 'experienced', 'suspended', 'terminated']);
  });

  it('cmi5: a relaunch resumes from the State API; completed is not sent again', async () => {
    host.serve(cmi5Pkg.files);
    const xml = packageText(cmi5Pkg, 'cmi5.xml');
    const publisherId = /<au id="([^"]+)"/.exec(xml)![1]!;
    const launchParameters = /<launchParameters>([^<]+)<\/launchParameters>/.exec(xml)![1]!.replace(/&quot;/g, '"');
    const launch = { registration: randomUUID(), activityId: `https://lms.example.org/cmi5/${randomUUID()}`, publisherId, launchParameters, masteryScore: 0.8 };
    const first = await launchCmi5(cmi5Pkg, host, launch);
    await next(first.doc);
    first.close();
    await first.tracker.idle();
    const second = await launchCmi5(cmi5Pkg, host, launch);
    expect(visiblePage(second.doc)).toBe('quiz-page');
    expect(second.player.state.visited).toEqual(['welcome', 'quiz-page']);
    await next(second.doc);
    second.close();
    await second.tracker.idle();
    const stored: StoredStatement[] = await lrs.statements(launch.registration);
    expect(verbsOf(stored)).toEqual(['initialized', 'experienced', 'experienced', 'completed', 'terminated', 'initialized', 'experienced', 'terminated']);
    host.serve(xapiPkg.files);
  });
});
