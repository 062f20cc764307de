/**
 * DESIGN.md's large course (1000 pages in 40 modules, a check every 5 pages, 60 of 200 questions
 * drawn, 3 attempts) as a SCORM 1.2 package in Chromium, scorm-again as the LMS behind the strict
 * wrapper (which fails on any suspend_data over 4096 characters). A seeded random learner goes
 * through modules 1, 20 and 40, answers their checks rightly or wrongly, submits an attempt, starts
 * the next and answers part of it, leaves, and on relaunch finds everything where it left it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { generateCourse, LARGE_COURSE } from '../../scripts/generate-course.js';
import { rng } from '../../src/player/core/random.js';
import { buildPackage } from '../support/build.js';
import { assessment, checkFieldset, normal, playerData, presentedQuestions, rightAnswer, shownAnswer, visiblePage, wrongAnswer, type PlayerData } from './support/course.js';
import type { PlayerQuestion } from '../../src/player/core/types.js';
import { closeSco, launchInHost, lmsRecord, savedForRelaunch } from './support/lms.js';
import { waitForVisiblePage } from './support/learner.js';
import { MouseLearner } from './support/mouse.js';
import { newPage, useBrowser } from './support/session.js';
import { startServer } from './support/server.js';

const browser = useBrowser();
const root = mkdtempSync(join(tmpdir(), 'large-course-e2e-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const SEED = Number(process.env.LARGE_COURSE_SEED ?? 40);

/** Opens a module in the collapsible menu (its links are made when it is first opened). */
async function openModule(frame: Frame, module: number): Promise<void> {
  const toggle = `.cp-module[data-module="${module}"] > .cp-module-toggle`;
  if ((await frame.getAttribute(toggle, 'aria-expanded')) !== 'true') await frame.$eval(toggle, (b) => (b as HTMLElement).click());
}

/** Goes to a page as a menu link does (a DOM click: the link may sit below the fold of the menu). */
async function goTo(frame: Frame, data: PlayerData, id: string): Promise<void> {
  await openModule(frame, data.pages.find((p) => p.id === id)!.module);
  await frame.$eval(`.cp-menu a[data-page-link="${id}"]`, (a) => (a as HTMLElement).click());
  await waitForVisiblePage(frame, id);
}

/** The knowledge-check questions of a split course, from its module scripts (the first module's are in index.html). */
function moduleQuestions(files: ReadonlyArray<{ path: string; data: string | Buffer }>): Record<string, PlayerQuestion> {
  const out: Record<string, PlayerQuestion> = {};
  for (const f of files.filter((x) => x.path.startsWith('modules/'))) {
    const text = String(f.data);
    Object.assign(out, (JSON.parse(text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'))) as { questions: Record<string, PlayerQuestion> }).questions);
  }
  return out;
}

const checksOn = (frame: Frame, pageId: string) =>
  frame.$$eval(`.cp-page[data-page-id="${pageId}"] .cp-check-form`, (forms) => forms.map((f) => (f as HTMLElement).dataset.questionId ?? ''));

test('SCORM 1.2, the 1000-page course: modules 1, 20 and 40, checks, the assessment, leave, resume where the learner left', async () => {
  const random = rng(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const dir = generateCourse(root, LARGE_COURSE, 'large-course');
  const pkg = await buildPackage(dir, 'scorm12', 'en');
  const errors: string[] = [];
  const page = await newPage(browser(), errors);
  const server = await startServer({ pkg: pkg.zip });
  try {
    let frame = await launchInHost(page, server);
    const data: PlayerData = await playerData(frame);
    const questions = { ...data.questions, ...moduleQuestions(pkg.files) };
    const final = data.assessments[0]!;
    let learner = new MouseLearner(page, frame);
    const visited = new Set<string>([data.pages[0]!.id]);
    const checkAnswers: Record<string, string> = {};

    for (const module of [0, 19, 39]) {
      const pages = data.pages.filter((p) => p.module === module).map((p) => p.id);
      if (!visited.has(pages[0]!)) await goTo(frame, data, pages[0]!);
      for (const [i, id] of pages.entries()) {
        if (i > 0) await learner.next(id);
        visited.add(id);
        for (const qid of await checksOn(frame, id)) {
          const q = questions[qid]!;
          checkAnswers[qid] = random() < 0.5 ? rightAnswer(q) : wrongAnswer(q);
          await learner.answer(checkFieldset(qid), checkAnswers[qid]!);
          await learner.submitCheck(qid);
        }
      }
    }

    // One attempt submitted, the next one open with some answers.
    await frame.$eval(`.cp-menu a[data-page-link="${final.id}"]`, (a) => (a as HTMLElement).click());
    await waitForVisiblePage(frame, final.id);
    const answer = async (ids: string[]) => {
      const given: Record<string, string> = {};
      for (const id of ids) {
        const q = questions[id]!;
        given[id] = pick([rightAnswer, wrongAnswer])(q);
        await learner.answer(assessment.fieldset(final.id, id), given[id]!);
      }
      return given;
    };
    await learner.startAttempt(final.id);
    await answer(await presentedQuestions(frame, final.id));
    await learner.submitAttempt(final.id);
    await learner.startAttempt(final.id);
    const presented = await presentedQuestions(frame, final.id);
    expect(presented).toHaveLength(LARGE_COURSE.draw);
    const open = await answer(presented.slice(0, 1 + Math.floor(random() * 20)));

    const left = await closeSco(page, server);
    let lms = await lmsRecord(page);
    expect(lms.violations).toEqual([]);
    expect(left.core).toMatchObject({ exit: 'suspend', lesson_location: final.id });
    expect(left.suspend_data.length).toBeLessThanOrEqual(4096);

    // Relaunch with what the LMS kept.
    server.saved.set('learner-1', savedForRelaunch(left));
    frame = await launchInHost(page, server, { resume: 'learner-1' });
    learner = new MouseLearner(page, frame);
    expect(await visiblePage(frame)).toBe(final.id);
    expect(await presentedQuestions(frame, final.id)).toEqual(presented);
    for (const [id, response] of Object.entries(open)) {
      expect(await shownAnswer(frame, assessment.fieldset(final.id, id)), id).toBe(normal(questions[id]!, response));
    }
    await expect(frame.locator(assessment.submit(final.id)).isVisible()).resolves.toBe(true);
    for (const module of [0, 19, 39]) await openModule(frame, module);
    const viewed = await frame.$$eval('.cp-menu a.cp-viewed', (links) => links.map((l) => l.getAttribute('data-page-link')));
    expect(viewed).toEqual(data.pages.map((p) => p.id).filter((id) => visited.has(id)));
    for (const [qid, response] of Object.entries(checkAnswers)) {
      const pageId = data.pages.find((p) => p.id === `page-${qid.slice(2).padStart(4, '0')}`)!.id;
      await goTo(frame, data, pageId);
      expect(await shownAnswer(frame, checkFieldset(qid)), qid).toBe(normal(questions[qid]!, response));
    }

    await closeSco(page, server);
    lms = await lmsRecord(page);
    expect(lms.violations).toEqual([]);
    expect(lms.finishCount).toBe(1);
    expect(server.missing).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
    await server.close();
  }
}, 900_000);
