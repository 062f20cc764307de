/** A simulated learner acting on the player's markup, deriving answers from the embedded course data. */
import { correctResponse, responseParts } from '../../src/player/core/questions.js';
import type { PlayerData, PlayerQuestion } from '../../src/player/core/types.js';
import { click, settle } from './dom-lms.js';

export function correctAnswer(q: PlayerQuestion): string[] {
  return responseParts(correctResponse(q));
}

/** A response that is certainly wrong (player encoding), for scored types. */
export function wrongAnswer(q: PlayerQuestion): string[] {
  switch (q.type) {
    case 'true-false':
      return [String(!q.answer)];
    case 'single-choice':
    case 'multiple-choice':
      return [(q.choices ?? []).find((c) => !c.correct)!.id];
    case 'fill-in':
      return ['definitely not the answer'];
    case 'numeric':
      return [String((q.range?.min ?? 0) - 1000)];
    case 'matching': {
      const targets = (q.pairs ?? []).map(([, t]) => t);
      return (q.pairs ?? []).map(([s], i) => `${s}.${targets[(i + 1) % targets.length]}`);
    }
    case 'sequencing':
      return [...(q.choices ?? [])].reverse().map((c) => c.id);
    case 'likert':
      return [q.scale![0]!.id];
    case 'free-text':
      return ['My reflection'];
  }
}

function fire(el: Element, type: string): void {
  const win = el.ownerDocument.defaultView as unknown as typeof globalThis;
  el.dispatchEvent(new win.Event(type, { bubbles: true }));
}

/** Answers a question like a learner would, with the response given in the player's encoding. */
export function answerQuestion(fieldset: Element, q: PlayerQuestion, parts: string[]): void {
  switch (q.type) {
    case 'fill-in':
    case 'free-text':
    case 'numeric': {
      const input = fieldset.querySelector<HTMLInputElement>('.cp-text-input')!;
      input.value = parts.join(',');
      fire(input, 'input');
      fire(input, 'change');
      return;
    }
    case 'matching':
      for (const part of parts) {
        const [source, target] = part.split('.');
        const select = fieldset.querySelector<HTMLSelectElement>(`select[data-source-id="${source}"]`)!;
        select.value = target!;
        fire(select, 'change');
      }
      return;
    case 'sequencing': {
      const list = fieldset.querySelector('.cp-sequence')!;
      for (const id of parts) list.appendChild(list.querySelector(`[data-item-id="${id}"]`)!);
      fire(list, 'change');
      return;
    }
    default:
      choose(fieldset.ownerDocument, fieldset, parts);
  }
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
      answerQuestion(fieldset, q, wrongAnswer(q));
      click(form.querySelector('button[type="submit"]'));
      await settle();
    }
    answerQuestion(fieldset, q, correctAnswer(q).length ? correctAnswer(q) : wrongAnswer(q));
    click(form.querySelector('button[type="submit"]'));
    await settle();
    answered.push(q.id);
  }
  return answered;
}

export function assessmentSection(doc: Document, assessmentId: string): Element {
  return doc.querySelector(`.cp-assessment[data-assessment-id="${assessmentId}"]`)!;
}

/** The questions the open (or last) attempt shows, in order. */
export function shownQuestions(doc: Document, assessmentId: string): string[] {
  return Array.from(assessmentSection(doc, assessmentId).querySelectorAll<HTMLElement>('.cp-question-list > li:not([hidden])')).map((li) => li.dataset.questionId!);
}

/** Starts an attempt and answers the first `correctCount` shown questions right, the rest wrong; submits. */
export async function takeAssessment(doc: Document, data: PlayerData, correctCount: number, assessmentId = data.assessments[0]!.id): Promise<string[]> {
  const section = assessmentSection(doc, assessmentId);
  click(section.querySelector('.cp-start'));
  await settle();
  const ids = shownQuestions(doc, assessmentId);
  ids.forEach((id, i) => {
    const q = data.questions[id]!;
    const fieldset = section.querySelector(`.cp-question[data-question-id="${id}"]`)!;
    const right = correctAnswer(q);
    answerQuestion(fieldset, q, i < correctCount && right.length ? right : wrongAnswer(q));
  });
  await settle();
  click(section.querySelector('.cp-submit'));
  await settle();
  return ids;
}
