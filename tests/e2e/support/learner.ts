/** A learner driving the player: the journeys are written once against this interface. */
import type { Frame, Page } from 'playwright-core';

export interface Learner {
  readonly page: Page;
  readonly frame: Frame;
  /** Presses Next and waits for the page `expected`. */
  next(expected: string): Promise<void>;
  /** Selects exactly the choices of `response` in a fieldset (player encoding). */
  answer(fieldset: string, response: string): Promise<void>;
  /** Submits the knowledge check of question `id` and waits for its feedback. */
  submitCheck(id: string): Promise<void>;
  /** Starts (or retries) the assessment and waits for the form. */
  startAttempt(): Promise<void>;
  /** Submits the assessment and waits for the result. */
  submitAttempt(): Promise<void>;
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
export async function waitForOpenAttempt(frame: Frame): Promise<void> {
  await frame.locator('#cp-assessment-form button[type="submit"]').waitFor({ state: 'visible' });
  await frame.locator('#cp-start').waitFor({ state: 'hidden' });
}

/** Waits until a submitted attempt's result is shown. */
export async function waitForResult(frame: Frame): Promise<void> {
  await frame.locator('#cp-result').waitFor({ state: 'visible' });
  await frame.locator('#cp-assessment-form button[type="submit"]').waitFor({ state: 'hidden' });
}
