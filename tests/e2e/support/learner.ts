/** A learner driving the player: the journeys are written once against this interface. */
import type { Frame, Page } from 'playwright-core';
import { assessment } from './course.js';

export interface Learner {
  readonly page: Page;
  readonly frame: Frame;
  /** Presses Next and waits for the page `expected`. */
  next(expected: string): Promise<void>;
  /** Gives `response` (player encoding) to the question in `fieldset`, whatever its type. */
  answer(fieldset: string, response: string): Promise<void>;
  /** Submits the knowledge check of question `id` and waits for its feedback. */
  submitCheck(id: string): Promise<void>;
  /** Starts (or retries) assessment `aid` and waits for its form. */
  startAttempt(aid: string): Promise<void>;
  /** Submits assessment `aid` and waits for the result. */
  submitAttempt(aid: string): Promise<void>;
}

export async function waitForVisiblePage(frame: Frame, id: string): Promise<void> {
  await frame.waitForFunction((pageId) => {
    const section = document.querySelector<HTMLElement>(`.cp-page[data-page-id="${pageId}"]`);
    return section !== null && !section.hidden;
  }, id);
}

export async function waitForFeedback(frame: Frame, questionId: string): Promise<void> {
  await frame.locator(`.cp-check-form[data-question-id="${questionId}"] .cp-feedback`).waitFor({ state: 'visible' });
}

/** Waits until the assessment form is open for answers (Start pressed, submit shown). */
export async function waitForOpenAttempt(frame: Frame, aid: string): Promise<void> {
  await frame.locator(assessment.submit(aid)).waitFor({ state: 'visible' });
  await frame.locator(assessment.start(aid)).waitFor({ state: 'hidden' });
}

/** Waits until a submitted attempt's result is shown. */
export async function waitForResult(frame: Frame, aid: string): Promise<void> {
  await frame.locator(assessment.result(aid)).waitFor({ state: 'visible' });
  await frame.locator(assessment.submit(aid)).waitFor({ state: 'hidden' });
}

export type AnswerKind = 'options' | 'text' | 'matching' | 'sequence';

/** How a question is answered, from its markup (`data-type`). */
export async function answerKind(frame: Frame, fieldset: string): Promise<AnswerKind> {
  const type = (await frame.locator(fieldset).getAttribute('data-type')) ?? 'single-choice';
  if (['fill-in', 'numeric', 'free-text'].includes(type)) return 'text';
  if (type === 'matching') return 'matching';
  if (type === 'sequencing') return 'sequence';
  return 'options';
}

/** The item ids of a sequencing question in the order shown. */
export async function sequenceOrder(frame: Frame, fieldset: string): Promise<string[]> {
  return frame.$$eval(`${fieldset} .cp-sequence-item`, (items) => items.map((li) => (li as HTMLElement).dataset.itemId ?? ''));
}

export const moveUpButton = (fieldset: string, itemId: string) => `${fieldset} .cp-sequence-item[data-item-id="${itemId}"] .cp-move[data-move="-1"]`;
