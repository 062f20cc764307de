/**
 * The cmi5 package against a real LRS, with a test host as the LMS: fetch token, LMS.LaunchData
 * (context template with a new session id per launch, launchMode, masteryScore, returnURL), a
 * state store, statements forwarded to Learning Locker's xapi-statements. Statements are read back
 * from the LRS and checked against the cmi5 rules (spec §§7, 9, 10; LMS-RULES.md 35–36).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltPackage } from '../../src/package/build.js';
import { settle } from '../support/dom-lms.js';
import { answerChecks, next, takeAssessment, visiblePage } from '../support/learner.js';
import { expectCmi5Session, MASTERY, SESSION, verb } from './support/cmi5-rules.js';
import { buildFixture, COURSE_IRI, expectValid, packageText, verbsOf } from './support/course.js';
import { LmsHost } from './support/host.js';
import { ACTOR, launchCmi5, type Cmi5Launch } from './support/launch.js';
import { Lrs } from './support/lrs.js';

describe.skipIf(!process.env.COURSEPACK_LRS_SUITE)('cmi5 package reporting to a real LRS (run with npm run test:lrs)', () => {
  let lrs: Lrs;
  let host: LmsHost;
  let pkg: BuiltPackage;
  let publisherId: string;
  let launchParameters: string;

  beforeAll(async () => {
    lrs = await Lrs.start();
    host = new LmsHost(() => lrs.url);
    await host.start();
    pkg = await buildFixture('cmi5');
    host.serve(pkg.files);
    const xml = packageText(pkg, 'cmi5.xml');
    publisherId = /<au id="([^"]+)"/.exec(xml)![1]!;
    launchParameters = /<launchParameters>([^<]+)<\/launchParameters>/.exec(xml)![1]!.replace(/&quot;/g, '"');
  });

  afterAll(async () => {
    await host?.stop();
    await lrs?.stop();
  });

  const newLaunch = (extra: Partial<Cmi5Launch> = {}): Cmi5Launch => ({
    registration: randomUUID(),
    activityId: `https://lms.example.org/cmi5/activities/${randomUUID()}`,
    publisherId,
    launchParameters,
    masteryScore: 0.8,
    ...extra,
  });

  it('fails in a first session and passes in a second: the statements, their order and number follow cmi5', async () => {
    const launch = newLaunch({ returnURL: host.returnUrl });
    // Session 1: every page, the checks, a failed attempt; the learner closes the tab.
    const first = await launchCmi5(pkg, host, launch);
    expect(first.tracker.session, 'the AU got its token and launch data').not.toBeNull();
    const { doc, data } = first;
    for (let i = 0; i < data.pages.length; i++) {
      await answerChecks(doc, data);
      await next(doc);
    }
    const attempt1 = await takeAssessment(doc, data, 0);
    await settle();
    first.close();
    await first.tracker.idle();
    // Session 2: resumes on the assessment, passes, leaves with the Exit button for the returnURL.
    const second = await launchCmi5(pkg, host, launch);
    expect(visiblePage(second.doc)).toBe(data.assessments[0]!.id);
    const attempt2 = await takeAssessment(second.doc, second.data, 99);
    await settle();
    const exit = second.doc.getElementById('cp-exit') as HTMLButtonElement | null;
    expect(exit?.hidden, 'an Exit button for an LMS session').toBe(false);
    exit!.click();
    await second.tracker.idle();
    for (let i = 0; i < 50 && second.window.location.href !== launch.returnURL; i++) await new Promise((r) => setTimeout(r, 20));
    expect(second.window.location.href).toBe(launch.returnURL);

    const stored = await lrs.statements(launch.registration);
    expectValid(host.delivered);
    expect(new Set(stored.map((s) => s.id)).size).toBe(stored.length);
    const session1 = stored.filter((s) => s.context?.extensions?.[SESSION] === first.sessionId);
    const session2 = stored.filter((s) => s.context?.extensions?.[SESSION] === second.sessionId);
    expect(session1.length + session2.length).toBe(stored.length);
    expect(verbsOf(session1)).toEqual([
      'initialized',
      'experienced',
      'experienced',
      'completed',
      'answered',
      ...attempt1.map(() => 'answered'),
      'failed',
      'terminated',
    ]);
    expect(verbsOf(session2)).toEqual(['initialized', ...attempt2.map(() => 'answered'), 'passed', 'terminated']);
    expectCmi5Session(session1, { ...launch, courseIri: COURSE_IRI, sessionId: first.sessionId });
    expectCmi5Session(session2, { ...launch, courseIri: COURSE_IRI, sessionId: second.sessionId });

    const failed = session1.find((s) => verb(s) === 'failed')!;
    expect(failed.result).toMatchObject({ success: false, score: { scaled: 0, raw: 0, min: 0, max: 100 }, duration: expect.stringMatching(/^PT/) });
    expect(failed.context?.extensions?.[MASTERY]).toBe(0.8);
    const passed = session2.find((s) => verb(s) === 'passed')!;
    expect(passed.result).toMatchObject({ success: true, score: { scaled: 1, raw: 100, min: 0, max: 100 }, duration: expect.stringMatching(/^PT/) });
    expect(passed.context?.extensions?.[MASTERY]).toBe(0.8);
    const completed = session1.find((s) => verb(s) === 'completed')!;
    expect(completed.result).toEqual({ completion: true, duration: expect.stringMatching(/^PT/) });
    expect(stored.filter((s) => verb(s) === 'completed')).toHaveLength(1);

    // One POST to the fetch URL per launch; LMS.LaunchData read, never written; the learner state went to the State API.
    const fetchCalls = host.exchanges.filter((e) => e.path.startsWith('/fetch/'));
    expect(fetchCalls.map((e) => e.method)).toEqual(['POST', 'POST']);
    const writes = host.exchanges.filter((e) => e.path === '/xapi/activities/state' && e.method !== 'GET');
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((e) => e.status === 204)).toBe(true);
    // The final statements of session 1 went out with keepalive on pagehide.
    expect(first.fetches.filter((f) => f.body?.includes('/verbs/terminated')).every((f) => f.keepalive)).toBe(true);
  });

  it('sends one verdict per session: a fail then a pass in the same session reports passed only', async () => {
    const launch = newLaunch();
    const run = await launchCmi5(pkg, host, launch);
    for (let i = 0; i < run.data.pages.length; i++) await next(run.doc);
    await takeAssessment(run.doc, run.data, 0);
    await takeAssessment(run.doc, run.data, 99);
    await settle();
    run.close();
    await run.tracker.idle();
    const stored = await lrs.statements(launch.registration);
    expectCmi5Session(stored, { ...launch, courseIri: COURSE_IRI, sessionId: run.sessionId });
    expect(stored.map(verb).filter((v) => ['passed', 'failed', 'completed'].includes(v))).toEqual(['completed', 'passed']);
  });

  it("honours the LMS's masteryScore over the course's passing score", async () => {
    // The course passes at 80 %; this LMS sets 0.4. Half right (50 %) fails in the course, passes here.
    const launch = newLaunch({ masteryScore: 0.4 });
    const run = await launchCmi5(pkg, host, launch);
    await next(run.doc);
    await next(run.doc);
    await takeAssessment(run.doc, run.data, 1);
    await settle();
    run.close();
    await run.tracker.idle();
    const stored = await lrs.statements(launch.registration);
    expectCmi5Session(stored, { ...launch, courseIri: COURSE_IRI, sessionId: run.sessionId });
    const passed = stored.find((s) => verb(s) === 'passed')!;
    expect(passed.result?.score).toMatchObject({ scaled: 0.5, raw: 50 });
    expect(passed.context?.extensions?.[MASTERY]).toBe(0.4);
    expect(stored.some((s) => verb(s) === 'failed')).toBe(false);
  });

  it.each(['Browse', 'Review'] as const)('in %s mode sends only initialized and terminated and writes no state', async (launchMode) => {
    const launch = newLaunch({ launchMode });
    const before = host.exchanges.length;
    const run = await launchCmi5(pkg, host, launch);
    await next(run.doc);
    run.close();
    await run.tracker.idle();
    const stored = await lrs.statements(launch.registration);
    expect(stored.map(verb)).toEqual(['initialized', 'terminated']);
    expectCmi5Session(stored, { ...launch, courseIri: COURSE_IRI, sessionId: run.sessionId });
    expect(host.exchanges.slice(before).filter((e) => e.path === '/xapi/activities/state' && e.method !== 'GET')).toEqual([]);
  });

  it('falls back to the browser when the fetch URL was already used (no LMS session to report to)', async () => {
    const launch = newLaunch();
    const run = await launchCmi5(pkg, host, launch);
    run.close();
    await run.tracker.idle();
    // Reopen the same launch URL (the fetch token is one-time): the course opens, in standalone mode.
    const { Window } = await import('happy-dom');
    const window = new Window({ url: run.window.location.href, settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true } as never });
    window.document.write(packageText(pkg, 'index.html'));
    const { boot } = await import('../../src/player/boot.js');
    const { Cmi5Tracker } = await import('../../src/player/tracking/cmi5.js');
    const player = await boot(window as unknown as globalThis.Window, (d) => new Cmi5Tracker(window as unknown as globalThis.Window, d));
    expect(player.tracker.name).toBe('standalone');
    expect((window.document.getElementById('cp-notice') as unknown as HTMLElement).hidden).toBe(false);
  });
});
