/**
 * Issue 15: what the xAPI and cmi5 packages record for a scenario, read back from a real LRS
 * (Learning Locker's xapi-statements). The learner plays the scenario fixture to its good ending,
 * restarts, plays to its poor ending: a `responded` statement per choice and an `answered` one per
 * ending, on a `simulation` activity, the latter with the path, the verdict as success, the
 * ending's score and completion; every statement
 * passes xapi-validation, and the cmi5 session still follows the cmi5 rules.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltPackage } from '../../src/package/build.js';
import { buildPackage, ROOT } from '../support/build.js';
import { settle } from '../support/dom-lms.js';
import { expectCmi5Session, verb } from './support/cmi5-rules.js';
import { expectValid, packageText } from './support/course.js';
import { LmsHost } from './support/host.js';
import { launchCmi5, launchXapi } from './support/launch.js';
import { Lrs, type StoredStatement } from './support/lrs.js';

const FIXTURE = join(ROOT, 'tests/fixtures/courses/scenario');
const COURSE = 'https://learning.example.org/courses/scenario-demo';
const SCENARIO = `${COURSE}/scenarios/doubt-conversation`;
const AUTH = `Basic ${Buffer.from('moodle-key:moodle-secret').toString('base64')}`;

/** Next to the practice page, then: good ending, restart, poor ending. */
async function playBothEndings(doc: Document): Promise<void> {
  const click = async (selector: string) => {
    const el = doc.querySelector<HTMLElement>(selector);
    if (!el) throw new Error(`nothing matches ${selector}`);
    el.click();
    await settle();
  };
  await click('#cp-next');
  for (const choice of ['reassure', 'ask-projects', null, 'lecture', 'insist']) {
    if (choice === null) await click('.cp-scenario-action'); // Restart the scenario
    else {
      await click(`.cp-scenario-option[data-choice-id="${choice}"]`);
      await click('.cp-scenario-action'); // Continue
    }
  }
}

function expectScenarioStatements(stored: StoredStatement[]): void {
  const all = stored.filter((s) => s.object.id === SCENARIO);
  expect(all.map(verb)).toEqual(['responded', 'responded', 'answered', 'responded', 'responded', 'answered']);
  // Each choice as it is made, so a learner who leaves mid-way still shows where they went.
  expect(all.filter((s) => verb(s) === 'responded').map((s) => s.result)).toEqual(
    ['opening[.]reassure', 'skills[.]ask-projects', 'opening[.]lecture', 'pushback[.]insist'].map((response) => ({ response })),
  );
  const scenario = all.filter((s) => verb(s) === 'answered');
  for (const s of all) {
    expect(s.object.definition).toEqual({ type: 'http://adlnet.gov/expapi/activities/simulation', name: { en: 'Samira doubts she can code' } });
    expect(s.context?.contextActivities?.parent?.map((a) => a.id)).toEqual([`${COURSE}/pages/practice`]);
    expect(s.context?.contextActivities?.grouping?.map((a) => a.id)).toEqual(expect.arrayContaining([COURSE, `${COURSE}/modules/conversation`]));
  }
  expect(scenario.map((s) => s.result)).toEqual([
    { response: 'opening[.]reassure[,]skills[.]ask-projects[,]good-end[.]good', completion: true, success: true, score: { scaled: 1, raw: 100, min: 0, max: 100 } },
    { response: 'opening[.]lecture[,]pushback[.]insist[,]poor-end[.]poor', completion: true, success: false, score: { scaled: 0, raw: 0, min: 0, max: 100 } },
  ]);
}

describe.skipIf(!process.env.COURSEPACK_LRS_SUITE)('scenario statements in a real LRS (run with npm run test:lrs)', () => {
  let lrs: Lrs;
  let host: LmsHost;
  let xapi: BuiltPackage;
  let cmi5: BuiltPackage;

  beforeAll(async () => {
    lrs = await Lrs.start();
    host = new LmsHost(() => lrs.url);
    await host.start();
    [xapi, cmi5] = await Promise.all([buildPackage(FIXTURE, 'xapi', 'en'), buildPackage(FIXTURE, 'cmi5', 'en')]);
  });

  afterAll(async () => {
    await host?.stop();
    await lrs?.stop();
  });

  it('xAPI (Tin Can launch): one responded statement per choice, one answered statement per ending reached', async () => {
    host.serve(xapi.files);
    const registration = randomUUID();
    const run = await launchXapi(xapi, host, { registration, activityId: COURSE, auth: AUTH });
    await playBothEndings(run.doc);
    run.close();
    await run.tracker.idle();
    const stored = await lrs.statements(registration);
    expectValid(host.delivered);
    expectScenarioStatements(stored);
    // The course's own completion comes from its pages, never from a scenario.
    expect(stored.filter((s) => verb(s) === 'completed').map((s) => s.object.id)).toEqual([COURSE]);
  });

  it('cmi5: the same, as cmi5 allowed statements in a session that follows the cmi5 rules', async () => {
    host.serve(cmi5.files);
    const xml = packageText(cmi5, 'cmi5.xml');
    const publisherId = /<au id="([^"]+)"/.exec(xml)![1]!;
    const launchParameters = /<launchParameters>([^<]+)<\/launchParameters>/.exec(xml)![1]!.replace(/&quot;/g, '"');
    const launch = { registration: randomUUID(), activityId: `https://lms.example.org/cmi5/activities/${randomUUID()}`, publisherId, launchParameters };
    const run = await launchCmi5(cmi5, host, launch);
    await playBothEndings(run.doc);
    run.close();
    await run.tracker.idle();
    const stored = await lrs.statements(launch.registration);
    expectValid(host.delivered);
    expectScenarioStatements(stored);
    expectCmi5Session(stored, { courseIri: COURSE, activityId: launch.activityId, publisherId, registration: launch.registration, sessionId: run.sessionId });
  });
});
