/**
 * A learner using only the keyboard (Tab, Shift+Tab, Space, Enter, arrow keys, and typing
 * into text fields) through page.keyboard: focus is read from the document, never set by the test.
 */
import type { Frame, Page } from 'playwright-core';
import { assessment, parts } from './course.js';
import { answerKind, type Learner, moveUpButton, sequenceOrder, waitForFeedback, waitForOpenAttempt, waitForResult, waitForVisiblePage } from './learner.js';

export interface Focus {
  id: string;
  tag: string;
  type: string;
  name: string;
  value: string;
  checked: boolean;
}

export class KeyboardLearner implements Learner {
  /** How many times each key was pressed. */
  readonly keys = new Map<string, number>();

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
      await this.press(key);
    }
    throw new Error(`${key} never reached ${selector}; focus is on ${JSON.stringify(await this.focus())}`);
  }

  async press(key: string): Promise<void> {
    this.keys.set(key, (this.keys.get(key) ?? 0) + 1);
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
    const kind = await answerKind(this.frame, fieldset);
    if (kind === 'text') return this.type(fieldset, response);
    if (kind === 'matching') return this.match(fieldset, response);
    if (kind === 'sequence') return this.order(fieldset, parts(response));
    const wanted = new Set(parts(response));
    const inputs = await this.frame.$$eval(`${fieldset} input`, (els) => (els as HTMLInputElement[]).map((e) => ({ value: e.value, type: e.type, checked: e.checked })));
    if (inputs[0]?.type === 'radio') return this.answerRadio(fieldset, inputs.map((i) => i.value), [...wanted][0] ?? '');
    for (const input of inputs) {
      if (input.checked === wanted.has(input.value)) continue;
      await this.tabTo(`${fieldset} input[value="${input.value}"]`);
      await this.press('Space');
    }
  }

  private async type(fieldset: string, text: string): Promise<void> {
    const field = `${fieldset} .cp-text-input`;
    await this.tabTo(field);
    if (await this.frame.locator(field).inputValue()) {
      await this.press('ControlOrMeta+A');
      await this.press('Backspace');
    }
    await this.page.keyboard.type(text);
  }

  /** A closed drop-down: the arrow keys step through its options. */
  private async match(fieldset: string, response: string): Promise<void> {
    for (const [source, target] of parts(response).map((p) => p.split('.'))) {
      const select = `${fieldset} select[data-source-id="${source}"]`;
      await this.tabTo(select);
      const { at, want } = await this.frame.$eval(select, (el, t) => {
        const s = el as HTMLSelectElement;
        return { at: s.selectedIndex, want: Array.from(s.options).findIndex((o) => o.value === t) };
      }, target!);
      for (let n = at; n < want; n++) await this.press('ArrowDown');
      for (let n = at; n > want; n--) await this.press('ArrowUp');
      const value = await this.frame.locator(select).inputValue();
      if (value !== target) throw new Error(`could not choose ${target} in ${select}: it shows ${value}`);
    }
  }

  /** Each ↑ button keeps focus after a move: press Enter on it until the item is in place. */
  private async order(fieldset: string, ids: string[]): Promise<void> {
    for (const [target, id] of ids.entries()) {
      const at = (await sequenceOrder(this.frame, fieldset)).indexOf(id);
      if (at <= target) continue;
      await this.tabTo(moveUpButton(fieldset, id));
      for (let n = at; n > target; n--) await this.press('Enter');
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

  async startAttempt(aid: string): Promise<void> {
    await this.tabTo(assessment.start(aid));
    await this.press('Enter');
    await waitForOpenAttempt(this.frame, aid);
  }

  async submitAttempt(aid: string): Promise<void> {
    await this.tabTo(assessment.submit(aid));
    await this.press('Enter');
    await waitForResult(this.frame, aid);
  }
}
