/**
 * `coursepack report` on a cmi5 package's statements: the AU statements are about the LMS's own
 * activity id, so the report finds them through the course in their context. Three learners play
 * the real player of tests/fixtures/report/course as cmi5 against the real LRS: one passes, one
 * leaves after the second page, one fails; the report counts each where they are.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { BuiltPackage } from '../../src/package/build.js';
import type { ReportFigures } from '../../src/report/figures.js';
import { settle } from '../support/dom-lms.js';
import { buildInMemory } from '../support/build.js';
import { answerChecks, next, takeAssessment } from '../support/learner.js';
import { LmsHost } from './support/host.js';
import { launchCmi5 } from './support/launch.js';
import { Lrs } from './support/lrs.js';

const COURSE = resolve(import.meta.dirname, '../fixtures/report/course');

describe.skipIf(!process.env.COURSEPACK_LRS_SUITE)('coursepack report from cmi5 statements', () => {
  let lrs: Lrs;
  let host: LmsHost;
  let pkg: BuiltPackage;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'coursepack-report-cmi5-'));
    lrs = await Lrs.start();
    host = new LmsHost(() => lrs.url);
    await host.start();
    const built = await buildInMemory(COURSE, { targets: ['cmi5'], langs: ['en'] });
    if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
    pkg = built.packages[0]!;
    host.serve(pkg.files);
  });

  afterAll(async () => {
    await host?.stop();
    await lrs?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('counts learners, pages, completion and attempts', async () => {
    const publisherId = /<au id="([^"]+)"/.exec(pkg.files.find((f) => f.path === 'cmi5.xml')!.data.toString())![1]!;
    const plans = [
      { name: 'passes', stopAfter: null, correct: 99 },
      { name: 'leaves', stopAfter: 1, correct: 0 },
      { name: 'fails', stopAfter: null, correct: 0 },
    ];
    for (const plan of plans) {
      const actor = { objectType: 'Agent', name: plan.name, account: { homePage: 'https://lms.example.org', name: plan.name } };
      const launched = await launchCmi5(pkg, host, { registration: randomUUID(), activityId: `https://lms.example.org/cmi5/activities/${randomUUID()}`, publisherId, actor });
      const { doc, data } = launched;
      const last = plan.stopAfter ?? data.pages.length - 1;
      for (let i = 0; i <= last; i++) {
        await answerChecks(doc, data);
        if (i < last || plan.stopAfter === null) await next(doc);
      }
      if (plan.stopAfter === null) await takeAssessment(doc, data, plan.correct);
      await settle();
      launched.close();
      await launched.tracker.idle();
    }
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(['report', COURSE, '--from', lrs.url, '--auth', 'k:s', '--json', '--min-group', '1', '--cache', join(work, 'cache')], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: work, color: false });
    expect(code, err.join('')).toBe(0);
    const f = JSON.parse(out.join('')) as ReportFigures;
    expect(f.source.learners).toBe(3);
    expect(f.pages.map((p) => p.reached)).toEqual([3, 3, 2, 2, 2]);
    expect(f.pages.map((p) => p.leftHere)).toEqual([0, 1, 0, 0, 0]);
    // cmi5 completion means every page viewed (the AU's moveOn adds the pass)
    expect(f.completed).toBe(2);
    expect(f.assessments[0]).toMatchObject({ attempts: 2, passedLearners: 1, passByAttempt: [{ attempt: 1, attempts: 2, passed: 1, rate: 0.5 }] });
    expect(f.questions.find((q) => q.id === 'a-role')).toMatchObject({ learners: 2, facility: 0.5 });
  });
});
