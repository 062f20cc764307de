/**
 * A learner using only the keyboard (Tab, Shift+Tab, Space, Enter, arrow keys) through
 * page.keyboard: focus is read from the document, never set by the test.
 */
import type { Frame, Page } from 'playwright-core';
import { parts } from './course.js';
import { type Learner, waitForFeedback, waitForOpenAttempt, waitForResult, waitForVisiblePage } from './learner.js';

export interface Focus {
  id: string;
  tag: string;
  type: string;
  name: string;
  value: string;
  checked: boolean;
}

export class KeyboardLearner implements Learner {
  /** Tab presses used, for the report of a failing test. */
  presses = 0;

  constructor(
    readonly page: Page,
    readonly frame: Frame,
    private readonly maxPresses = 200,
  ) {}

  /** The focused element inside the SCO, or null when focus is outside its document. */
  focus(): Promise<Focus | null> {
    return this.frame.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      if (!document.hasFocus() || !el || el === document.body) return null;
      return { id: el.id, tag: el.tagName.toLowerCase(), type: el.type ?? '', name: el.name ?? '', value: el.value ?? '', checked: Boolean(el.checked) };
    });
  }

  private matches(selector: string): Promise<boolean> {
    return this.frame.evaluate((sel) => document.hasFocus() && document.activeElement?.matches(sel) === true, selector);
  }

  /** Whether `selector` comes before the focused element (then Shift+Tab reaches it sooner). */
  private isBehind(selector: string): Promise<boolean> {
    return this.frame.evaluate((sel) => {
      const target = document.querySelector(sel);
      const active = document.activeElement;
      if (!target) throw new Error(`nothing matches ${sel}`);
      if (!document.hasFocus() || !active || active === document.body) return false;
      return Boolean(active.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING);
    }, selector);
  }

  /** Presses Tab (or Shift+Tab when the target is behind) until `selector` has focus. */
  async tabTo(selector: string): Promise<void> {
    const key = (await this.isBehind(selector)) ? 'Shift+Tab' : 'Tab';
    for (let i = 0; i < this.maxPresses; i++) {
      if (await this.matches(selector)) return;
      await this.page.keyboard.press(key);
      this.presses++;
    }
    throw new Error(`${key} never reached ${selector}; focus is on ${JSON.stringify(await this.focus())}`);
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async next(expected: string): Promise<void> {
    await this.tabTo('#cp-next');
    await this.press('Enter');
    await waitForVisiblePage(this.frame, expected);
  }

  async previous(expected: string): Promise<void> {
    await this.tabTo('#cp-prev');
    await this.press('Enter');
    await waitForVisiblePage(this.frame, expected);
  }

  async answer(fieldset: string, response: string): Promise<void> {
    const wanted = new Set(parts(response));
    const inputs = await this.frame.$$eval(`${fieldset} input`, (els) => (els as HTMLInputElement[]).map((e) => ({ value: e.value, type: e.type, checked: e.checked })));
    if (inputs[0]?.type === 'radio') return this.answerRadio(fieldset, inputs.map((i) => i.value), [...wanted][0] ?? '');
    for (const input of inputs) {
      if (input.checked === wanted.has(input.value)) continue;
      await this.tabTo(`${fieldset} input[value="${input.value}"]`);
      await this.press('Space');
    }
  }

  /** A radio group is one tab stop: Space selects the focused radio, arrows move the selection. */
  private async answerRadio(fieldset: string, values: string[], target: string): Promise<void> {
    await this.tabTo(`${fieldset} input`);
    let focus = await this.focus();
    if (!focus?.checked) {
      await this.press('Space');
      focus = await this.focus();
    }
    let delta = values.indexOf(target) - values.indexOf(focus?.value ?? '');
    for (; delta > 0; delta--) await this.press('ArrowDown');
    for (; delta < 0; delta++) await this.press('ArrowUp');
    focus = await this.focus();
    if (!focus?.checked || focus.value !== target) throw new Error(`could not select ${target} in ${fieldset}: focus ${JSON.stringify(focus)}`);
  }

  async submitCheck(id: string): Promise<void> {
    await this.tabTo(`.cp-check-form[data-question-id="${id}"] .cp-check-button`);
    await this.press('Enter');
    await waitForFeedback(this.frame, id);
  }

  async startAttempt(): Promise<void> {
    await this.tabTo('#cp-start');
    await this.press('Enter');
    await waitForOpenAttempt(this.frame);
  }

  async submitAttempt(): Promise<void> {
    await this.tabTo('#cp-assessment-form button[type="submit"]');
    await this.press('Enter');
    await waitForResult(this.frame);
  }
}
