/**
 * What the tests know about the course, read from the package itself (cp-data), so they follow
 * the content authors write: pages, checks, the assessment and the right answers.
 */
import type { Frame } from 'playwright-core';
import type { PlayerAssessment, PlayerData, PlayerQuestion } from '../../../src/player/core/types.js';

export type { PlayerAssessment, PlayerData, PlayerQuestion };
export { expectedInteraction, isScored, normal, parts, rightAnswer, wrongAnswer, type ExpectedInteraction } from './answers.js';

export async function playerData(frame: Frame): Promise<PlayerData> {
  const json = await frame.locator('#cp-data').textContent();
  return JSON.parse(json ?? '{}') as PlayerData;
}

/** Question ids of the knowledge checks on each content page, from the rendered markup. */
export async function checksByPage(frame: Frame): Promise<Record<string, string[]>> {
  return frame.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const section of Array.from(document.querySelectorAll<HTMLElement>('.cp-page'))) {
      out[section.dataset.pageId ?? ''] = Array.from(section.querySelectorAll<HTMLElement>('.cp-check-form')).map((f) => f.dataset.questionId ?? '');
    }
    return out;
  });
}

/** The course's assessments, in order. */
export function assessmentsOf(data: PlayerData): PlayerAssessment[] {
  return data.assessments ?? [];
}

/** Every page in the order Next visits them: content pages, then each assessment. */
export function pageOrder(data: PlayerData): string[] {
  return [...data.pages.map((p) => p.id), ...assessmentsOf(data).map((a) => a.id)];
}

export const checkFieldset = (id: string) => `.cp-check-form[data-question-id="${id}"] .cp-question`;

/** Selectors inside one assessment's page. */
export const assessment = {
  section: (aid: string) => `.cp-page[data-page-id="${aid}"]`,
  form: (aid: string) => `.cp-page[data-page-id="${aid}"] form.cp-assessment-form`,
  fieldset: (aid: string, qid: string) => `.cp-page[data-page-id="${aid}"] form.cp-assessment-form .cp-question[data-question-id="${qid}"]`,
  start: (aid: string) => `.cp-page[data-page-id="${aid}"] button.cp-start`,
  submit: (aid: string) => `.cp-page[data-page-id="${aid}"] form.cp-assessment-form button[type="submit"]`,
  result: (aid: string) => `.cp-page[data-page-id="${aid}"] .cp-result`,
};

/** The questions the open attempt presents (a pool may draw some), in the order shown. */
export async function presentedQuestions(frame: Frame, aid: string): Promise<string[]> {
  return frame.$$eval(`${assessment.form(aid)} .cp-question`, (fieldsets) =>
    fieldsets.filter((f) => f.getClientRects().length > 0).map((f) => (f as HTMLElement).dataset.questionId ?? ''),
  );
}

/** The page the player shows (exactly one section is visible). */
export async function visiblePage(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.cp-page')).filter((s) => !s.hidden);
    if (shown.length !== 1) throw new Error(`${shown.length} pages visible`);
    return shown[0]!.dataset.pageId ?? '';
  });
}

/**
 * The answer a question's markup currently holds, in the player's encoding, whatever its type;
 * choices and pairs sorted (compare with `normal`). '' when nothing is chosen or typed.
 */
export async function shownAnswer(frame: Frame, fieldset: string): Promise<string> {
  return frame.$eval(fieldset, (f) => {
    const el = f as HTMLElement;
    const type = el.dataset.type ?? 'single-choice';
    if (['fill-in', 'numeric', 'free-text'].includes(type)) return el.querySelector<HTMLInputElement>('.cp-text-input')?.value ?? '';
    if (type === 'sequencing') return Array.from(el.querySelectorAll<HTMLElement>('.cp-sequence-item')).map((li) => li.dataset.itemId ?? '').join(',');
    if (type === 'matching') {
      const selects = Array.from(el.querySelectorAll<HTMLSelectElement>('select')).filter((s) => s.value);
      return selects.map((s) => `${s.dataset.sourceId}.${s.value}`).sort().join(',');
    }
    return Array.from(el.querySelectorAll<HTMLInputElement>('input')).filter((i) => i.checked).map((i) => i.value).sort().join(',');
  });
}
