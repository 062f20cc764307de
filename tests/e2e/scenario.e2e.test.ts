/**
 * Issue 15: the scenario fixture's SCORM 1.2 package in Chromium, scorm-again (strict) as the LMS.
 * Each ending played with the keyboard only and with the mouse, axe (WCAG 2.1 AA) clean in each
 * state, focus on the first choice after Continue and on the feedback after a choice, the
 * character's line said in the live region, the ending recorded as one interaction; resumed
 * mid-way after a relaunch; no horizontal scrolling at 320 px; print shows the whole script.
 */
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Frame, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { buildPackage, ROOT } from '../support/build.js';
import { closeSco, launchInHost, lmsRecord, savedForRelaunch } from './support/lms.js';
import { KeyboardLearner } from './support/keyboard.js';
import { waitForVisiblePage } from './support/learner.js';
import { startServer, type TestServer } from './support/server.js';
import { newPage, useBrowser } from './support/session.js';

const browser = useBrowser();
const FIXTURE = join(ROOT, 'tests/fixtures/courses/scenario');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCK = '[data-scenario-id="doubt-conversation"]';

const ENDINGS = [
  { ending: 'good-end', choices: ['reassure', 'ask-projects'], result: 'correct', response: 'opening.reassure,skills.ask-projects,good-end.good' },
  { ending: 'neutral-end', choices: ['reassure', 'list-courses'], result: 'neutral', response: 'opening.reassure,skills.list-courses,neutral-end.neutral' },
  { ending: 'poor-end', choices: ['lecture', 'insist'], result: 'wrong', response: 'opening.lecture,pushback.insist,poor-end.poor' },
] as const;

async function session(play: (page: Page, server: TestServer, errors: string[]) => Promise<void>, width = 1280): Promise<void> {
  const errors: string[] = [];
  const page = await newPage(browser(), errors);
  await page.setViewportSize({ width, height: 800 });
  const pkg = await buildPackage(FIXTURE, 'scorm12', 'en');
  const server = await startServer({ pkg: pkg.zip });
  try {
    await play(page, server, errors);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
    await server.close();
  }
}

async function expectAxeClean(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), state).toEqual([]);
}

const currentNode = (frame: Frame) => frame.$eval(BLOCK, (b) => b.querySelector<HTMLElement>('.cp-scenario-current')?.dataset.nodeId ?? '');
const focused = (frame: Frame) => frame.evaluate(() => ({ choice: document.activeElement?.getAttribute('data-choice-id') ?? '', className: document.activeElement?.className ?? '' }));
const noHorizontalScroll = (frame: Frame) => frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Plays choices from the current node to the end, the keyboard only or the mouse, checking focus and axe at each state. */
async function play(page: Page, frame: Frame, choices: readonly string[], how: 'keyboard' | 'mouse'): Promise<void> {
  const keys = new KeyboardLearner(page, frame);
  for (const choice of choices) {
    const option = `${BLOCK} .cp-scenario-option[data-choice-id="${choice}"]`;
    if (how === 'keyboard') {
      await keys.tabTo(option);
      await keys.press('Enter');
    } else await frame.locator(option).click();
    // After a choice: focus on what the learner said and its feedback.
    await frame.waitForFunction(() => document.activeElement?.classList.contains('cp-scenario-response') === true);
    await expectAxeClean(page, `after choosing ${choice}`);
    const before = await currentNode(frame);
    if (how === 'keyboard') {
      await keys.tabTo(`${BLOCK} .cp-scenario-action`);
      await keys.press('Enter');
    } else await frame.locator(`${BLOCK} .cp-scenario-action`).click();
    await frame.waitForFunction((prev) => document.querySelector<HTMLElement>('.cp-scenario-current')?.dataset.nodeId !== prev, before);
    const node = await currentNode(frame);
    const ending = await frame.$eval(`${BLOCK} .cp-scenario-current`, (el) => el.querySelector('.cp-scenario-ending') !== null);
    if (ending) {
      expect((await focused(frame)).className).toContain('cp-scenario-current');
    } else {
      // After Continue: focus on the first choice, the line said through the live region.
      const first = await frame.$eval(`${BLOCK} .cp-scenario-option`, (b) => b.getAttribute('data-choice-id'));
      expect((await focused(frame)).choice).toBe(first);
      await frame.waitForFunction(() => (document.getElementById('cp-live')?.textContent ?? '').startsWith('Samira: '));
    }
    await expectAxeClean(page, `at ${node}`);
  }
}

