/**
 * Issue 15: the scenario fixture's SCORM packages played in a DOM against scorm-again behind the
 * strict wrappers (Moodle's formats): the block's bundled script plays node by node, an ending
 * writes one `performance` interaction, a relaunch resumes mid-scenario, a restart records no
 * second interaction, and `tracking.scenarios: none` records none (`checks: none` alone does not stop it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuiltPackage } from '../../src/package/build.js';
import { buildPackage, ROOT } from '../support/build.js';
import { interactions12, launch, newLms, resumeData, settle } from '../support/dom-lms.js';
import { interactions2004, launch2004, newLms2004, resumeData2004, manifestThreshold } from '../support/dom-lms-2004.js';
import { testdir } from '../support/testdir.js';

const FIXTURE = join(ROOT, 'tests/fixtures/courses/scenario');
let scorm12: BuiltPackage;
let scorm2004: BuiltPackage;
beforeAll(async () => {
  [scorm12, scorm2004] = await Promise.all([buildPackage(FIXTURE, 'scorm12', 'en'), buildPackage(FIXTURE, 'scorm2004', 'en')]);
});

const block = (doc: Document) => doc.querySelector<HTMLElement>('[data-scenario-id="doubt-conversation"]')!;
const currentNode = (doc: Document) => block(doc).querySelector<HTMLElement>('.cp-scenario-current')?.dataset.nodeId;
async function toPractice(doc: Document): Promise<void> {
  doc.getElementById('cp-next')!.click();
  await settle();
}
/** Picks a choice by id, then Continue; returns what had focus after the choice. */
async function choose(doc: Document, choiceId: string): Promise<string | undefined> {
  const option = block(doc).querySelector<HTMLButtonElement>(`.cp-scenario-option[data-choice-id="${choiceId}"]`);
  if (!option) throw new Error(`no choice ${choiceId} at ${currentNode(doc)}`);
  option.click();
  await settle();
  const focused = (doc.activeElement as HTMLElement | null)?.className;
  block(doc).querySelector<HTMLButtonElement>('.cp-scenario-action')!.click();
  await settle();
  return focused;
}

const GOOD = ['lecture', 'apologise', 'reassure', 'ask-projects'];

describe('scenario in SCORM 1.2', () => {
  it('plays node by node, records the ending once as a performance interaction, and resumes mid-way', async () => {
    const first = await launch(scorm12);
    const { doc, api } = first;
    await toPractice(doc);
    expect(block(doc).querySelector<HTMLElement>('.cp-scenario-script')!.hidden).toBe(true);
    expect(currentNode(doc)).toBe('opening');
    expect(await choose(doc, 'lecture')).toBe('cp-scenario-response');
    expect(currentNode(doc)).toBe('pushback');
    expect(doc.activeElement?.getAttribute('data-choice-id')).toBe('apologise');

    // Relaunch mid-way: the same node.
    first.player.finish();
    const second = await launch(scorm12, newLms(resumeData(first.lms)));
    await settle();
    expect(second.doc.querySelector('.cp-page:not([hidden])')?.getAttribute('data-page-id')).toBe('practice');
    expect(currentNode(second.doc)).toBe('pushback');
    for (const id of GOOD.slice(1)) await choose(second.doc, id);
    expect(currentNode(second.doc)).toBe('good-end');
    expect(block(second.doc).querySelector('.cp-scenario-verdict')?.textContent).toBe('A good ending');
    expect(interactions12(second.api.values)).toEqual([
      { id: 'doubt-conversation', type: 'performance', weighting: '0', student_response: 'opening.lecture,pushback.apologise,opening.reassure,skills.ask-projects,good-end.good', result: 'correct', time: expect.stringMatching(/^\d\d:\d\d:\d\d$/) },
    ]);

    // Restart and end badly: the first ending was the one recorded.
    block(second.doc).querySelector<HTMLButtonElement>('.cp-scenario-action')!.click();
    await settle();
    expect(currentNode(second.doc)).toBe('opening');
    await choose(second.doc, 'lecture');
    await choose(second.doc, 'insist');
    expect(currentNode(second.doc)).toBe('poor-end');
    expect(interactions12(second.api.values)).toHaveLength(1);
    expect([...api.violations, ...second.api.violations]).toEqual([]);
    // A scenario is practice: no score, the course completes on its pages.
    expect(second.api.values.has('cmi.core.score.raw')).toBe(false);
  });

  it('records nothing with tracking.scenarios: none (and records with checks: none alone)', async () => {
    const withChecksNone = await buildPackage(testdir({
      'course.yaml': readFileSync(join(FIXTURE, 'course.yaml'), 'utf8') + 'tracking: { checks: none }\n',
      'modules/conversation.yaml': readFileSync(join(FIXTURE, 'modules/conversation.yaml'), 'utf8'),
    }), 'scorm12', 'en');
    const recorded = await launch(withChecksNone);
    await toPractice(recorded.doc);
    await choose(recorded.doc, 'lecture');
    await choose(recorded.doc, 'insist');
    expect(interactions12(recorded.api.values).map((i) => i.result)).toEqual(['wrong']);

    const dir = testdir({
      'course.yaml': readFileSync(join(FIXTURE, 'course.yaml'), 'utf8') + 'tracking: { checks: none, scenarios: none }\n',
      'modules/conversation.yaml': readFileSync(join(FIXTURE, 'modules/conversation.yaml'), 'utf8'),
    });
    const pkg = await buildPackage(dir, 'scorm12', 'en');
    const { doc, api } = await launch(pkg);
    await toPractice(doc);
    await choose(doc, 'lecture');
    await choose(doc, 'insist');
    expect(currentNode(doc)).toBe('poor-end');
    expect(interactions12(api.values)).toEqual([]);
    expect(api.violations).toEqual([]);
  });
});

describe('scenario in SCORM 2004', () => {
  it('records the ending as a performance interaction in Moodle\'s format, and resumes mid-way', async () => {
    const first = await launch2004(scorm2004);
    await toPractice(first.doc);
    await choose(first.doc, 'reassure');
    first.player.finish();
    const second = await launch2004(scorm2004, newLms2004({ threshold: manifestThreshold(scorm2004) }, resumeData2004(first.lms)));
    await settle();
    expect(currentNode(second.doc)).toBe('skills');
    await choose(second.doc, 'list-courses');
    expect(currentNode(second.doc)).toBe('neutral-end');
    expect(interactions2004(second.api.values)).toEqual([
      {
        id: 'doubt-conversation',
        type: 'performance',
        description: 'Samira doubts she can code',
        weighting: '0',
        learner_response: 'opening[.]reassure[,]skills[.]list_courses[,]neutral_end[.]neutral',
        result: 'neutral',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\dZ$/),
      },
    ]);
    expect([...first.api.violations, ...second.api.violations]).toEqual([]);
  });
});
