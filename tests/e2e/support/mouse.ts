/**
 * A learner using the mouse: real pointer clicks on labels and buttons (Playwright's click).
 * Text is typed after clicking the field; a match is picked from its list with selectOption
 * (a native drop-down cannot be driven by the pointer in headless Chromium).
 */
import type { Frame, Page } from 'playwright-core';
import { assessment, parts } from './course.js';
import { answerKind, type Learner, moveUpButton, sequenceOrder, waitForFeedback, waitForOpenAttempt, waitForResult, waitForVisiblePage } from './learner.js';

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
    const kind = await answerKind(this.frame, fieldset);
    if (kind === 'text') return this.type(fieldset, response);
    if (kind === 'matching') {
      for (const [source, target] of parts(response).map((p) => p.split('.'))) {
        await this.frame.locator(`${fieldset} select[data-source-id="${source}"]`).selectOption(target!);
      }
      return;
    }
    if (kind === 'sequence') return this.order(fieldset, parts(response));
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

  private async type(fieldset: string, text: string): Promise<void> {
    const field = this.frame.locator(`${fieldset} .cp-text-input`);
    await field.click();
    if (await field.inputValue()) {
      await this.page.keyboard.press('ControlOrMeta+A');
      await this.page.keyboard.press('Backspace');
    }
    await this.page.keyboard.type(text);
  }

  /** Moves items up with their ↑ buttons until the list reads `ids`. */
  private async order(fieldset: string, ids: string[]): Promise<void> {
    for (const [target, id] of ids.entries()) {
      const at = (await sequenceOrder(this.frame, fieldset)).indexOf(id);
      for (let n = at; n > target; n--) await this.frame.locator(moveUpButton(fieldset, id)).click();
    }
  }

  async submitCheck(id: string): Promise<void> {
    await this.frame.locator(`.cp-check-form[data-question-id="${id}"] .cp-check-button`).click();
    await waitForFeedback(this.frame, id);
  }

  async startAttempt(aid: string): Promise<void> {
    await this.frame.locator(assessment.start(aid)).click();
    await waitForOpenAttempt(this.frame, aid);
  }

  async submitAttempt(aid: string): Promise<void> {
    await this.frame.locator(assessment.submit(aid)).click();
    await waitForResult(this.frame, aid);
  }
}
