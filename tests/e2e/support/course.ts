/**
 * What the tests know about the course, read from the package itself (cp-data), so they follow
 * the content authors write: pages, checks, the assessment and the right answers.
 */
import type { Frame } from 'playwright-core';
import type { PlayerData, PlayerQuestion } from '../../../src/player/core/types.js';

export type { PlayerData, PlayerQuestion };

export async function playerData(frame: Frame): Promise<PlayerData> {
  const json = await frame.locator('#cp-data').textContent();
  return JSON.parse(json ?? '{}') as PlayerData;
}

/** The right answer in the player's response encoding (choice ids, comma-separated; true/false). */
export function rightAnswer(q: PlayerQuestion): string {
  if (q.type === 'true-false') return String(q.answer);
  return (q.choices ?? []).filter((c) => c.correct).map((c) => c.id).join(',');
}

/** A wrong answer: the other truth value, or the first wrong choice alone. */
export function wrongAnswer(q: PlayerQuestion): string {
  if (q.type === 'true-false') return String(!q.answer);
  const wrong = (q.choices ?? []).find((c) => !c.correct);
  if (!wrong) throw new Error(`question ${q.id} has no wrong choice`);
  return wrong.id;
}

/** The choice ids (or true/false) a response selects. */
export function parts(response: string): string[] {
  return response === '' ? [] : response.split(',');
}

/**
 * The SCORM 1.2 encoding LMS-RULES.md rule 20 asks for, written independently of the player:
 * true-false as t/f, choices as their position 0-9a-z, comma-separated in order.
 */
export function scorm12Response(q: PlayerQuestion, response: string): string {
  if (q.type === 'true-false') return response === 'true' ? 't' : 'f';
  const ids = (q.choices ?? []).map((c) => c.id);
  return parts(response)
    .map((id) => ids.indexOf(id))
    .sort((a, b) => a - b)
    .map((i) => '0123456789abcdefghijklmnopqrstuvwxyz'[i])
    .join(',');
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

export const checkFieldset = (id: string) => `.cp-check-form[data-question-id="${id}"] .cp-question`;
export const assessmentFieldset = (id: string) => `#cp-assessment-form .cp-question[data-question-id="${id}"]`;

/** The page the player shows (exactly one section is visible). */
export async function visiblePage(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.cp-page')).filter((s) => !s.hidden);
    if (shown.length !== 1) throw new Error(`${shown.length} pages visible`);
    return shown[0]!.dataset.pageId ?? '';
  });
}

/** The response currently selected in a fieldset, in the player's encoding. */
export async function selected(frame: Frame, fieldset: string): Promise<string> {
  return frame.$$eval(`${fieldset} input`, (inputs) => (inputs as HTMLInputElement[]).filter((i) => i.checked).map((i) => i.value).join(','));
}