for (const how of ['keyboard', 'mouse'] as const) {
  for (const e of ENDINGS) {
    test(`${how}: played to ${e.ending}, axe clean in each state, recorded as one interaction`, async () => {
      await session(async (page, server) => {
        const frame = await launchInHost(page, server);
        if (how === 'keyboard') await new KeyboardLearner(page, frame).next('practice');
        else {
          await frame.locator('#cp-next').click();
          await waitForVisiblePage(frame, 'practice');
        }
        expect(await currentNode(frame)).toBe('opening');
        expect(await frame.$eval(`${BLOCK} .cp-scenario-script`, (el) => (el as HTMLElement).hidden)).toBe(true);
        await expectAxeClean(page, 'at the start');
        await play(page, frame, e.choices, how);
        expect(await currentNode(frame)).toBe(e.ending);
        const lms = await lmsRecord(page);
        expect(lms.violations).toEqual([]);
        expect(lms.values['cmi.interactions.0.id']).toBe('doubt-conversation');
        expect(lms.values['cmi.interactions.0.type']).toBe('performance');
        expect(lms.values['cmi.interactions.0.student_response']).toBe(e.response);
        expect(lms.values['cmi.interactions.0.result']).toBe(e.result);
        // Restart: back at the start, focus on its first choice.
        if (how === 'keyboard') {
          const keys = new KeyboardLearner(page, frame);
          await keys.tabTo(`${BLOCK} .cp-scenario-action`);
          await keys.press('Enter');
        } else await frame.locator(`${BLOCK} .cp-scenario-action`).click();
        await frame.waitForFunction(() => document.activeElement?.getAttribute('data-choice-id') === 'reassure');
        expect(await currentNode(frame)).toBe('opening');
      });
    });
  }
}

test('resumed mid-way after a relaunch, then played to the end', async () => {
  await session(async (page, server) => {
    let frame = await launchInHost(page, server);
    await frame.locator('#cp-next').click();
    await waitForVisiblePage(frame, 'practice');
    await play(page, frame, ['lecture', 'apologise'], 'mouse');
    expect(await currentNode(frame)).toBe('opening');
    const final = await closeSco(page, server);
    expect(final.suspend_data.startsWith('4')).toBe(true);
    server.saved.set('learner-1', savedForRelaunch(final));
    frame = await launchInHost(page, server, { resume: 'learner-1' });
    await waitForVisiblePage(frame, 'practice');
    expect(await currentNode(frame)).toBe('opening');
    await play(page, frame, ['reassure', 'ask-projects'], 'keyboard');
    const lms = await lmsRecord(page);
    expect(lms.values['cmi.interactions.0.student_response']).toBe('opening.lecture,pushback.apologise,opening.reassure,skills.ask-projects,good-end.good');
    expect(lms.violations).toEqual([]);
  });
});

/** What the play area shows: the node, what the learner said, the feedback, the choices offered, the button. */
const shown = (frame: Frame) =>
  frame.$eval(BLOCK, (b) => {
    const box = b.querySelector<HTMLElement>('.cp-scenario-current');
    return {
      node: box?.dataset.nodeId ?? '',
      said: box?.querySelector('.cp-scenario-said span')?.textContent?.trim() ?? '',
      feedback: box?.querySelector('.cp-scenario-feedback')?.textContent?.trim() ?? '',
      options: box?.querySelectorAll('.cp-scenario-option').length ?? 0,
      action: box?.querySelector('.cp-scenario-action')?.textContent?.trim() ?? '',
    };
  });

