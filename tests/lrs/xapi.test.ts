/**
 * The xAPI (Tin Can launch) package against a real LRS (Learning Locker's xapi-statements), with
 * a test host as the LMS. The learner plays the fixture course, fails then passes the assessment,
 * closes the tab; the statements are read back from the LRS.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltPackage } from '../../src/package/build.js';
import { settle } from '../support/dom-lms.js';
import { answerChecks, next, takeAssessment, visiblePage } from '../support/learner.js';
import { buildFixture, COURSE_IRI, expectValid, uuidPattern, verbsOf } from './support/course.js';
import { LmsHost } from './support/host.js';
import { ACTOR, launchXapi } from './support/launch.js';
import { Lrs } from './support/lrs.js';

const AUTH = `Basic ${Buffer.from('moodle-key:moodle-secret').toString('base64')}`;
const CMI_INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';

describe.skipIf(!process.env.COURSEPACK_LRS_SUITE)('xAPI package reporting to a real LRS (run with npm run test:lrs)', () => {
  let lrs: Lrs;
  let host: LmsHost;
  let pkg: BuiltPackage;

  beforeAll(async () => {
    lrs = await Lrs.start();
    host = new LmsHost(() => lrs.url);
    await host.start();
    pkg = await buildFixture('xapi');
    host.serve(pkg.files);
  });

  afterAll(async () => {
    await host?.stop();
    await lrs?.stop();
  });

  it('records a whole journey: pages, checks, a failed then a passed attempt, completion, termination', async () => {
    const registration = randomUUID();
    const run = await launchXapi(pkg, host, { registration, activityId: COURSE_IRI, auth: AUTH });
    const { doc, data, tracker } = run;
    expect(tracker.session, 'the tracker found the LRS launch').not.toBeNull();
    const order = [...data.pages.map((p) => p.id), ...data.assessments.map((a) => a.id)];
    expect(visiblePage(doc)).toBe(order[0]);
    const checks: string[] = [];
    for (let i = 0; i < data.pages.length; i++) {
      checks.push(...(await answerChecks(doc, data, { wrongFirst: true })));
      await next(doc);
    }
    const attempt1 = await takeAssessment(doc, data, 0);
    const attempt2 = await takeAssessment(doc, data, 99);
    await settle();
    run.close();
    await tracker.idle();

    const stored = await lrs.statements(registration);
    const pageVerbs = data.pages.map(() => 'experienced');
    expect(verbsOf(stored)).toEqual([
      'initialized',
      ...pageVerbs.slice(0, 1),
      // the checks are on the second page, answered wrong then right
      ...pageVerbs.slice(1),
      ...checks.flatMap(() => ['answered', 'answered']),
      ...attempt1.map(() => 'answered'),
      'failed',
      ...attempt2.map(() => 'answered'),
      'passed',
      'completed',
      'terminated',
    ]);

    // Every statement: the launch actor unchanged, the registration, version 1.0.3 accepted, valid.
    for (const s of stored) {
      expect(s.actor).toEqual(ACTOR);
      expect(s.context?.registration).toBe(registration);
      expect(s.id).toMatch(uuidPattern);
      expect(s.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    expectValid(host.delivered);
    // Only the first read of the state document finds nothing (404): every other request succeeded.
    expect(host.exchanges.filter((e) => e.status >= 400).map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['GET /xapi/activities/state 404']);

    // Each statement arrived once, in the order it was made.
    expect(new Set(stored.map((s) => s.id)).size).toBe(stored.length);
    // (pagehide resends, with keepalive, what was still in flight: same id, same content, kept once)
    expect(stored.map((s) => s.id)).toEqual([...new Set(host.delivered.map((s) => s.id))]);
    const times = stored.map((s) => Date.parse(s.timestamp));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // Course-level statements are about the launched activity (rule 32), children hang below it.
    const byVerb = (verb: string) => stored.filter((s) => s.verb.id.endsWith(`/${verb}`));
    for (const verb of ['initialized', 'failed', 'passed', 'completed', 'terminated']) {
      for (const s of byVerb(verb)) expect(s.object.id, verb).toBe(COURSE_IRI);
    }
    expect(byVerb('experienced').map((s) => s.object.id)).toEqual(data.pages.map((p) => `${COURSE_IRI}/pages/${p.id}`));
    for (const s of byVerb('experienced')) {
      expect(s.context?.contextActivities?.grouping?.map((a) => a.id)).toContain(COURSE_IRI);
      expect(s.context?.contextActivities?.parent?.map((a) => a.id)).toEqual([`${COURSE_IRI}/modules/one`]);
    }

    // answered: a cmi.interaction definition and a result with response, success, score, duration.
    const answered = byVerb('answered');
    for (const s of answered) {
      expect(s.object.id).toMatch(new RegExp(`^${COURSE_IRI}/questions/`));
      expect(s.object.definition).toMatchObject({ type: CMI_INTERACTION });
      expect(s.context?.contextActivities?.grouping?.map((a) => a.id)).toContain(COURSE_IRI);
      expect(s.result).toMatchObject({ response: expect.any(String), success: expect.any(Boolean), duration: expect.stringMatching(/^PT/) });
      expect(s.result?.score).toMatchObject({ scaled: expect.any(Number), min: 0 });
    }
    const checkAnswers = answered.slice(0, checks.length * 2);
    expect(checkAnswers.map((s) => s.result?.success)).toEqual(checks.flatMap(() => [false, true]));
    expect(checkAnswers[0]!.object.definition).toMatchObject({ interactionType: 'true-false', correctResponsesPattern: ['true'] });
    expect(checkAnswers.map((s) => s.result?.response)).toEqual(['false', 'true']);
    const assessmentAnswers = answered.slice(checks.length * 2);
    expect(assessmentAnswers.map((s) => s.result?.success)).toEqual([...attempt1.map(() => false), ...attempt2.map(() => true)]);
    for (const s of assessmentAnswers) expect(s.context?.contextActivities?.parent?.map((a) => a.id)).toEqual([`${COURSE_IRI}/assessments/final`]);
    expect(assessmentAnswers.map((s) => s.context?.extensions?.['http://id.tincanapi.com/extension/attempt-id'])).toEqual([...attempt1.map(() => 1), ...attempt2.map(() => 2)]);
    const multi = assessmentAnswers.find((s) => s.object.id.endsWith('/a-two') && s.result?.success)!;
    expect(multi.object.definition).toMatchObject({ interactionType: 'choice', correctResponsesPattern: ['a[,]c'], choices: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] });
    expect(multi.result?.response).toBe('a[,]c');

    // passed/failed with the score (scaled, raw, min, max); completed; terminated with duration.
    expect(byVerb('failed')[0]!.result).toMatchObject({ success: false, score: { scaled: 0, raw: 0, min: 0, max: 100 } });
    expect(byVerb('passed')[0]!.result).toMatchObject({ success: true, score: { scaled: 1, raw: 100, min: 0, max: 100 } });
    expect(byVerb('completed')[0]!.result).toMatchObject({ completion: true });
    expect(byVerb('terminated')[0]!.result?.duration).toMatch(/^PT(\d+H)?(\d+M)?\d+(\.\d+)?S$/);

    // The final statements went out with keepalive on pagehide.
    const finalPost = run.fetches.filter((f) => f.method === 'POST' && f.url.includes('/statements') && f.body?.includes('/verbs/terminated'));
    expect(finalPost.length).toBeGreaterThan(0);
    expect(finalPost.every((f) => f.keepalive)).toBe(true);

    // Cross-origin like a real LMS: the browser asked first (CORS preflight), and no credential was kept.
    expect(host.preflights.length).toBeGreaterThan(0);
    const kept = JSON.stringify(Object.fromEntries(Object.entries(run.window.localStorage)));
    expect(kept).not.toContain(AUTH.slice(6));
  });

  it('accepts an endpoint without the trailing slash', async () => {
    const registration = randomUUID();
    const run = await launchXapi(pkg, host, { registration, activityId: COURSE_IRI, auth: AUTH, endpoint: host.endpoint.replace(/\/$/, '') });
    await next(run.doc);
    run.close();
    await run.tracker.idle();
    expect(verbsOf(await lrs.statements(registration))).toEqual(['initialized', 'experienced', 'experienced', 'suspended', 'terminated']);
  });
});
