/** Reading answers from, and showing feedback in, the question markup rendered by templates/question.eta. */
import { correctResponse, responseParts, scoreResponse } from '../core/questions.js';
import type { PlayerQuestion } from '../core/types.js';

const inputsOf = (fieldset: Element) => Array.from(fieldset.querySelectorAll<HTMLInputElement>('input'));

/** The response in the player's encoding: checked choice ids in document order, comma-separated. */
export function readResponse(fieldset: Element): string {
  return inputsOf(fieldset).filter((i) => i.checked).map((i) => i.value).join(',');
}

export function writeResponse(fieldset: Element, response: string): void {
  const chosen = new Set(responseParts(response));
  for (const input of inputsOf(fieldset)) input.checked = chosen.has(input.value);
}

export function setDisabled(fieldset: Element, disabled: boolean): void {
  for (const input of inputsOf(fieldset)) input.disabled = disabled;
}

export function clearFeedback(fieldset: Element): void {
  const box = fieldset.querySelector<HTMLElement>('.cp-feedback');
  if (box) {
    box.hidden = true;
    box.innerHTML = '';
  }
  fieldset.classList.remove('cp-answered-correct', 'cp-answered-incorrect');
  for (const label of Array.from(fieldset.querySelectorAll('.cp-choice'))) {
    label.classList.remove('cp-is-correct', 'cp-is-chosen-wrong');
    label.querySelector('.cp-choice-status')?.remove();
  }
}

export interface FeedbackOptions {
  strings: Record<string, string>;
  showCorrect: boolean;
}

/**
 * Shows the verdict and feedback for a response; returns the plain-text verdict for announcing.
 * The verdict is written in words and marked with a symbol, never by colour alone.
 */
export function showFeedback(fieldset: Element, q: PlayerQuestion, response: string, options: FeedbackOptions): string {
  clearFeedback(fieldset);
  const doc = fieldset.ownerDocument;
  const { result } = scoreResponse(q, response);
  const ok = result === 'correct';
  fieldset.classList.add(ok ? 'cp-answered-correct' : 'cp-answered-incorrect');
  const s = options.strings;
  const parts: string[] = [`<p class="cp-verdict"><span aria-hidden="true">${ok ? '✓' : '✗'}</span> ${ok ? s.correct : s.incorrect}</p>`];
  const general = ok ? q.feedback.correct : q.feedback.incorrect;
  if (general) parts.push(general);
  const chosen = new Set(responseParts(response));
  for (const choice of q.choices ?? []) if (chosen.has(choice.id) && choice.feedback) parts.push(choice.feedback);
  if (options.showCorrect) {
    const correct = new Set(responseParts(correctResponse(q)));
    for (const label of Array.from(fieldset.querySelectorAll<HTMLElement>('.cp-choice'))) {
      const id = label.dataset.choiceId ?? '';
      const isCorrect = correct.has(id);
      const wrongPick = chosen.has(id) && !isCorrect;
      if (!isCorrect && !wrongPick) continue;
      label.classList.add(isCorrect ? 'cp-is-correct' : 'cp-is-chosen-wrong');
      const mark = doc.createElement('span');
      mark.className = 'cp-choice-status';
      mark.textContent = isCorrect ? `✓ ${s.correctAnswerWas?.replace(/[:：]\s*$/, '') ?? ''}` : `✗ ${s.yourAnswer?.replace(/[:：]\s*$/, '') ?? ''}`;
      label.appendChild(mark);
    }
  }
  const box = fieldset.querySelector<HTMLElement>('.cp-feedback');
  if (box) {
    box.innerHTML = parts.join('');
    box.hidden = false;
  }
  return box?.textContent?.trim() ?? '';
}