for (const left of [
  { at: 'a choice', choices: ['lecture'], node: 'opening', then: ['insist'], response: 'opening.lecture,pushback.insist,poor-end.poor', interactionBefore: false },
  { at: 'the choice leading to an ending', choices: ['lecture', 'insist'], node: 'pushback', then: [], response: 'opening.lecture,pushback.insist,poor-end.poor', interactionBefore: true },
] as const) {
  test(`left with the feedback of ${left.at} showing: the relaunch shows that node, the choice made, its feedback and Continue; the ending is recorded once`, async () => {
    await session(async (page, server) => {
      let frame = await launchInHost(page, server);
      await frame.locator('#cp-next').click();
      await waitForVisiblePage(frame, 'practice');
      for (const [i, choice] of left.choices.entries()) {
        await frame.locator(`${BLOCK} .cp-scenario-option[data-choice-id="${choice}"]`).click();
        if (i < left.choices.length - 1) await frame.locator(`${BLOCK} .cp-scenario-action`).click();
      }
      const before = await shown(frame);
      expect(before).toMatchObject({ node: left.node, options: 0, action: 'Continue' });
      expect(before.said).not.toBe('');
      expect((await lmsRecord(page)).values['cmi.interactions.0.id'] !== undefined).toBe(left.interactionBefore);
      const final = await closeSco(page, server);
      server.saved.set('learner-1', savedForRelaunch(final));

      frame = await launchInHost(page, server, { resume: 'learner-1' });
      await waitForVisiblePage(frame, 'practice');
      // Exactly as it was left: the node, what the learner said, its feedback, Continue.
      expect(await shown(frame)).toEqual(before);
      await expectAxeClean(page, 'resumed with the feedback showing');
      // Continue, with the keyboard: the next node (or the ending), focus as after any Continue.
      const keys = new KeyboardLearner(page, frame);
      await keys.tabTo(`${BLOCK} .cp-scenario-action`);
      await keys.press('Enter');
      await frame.waitForFunction((prev) => document.querySelector<HTMLElement>('.cp-scenario-current')?.dataset.nodeId !== prev, left.node);
      if (left.then.length) {
        expect((await focused(frame)).choice).toBe(await frame.$eval(`${BLOCK} .cp-scenario-option`, (b) => b.getAttribute('data-choice-id')));
        await play(page, frame, left.then, 'keyboard');
      } else expect((await focused(frame)).className).toContain('cp-scenario-current');
      expect(await currentNode(frame)).toBe('poor-end');
      const lms = await lmsRecord(page);
      expect(lms.violations).toEqual([]);
      if (left.interactionBefore) {
        // Recorded in the first session when the ending was chosen; nothing again after the relaunch.
        expect(final.interactions?.['0']).toMatchObject({ id: 'doubt-conversation', student_response: left.response });
        expect(Object.keys(lms.values).filter((k) => k.startsWith('cmi.interactions.'))).toEqual([]);
      } else {
        expect(lms.values['cmi.interactions.0.student_response']).toBe(left.response);
        expect(lms.values['cmi.interactions.1.id']).toBeUndefined();
      }
      // Continue pressed: a relaunch now lands on the ending itself, no feedback pending.
      const after = await closeSco(page, server);
      server.saved.set('learner-1', savedForRelaunch(after));
      frame = await launchInHost(page, server, { resume: 'learner-1' });
      await waitForVisiblePage(frame, 'practice');
      expect(await shown(frame)).toMatchObject({ node: 'poor-end', said: '', action: 'Restart the scenario' });
    });
  });
}

test('320 px: no horizontal scrolling in any state; print shows the whole script and hides the play area', async () => {
  await session(async (page, server) => {
    const frame = await launchInHost(page, server);
    await frame.locator('#cp-next').click();
    await waitForVisiblePage(frame, 'practice');
    expect(await noHorizontalScroll(frame)).toBeLessThanOrEqual(0);
    await frame.locator(`${BLOCK} .cp-scenario-option[data-choice-id="lecture"]`).click();
    expect(await noHorizontalScroll(frame)).toBeLessThanOrEqual(0);
    await frame.locator(`${BLOCK} .cp-scenario-action`).click();
    await frame.locator(`${BLOCK} .cp-scenario-option[data-choice-id="insist"]`).click();
    await frame.locator(`${BLOCK} .cp-scenario-action`).click();
    expect(await currentNode(frame)).toBe('poor-end');
    expect(await noHorizontalScroll(frame)).toBeLessThanOrEqual(0);
    await expectAxeClean(page, 'ending at 320 px');

    await page.emulateMedia({ media: 'print' });
    const printed = await frame.$eval(BLOCK, (b) => ({
      nodes: Array.from(b.querySelectorAll<HTMLElement>('.cp-scenario-node')).filter((n) => n.offsetParent !== null).length,
      choices: Array.from(b.querySelectorAll<HTMLElement>('.cp-scenario-choice')).filter((n) => n.offsetParent !== null).length,
      play: (b.querySelector('.cp-scenario-play') as HTMLElement).offsetParent !== null,
    }));
    expect(printed).toEqual({ nodes: 6, choices: 6, play: false });
  }, 320);
});
