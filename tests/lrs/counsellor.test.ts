/**
 * The counsellor training itself (courses/counsellor-training, its `urn:uuid:` activity base) as
 * built by a default `coursepack build`, against the real LRS: in each language a learner passes
 * the final assessment through the xAPI package and through the cmi5 package; every statement is
 * valid, names its activities in the package's language, and identifies them under the course URN
 * (the parts as fragments), which the LRS accepts, stores and returns unchanged.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltPackage } from '../../src/package/build.js';
import { buildInMemory, COUNSELLOR } from '../support/build.js';
import { settle } from '../support/dom-lms.js';
import { next, takeAssessment, visiblePage } from '../support/learner.js';
import { expectCmi5Session, isPartOf } from './support/cmi5-rules.js';
import { expectValid, packageText, verbsOf } from './support/course.js';
import { LmsHost } from './support/host.js';
import { launchCmi5, launchXapi } from './support/launch.js';
import { Lrs, type StoredStatement } from './support/lrs.js';

const AUTH = `Basic ${Buffer.from('partner-key:partner-secret').toString('base64')}`;

/** Every language named in an activity definition of the statements. */
function definitionLanguages(statements: StoredStatement[]): string[] {
  const langs = new Set<string>();
  for (const s of statements) {
    const def = (s.object as { definition?: { name?: Record<string, string>; description?: Record<string, string> } }).definition;
    for (const map of [def?.name, def?.description]) for (const l of Object.keys(map ?? {})) langs.add(l);
  }
  return [...langs];
}

describe.skipIf(!process.env.COURSEPACK_LRS_SUITE)('the counsellor training against a real LRS (run with npm run test:lrs)', () => {
  let lrs: Lrs;
  let host: LmsHost;
  let packages: BuiltPackage[];

  beforeAll(async () => {
    lrs = await Lrs.start();
    host = new LmsHost(() => lrs.url);
    await host.start();
    // The default build: every target, every language, nothing to report.
    const result = await buildInMemory(COUNSELLOR);
    expect(result.diagnostics).toEqual([]);
    packages = result.packages;
  });

  afterAll(async () => {
    await host?.stop();
    await lrs?.stop();
  });

  const pkgFor = (target: string, lang: string) => packages.find((p) => p.target === target && p.lang === lang)!;

  it.each(['en', 'fr'])('xAPI, %s: a learner reads every page and passes the final assessment; statements under the course URN', async (lang) => {
    const pkg = pkgFor('xapi', lang);
    host.serve(pkg.files);
    const courseIri = /<activity id="([^"]+)"/.exec(packageText(pkg, 'tincan.xml'))![1]!;
    expect(courseIri).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    const registration = randomUUID();
    const run = await launchXapi(pkg, host, { registration, activityId: courseIri, auth: AUTH });
    expect(run.doc.documentElement.getAttribute('lang')).toBe(lang);
    for (let i = 0; i < run.data.pages.length; i++) await next(run.doc);
    const answers = await takeAssessment(run.doc, run.data, 1000);
    await settle();
    run.close();
    await run.tracker.idle();

    const stored = await lrs.statements(registration);
    expectValid(host.delivered);
    const verbs = verbsOf(stored);
    expect(verbs.filter((v) => v === 'experienced')).toHaveLength(run.data.pages.length);
    expect(verbs.filter((v) => v === 'answered')).toHaveLength(answers.length);
    expect(verbs.slice(-3)).toEqual(['passed', 'completed', 'terminated']);
    // mod_tincanlaunch completes and grades from statements about the launched activity, exactly.
    const passed = stored.find((s) => s.verb.id.endsWith('/passed'))!;
    expect(passed.object.id).toBe(courseIri);
    expect(passed.result).toMatchObject({ success: true, score: { scaled: 1 } });
    for (const s of stored) expect(s.object.id === courseIri || isPartOf(s.object.id, courseIri), s.object.id).toBe(true);
    expect(stored.find((s) => s.verb.id.endsWith('/experienced'))!.object.id).toBe(`${courseIri}#pages/${run.data.pages[0]!.id}`);
    expect(definitionLanguages(stored)).toEqual([lang]);
    // Bookmark and answers went to the State API under the URN (the first read finds nothing).
    expect(host.exchanges.filter((e) => e.status >= 400).map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['GET /xapi/activities/state 404']);
    host.exchanges.length = 0;
  });

  it('xAPI: a relaunch with the same registration resumes where the learner left, from the State API under the URN', async () => {
    const pkg = pkgFor('xapi', 'fr');
    host.serve(pkg.files);
    const courseIri = /<activity id="([^"]+)"/.exec(packageText(pkg, 'tincan.xml'))![1]!;
    const launch = { registration: randomUUID(), activityId: courseIri, auth: AUTH };
    const first = await launchXapi(pkg, host, launch);
    for (let i = 0; i < 3; i++) await next(first.doc);
    const page = visiblePage(first.doc);
    first.close();
    await first.tracker.idle();
    // A new browser profile: nothing in localStorage, only the LRS state can bring the learner back.
    const second = await launchXapi(pkg, host, launch);
    expect(visiblePage(second.doc)).toBe(page);
    expect([...host.states.keys()].some((k) => k.includes(courseIri))).toBe(true);
    second.close();
    await second.tracker.idle();
  });

  it.each(['en', 'fr'])('cmi5, %s: a learner passes in one session; the statements follow cmi5 with the AU publisher id a fragment of the URN', async (lang) => {
    const pkg = pkgFor('cmi5', lang);
    host.serve(pkg.files);
    const xml = packageText(pkg, 'cmi5.xml');
    const courseIri = /<course id="([^"]+)"/.exec(xml)![1]!;
    const publisherId = /<au id="([^"]+)"/.exec(xml)![1]!;
    expect(publisherId).toBe(`${courseIri}#au`);
    const launchParameters = /<launchParameters>([^<]+)<\/launchParameters>/.exec(xml)![1]!.replace(/&quot;/g, '"');
    const masteryScore = Number(/masteryScore="([^"]+)"/.exec(xml)![1]);
    expect(masteryScore).toBe(0.8);
    const launch = { registration: randomUUID(), activityId: `https://lms.example.org/cmi5/activities/${randomUUID()}`, publisherId, launchParameters, masteryScore };
    const run = await launchCmi5(pkg, host, launch);
    expect(run.tracker.session, 'the AU got its token and launch data').not.toBeNull();
    for (let i = 0; i < run.data.pages.length; i++) await next(run.doc);
    await takeAssessment(run.doc, run.data, 1000);
    await settle();
    run.close();
    await run.tracker.idle();

    const stored = await lrs.statements(launch.registration);
    expectValid(host.delivered);
    expectCmi5Session(stored, { ...launch, courseIri, sessionId: run.sessionId });
    const verbs = verbsOf(stored);
    expect(verbs).toContain('passed');
    expect(verbs).toContain('completed');
    expect(stored.find((s) => s.verb.id.endsWith('/passed'))!.result).toMatchObject({ success: true, score: { scaled: 1 } });
    expect(definitionLanguages(stored)).toEqual([lang]);
  });
});
