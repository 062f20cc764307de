/** A learner using the mouse: real pointer clicks on labels and buttons (Playwright's click). */
import type { Frame, Page } from 'playwright-core';
import { parts } from './course.js';
import { type Learner, waitForFeedback, waitForOpenAttempt, waitForResult, waitForVisiblePage } from './learner.js';

export class MouseLearner implements Learner {
  constructor(
    readonly page: Page,
    readonly frame: Frame,
  ) {}

  async next(expected: string): Promise<void> {
    await this.frame.locator('#cp-next').click();
    await waitForVisiblePage(this.frame, expected);
  }

  async answer(fieldset: string, response: string): Promise<void> {
    const wanted = new Set(parts(response));
    const inputs = this.frame.locator(`${fieldset} input`);
    for (let i = 0; i < (await inputs.count()); i++) {
      const input = inputs.nth(i);
      const value = await input.getAttribute('value');
      if ((await input.isChecked()) !== wanted.has(value ?? '')) {
        // Click the choice's label, as a learner clicks the text of an answer.
        await this.frame.locator(`${fieldset} .cp-choice[data-choice-id="${value}"]`).click();
      }
    }
  }

  async submitCheck(id: string): Promise<void> {
    await this.frame.locator(`.cp-check-form[data-question-id="${id}"] .cp-check-button`).click();
    await waitForFeedback(this.frame, id);
  }

  async startAttempt(): Promise<void> {
    await this.frame.locator('#cp-start').click();
    await waitForOpenAttempt(this.frame);
  }

  async submitAttempt(): Promise<void> {
    await this.frame.locator('#cp-assessment-form button[type="submit"]').click();
    await waitForResult(this.frame);
  }
}
