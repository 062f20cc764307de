/**
 * cmi5 with one AU per module and per assessment (`cmi5: { aus: module }`) against the real LRS,
 * the test host as the LMS: each AU plays only its part, and moves on by its own rule — a module AU
 * completes when its pages are read and never judges; the assessment AU passes with the LMS's
 * masteryScore. Also an LMS that drops launchParameters: the player finds the course from the AU's
 * publisher id, under an https base and under a urn:uuid: base.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltPackage } from '../../src/package/build.js';
import { settle } from '../support/dom-lms.js';
import { next, takeAssessment, visiblePage } from '../support/learner.js';
import { expectCmi5Session, MASTERY, verb } from './support/cmi5-rules.js';
import { buildFixture, COURSE_IRI, expectValid, packageText } from './support/course.js';
import { LmsHost } from './support/host.js';
import { launchCmi5, type Cmi5Launch } from './support/launch.js';
import { Lrs } from './support/lrs.js';

const URN = 'urn:uuid:0f3c8a52-9d1e-4b7a-8c55-2e6f1d4b9a70';

interface Au {
  id: string;
  moveOn: string;
  masteryScore?: number;
  launchParameters: string;
}

/** The AUs of cmi5.xml, as an LMS imports them. */
function ausOf(pkg: BuiltPackage): Au[] {
  const xml = packageText(pkg, 'cmi5.xml');
  return [...xml.matchAll(/<au id="([^"]+)" moveOn="([^"]+)"(?: masteryScore="([^"]+)")?[\s\S]*?<launchParameters>([^<]+)<\/launchParameters>/g)].map((m) => ({
    id: m[1]!,
    moveOn: m[2]!,
    ...(m[3] ? { masteryScore: Number(m[3]) } : {}),
    launchParameters: m[4]!.replace(/&quot;/g, '"'),
  }));
}

describe.skipIf(!process.env.COURSEPACK_LRS_SUITE)('cmi5 with an AU per module and per assessment, against a real LRS', () => {
  let lrs: Lrs;
  let host: LmsHost;

  beforeAll(async () => {
    lrs = await Lrs.start();
    host = new LmsHost(() => lrs.url);
    await host.start();
  });

  afterAll(async () => {
    await host?.stop();
    await lrs?.stop();
  });

  /** One launch of an AU in a registration, as the LMS makes it (an LMS-generated activity id per AU). */
  const launchOf = (au: Au, registration: string, extra: Partial<Cmi5Launch> = {}): Cmi5Launch => ({
    registration,
    activityId: `https://lms.example.org/cmi5/activities/${encodeURIComponent(au.id)}`,
    publisherId: au.id,
    launchParameters: au.launchParameters,
    moveOn: au.moveOn,
    ...(au.masteryScore !== undefined ? { masteryScore: au.masteryScore } : {}),
    ...extra,
  });

  it('the module AU plays only its module and completes when its pages are read; the assessment AU passes', async () => {
    const pkg = await buildFixture('cmi5', 'cmi5:\n  aus: module\n');
    host.serve(pkg.files);
    const [moduleAu, assessmentAu] = ausOf(pkg);
    expect(moduleAu).toMatchObject({ id: `${COURSE_IRI}/au/one`, moveOn: 'Completed' });
    expect(assessmentAu).toMatchObject({ id: `${COURSE_IRI}/au/final`, moveOn: 'Passed', masteryScore: 0.8 });
    const registration = randomUUID();

    // The module AU: its pages only, no assessment in the menu or the page order.
    const moduleLaunch = launchOf(moduleAu!, registration);
    const m = await launchCmi5(pkg, host, moduleLaunch);
    const modulePages = m.data.pages.filter((p) => p.module === 0).map((p) => p.id);
    const seen = [visiblePage(m.doc)];
    for (let i = 0; i < modulePages.length + 2; i++) {
      await next(m.doc);
      seen.push(visiblePage(m.doc));
    }
    expect([...new Set(seen)]).toEqual(modulePages);
    const menuAssessment = m.doc.querySelector<HTMLElement>(`#cp-menu a[data-page-link="final"]`)?.closest('li');
    expect(menuAssessment?.hidden).toBe(true);
    await settle();
    m.close();
    await m.tracker.idle();

    // The assessment AU: opens on the assessment, passed with the LMS's mastery score.
    const assessmentLaunch = launchOf(assessmentAu!, registration);
    const a = await launchCmi5(pkg, host, assessmentLaunch);
    expect(visiblePage(a.doc)).toBe('final');
    await takeAssessment(a.doc, a.data, 99);
    await settle();
    a.close();
    await a.tracker.idle();

    const stored = await lrs.statements(registration);
    expectValid(host.delivered);
    const moduleStatements = stored.filter((s) => s.context?.extensions?.['https://w3id.org/xapi/cmi5/context/extensions/sessionid'] === m.sessionId);
    const assessmentStatements = stored.filter((s) => s.context?.extensions?.['https://w3id.org/xapi/cmi5/context/extensions/sessionid'] === a.sessionId);
    expect(moduleStatements.length + assessmentStatements.length).toBe(stored.length);
    expectCmi5Session(moduleStatements, { ...moduleLaunch, courseIri: COURSE_IRI, sessionId: m.sessionId });
    expectCmi5Session(assessmentStatements, { ...assessmentLaunch, courseIri: COURSE_IRI, sessionId: a.sessionId });

    // Module AU: read, completed (about its own launch activity), never judged.
    expect(moduleStatements.map(verb)).toEqual(['initialized', ...modulePages.map(() => 'experienced'), 'completed', 'terminated']);
    expect(moduleStatements.find((s) => verb(s) === 'completed')!.object.id).toBe(moduleLaunch.activityId);
    // Assessment AU: passed with the score and the mastery score, then completed (its part is done).
    const verbs = assessmentStatements.map(verb);
    expect(verbs.filter((v) => ['passed', 'failed', 'completed'].includes(v))).toEqual(['passed', 'completed']);
    const passed = assessmentStatements.find((s) => verb(s) === 'passed')!;
    expect(passed.object.id).toBe(assessmentLaunch.activityId);
    expect(passed.result).toMatchObject({ success: true, score: { scaled: 1 } });
    expect(passed.context?.extensions?.[MASTERY]).toBe(0.8);
  });

  it.each([
    ['an https base', ''],
    ['a urn:uuid: base', URN],
  ])('with %s, an LMS that drops launchParameters still gets statements about the course parts', async (_label, base) => {
    const pkg = await buildFixture('cmi5', 'cmi5:\n  aus: module\n', 'en', base || undefined);
    host.serve(pkg.files);
    const moduleAu = ausOf(pkg)[0]!;
    const courseIri = base || COURSE_IRI;
    const registration = randomUUID();
    const launch = launchOf(moduleAu, registration);
    delete launch.launchParameters;
    const run = await launchCmi5(pkg, host, launch);
    await next(run.doc);
    run.close();
    await run.tracker.idle();
    const stored = await lrs.statements(registration);
    expectValid(host.delivered);
    expectCmi5Session(stored, { ...launch, courseIri, sessionId: run.sessionId });
    const experienced = stored.filter((s) => verb(s) === 'experienced');
    expect(experienced.length).toBeGreaterThan(0);
    for (const s of experienced) expect(s.object.id.startsWith(base ? `${URN}#pages/` : `${COURSE_IRI}/pages/`), s.object.id).toBe(true);
  });
});
