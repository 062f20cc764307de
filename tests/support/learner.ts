/** A simulated learner acting on the player's markup, deriving answers from the embedded course data. */
import { correctResponse, responseParts } from '../../src/player/core/questions.js';
import type { PlayerData, PlayerQuestion } from '../../src/player/core/types.js';
import { click, settle } from './dom-lms.js';

export function correctAnswer(q: PlayerQuestion): string[] {
  return responseParts(correctResponse(q));
}

/** A response that is certainly wrong. */
export function wrongAnswer(q: PlayerQuestion): string[] {
  if (q.type === 'true-false') return [String(!q.answer)];
  const wrong = (q.choices ?? []).find((c) => !c.correct);
  return [wrong!.id];
}

export function choose(doc: Document, fieldset: Element, ids: string[]): void {
  for (const input of Array.from(fieldset.querySelectorAll<HTMLInputElement>('input'))) {
    const want = ids.includes(input.value);
    if (input.checked !== want) click(input);
  }
}

export function visiblePage(doc: Document): string | undefined {
  return Array.from(doc.querySelectorAll<HTMLElement>('.cp-page')).find((s) => !s.hidden)?.dataset.pageId;
}

export async function next(doc: Document): Promise<void> {
  click(doc.getElementById('cp-next'));
  await settle();
}

/** Answers every knowledge check on the visible page; `wrongFirst` answers wrong, then right. */
export async function answerChecks(doc: Document, data: PlayerData, options: { wrongFirst?: boolean } = {}): Promise<string[]> {
  const page = doc.querySelector('.cp-page:not([hidden])');
  const answered: string[] = [];
  for (const form of Array.from(page?.querySelectorAll<HTMLFormElement>('.cp-check-form') ?? [])) {
    const q = data.questions[form.dataset.questionId!]!;
    const fieldset = form.querySelector('.cp-question')!;
    if (options.wrongFirst) {
      choose(doc, fieldset, wrongAnswer(q));
      click(form.querySelector('button[type="submit"]'));
      await settle();
    }
    choose(doc, fieldset, correctAnswer(q));
    click(form.querySelector('button[type="submit"]'));
    await settle();
    answered.push(q.id);
  }
  return answered;
}

/** Answers the open assessment attempt: `correct` questions right (in order), the rest wrong; submits. */
export async function takeAssessment(doc: Document, data: PlayerData, correctCount: number): Promise<void> {
  click(doc.getElementById('cp-start'));
  await settle();
  const ids = data.assessment!.questions;
  ids.forEach((id, i) => {
    const q = data.questions[id]!;
    const fieldset = doc.querySelector(`#cp-assessment-form [data-question-id="${id}"]`)!;
    choose(doc, fieldset, i < correctCount ? correctAnswer(q) : wrongAnswer(q));
  });
  doc.getElementById('cp-assessment-form')!.dispatchEvent(new (doc.defaultView as unknown as typeof globalThis).Event('change', { bubbles: true }));
  await settle();
  click(doc.querySelector('#cp-assessment-form button[type="submit"]'));
  await settle();
}
