/**
 * Reading answers from, and showing feedback in, the question markup of templates/question.eta,
 * for every question type. Responses use the player's encoding (see PlayerQuestion).
 */
import { acceptText, numberResponse } from '../core/input-limits.js';
import { correctResponse, isScored, positionOf, responsePairs, responseParts, scoreResponse } from '../core/questions.js';
import { escapeHtml, format } from '../core/format.js';
import { shuffled } from '../core/random.js';
import type { PlayerQuestion } from '../core/types.js';

const all = <T extends Element>(root: Element, selector: string) => Array.from(root.querySelectorAll<T>(selector));

/** The response in the player's encoding; '' when the question is not (fully) answered. */
export function readResponse(fieldset: Element, q: PlayerQuestion): string {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
    case 'true-false':
    case 'likert': {
      const checked = all<HTMLInputElement>(fieldset, 'input').filter((i) => i.checked).map((i) => i.value);
      if (q.choices) checked.sort((a, b) => positionOf(q.choices, a) - positionOf(q.choices, b));
      return checked.join(',');
    }
    case 'fill-in':
    case 'free-text': {
      const input = fieldset.querySelector<HTMLInputElement | HTMLTextAreaElement>('.cp-text-input');
      const text = acceptText(input?.value ?? '', q.maxLength ?? 500);
      return text.trim() === '' ? '' : q.type === 'fill-in' ? text.trim() : text;
    }
    case 'numeric':
      return numberResponse(fieldset.querySelector<HTMLInputElement>('.cp-text-input')?.value ?? '');
    case 'matching': {
      const selects = all<HTMLSelectElement>(fieldset, 'select');
      if (selects.some((s) => !s.value)) return '';
      const bySource = new Map(selects.map((s) => [s.dataset.sourceId ?? '', s.value]));
      return (q.sources ?? []).map((src) => `${src.id}.${bySource.get(src.id) ?? ''}`).join(',');
    }
    case 'sequencing':
      return all<HTMLElement>(fieldset, '.cp-sequence-item').map((li) => li.dataset.itemId ?? '').join(',');
  }
}

/** True when the learner typed something that is not a number into a numeric question. */
export function hasInvalidNumber(fieldset: Element, q: PlayerQuestion): boolean {
  if (q.type !== 'numeric') return false;
  const value = fieldset.querySelector<HTMLInputElement>('.cp-text-input')?.value ?? '';
  return value.trim() !== '' && numberResponse(value) === '';
}

export function writeResponse(fieldset: Element, q: PlayerQuestion, response: string): void {
  switch (q.type) {
    case 'fill-in':
    case 'free-text':
    case 'numeric': {
      const input = fieldset.querySelector<HTMLInputElement | HTMLTextAreaElement>('.cp-text-input');
      if (input) input.value = response;
      return;
    }
    case 'matching': {
      const pairs = new Map(responsePairs(response));
      for (const select of all<HTMLSelectElement>(fieldset, 'select')) select.value = pairs.get(select.dataset.sourceId ?? '') ?? '';
      return;
    }
    case 'sequencing':
      if (response) orderSequence(fieldset, responseParts(response));
      return;
    default: {
      const chosen = new Set(responseParts(response));
      for (const input of all<HTMLInputElement>(fieldset, 'input')) input.checked = chosen.has(input.value);
    }
  }
}

/** Puts the sequence items in the given order (unknown ids keep their place at the end). */
export function orderSequence(fieldset: Element, ids: string[]): void {
  const list = fieldset.querySelector('.cp-sequence');
  if (!list) return;
  const items = all<HTMLElement>(list, '.cp-sequence-item');
  const rank = (li: HTMLElement) => {
    const i = ids.indexOf(li.dataset.itemId ?? '');
    return i < 0 ? ids.length : i;
  };
  for (const li of [...items].sort((a, b) => rank(a) - rank(b))) list.appendChild(li);
  updateMoveButtons(list);
}

/** The first item cannot move up, the last cannot move down (unless the whole question is locked). */
function updateMoveButtons(list: Element): void {
  const items = all<HTMLElement>(list, '.cp-sequence-item');
  if (list.closest('fieldset')?.hasAttribute('data-locked')) return;
  items.forEach((li, i) => {
    const up = li.querySelector<HTMLButtonElement>('.cp-move[data-move="-1"]');
    const down = li.querySelector<HTMLButtonElement>('.cp-move[data-move="1"]');
    if (up) up.disabled = i === 0;
    if (down) down.disabled = i === items.length - 1;
  });
}

/** Shuffles a sequencing question's items so the learner never starts from the answer. */
export function shuffleSequence(fieldset: Element, q: PlayerQuestion, seed: number): void {
  const correct = (q.choices ?? []).map((c) => c.id);
  let order = shuffled(correct, seed);
  if (order.join(',') === correct.join(',') && order.length > 1) order = [...order.slice(1), order[0]!];
  orderSequence(fieldset, order);
}

/** Moves a sequence item one place; returns the announcement text. */
export function moveSequenceItem(button: HTMLElement, strings: Record<string, string>): string {
  const li = button.closest<HTMLElement>('.cp-sequence-item');
  const list = li?.parentElement;
  if (!li || !list) return '';
  const delta = Number(button.dataset.move);
  const sibling = delta < 0 ? li.previousElementSibling : li.nextElementSibling;
  if (sibling) {
    if (delta < 0) list.insertBefore(li, sibling);
    else list.insertBefore(sibling, li);
  }
  updateMoveButtons(list);
  // At either end the pressed button is disabled: keep focus on the item's other button.
  ((button as HTMLButtonElement).disabled ? li.querySelector<HTMLButtonElement>(`.cp-move[data-move="${-delta}"]`) : button)?.focus();
  const items = all<HTMLElement>(list, '.cp-sequence-item');
  return format(strings.movedTo ?? '{item}: {n}/{total}', {
    item: li.querySelector('.cp-sequence-text')?.textContent?.trim() ?? '',
    n: items.indexOf(li) + 1,
    total: items.length,
  });
}

export function setDisabled(fieldset: Element, disabled: boolean): void {
  for (const control of all<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement>(fieldset, 'input, select, textarea, button')) {
    control.disabled = disabled;
  }
  fieldset.toggleAttribute('data-locked', disabled);
  const list = fieldset.querySelector('.cp-sequence');
  if (list && !disabled) updateMoveButtons(list);
}

export function clearFeedback(fieldset: Element): void {
  const box = fieldset.querySelector<HTMLElement>('.cp-feedback');
  if (box) {
    box.hidden = true;
    box.innerHTML = '';
  }
  fieldset.classList.remove('cp-answered-correct', 'cp-answered-incorrect', 'cp-answered-neutral');
  for (const label of all(fieldset, '.cp-choice')) {
    label.classList.remove('cp-is-correct', 'cp-is-chosen-wrong');
    label.querySelector('.cp-choice-status')?.remove();
  }
}

export interface FeedbackOptions {
  strings: Record<string, string>;
  showCorrect: boolean;
}


/** The correct answer in words, for types where marking the options is not enough. */
function correctAnswerText(q: PlayerQuestion): string | undefined {
  switch (q.type) {
    case 'fill-in':
      return q.accepted?.[0];
    case 'numeric':
      return q.range ? (q.range.min === q.range.max ? String(q.range.min) : `${q.range.min} – ${q.range.max}`) : undefined;
    case 'matching':
      return (q.pairs ?? []).map(([s, t]) => `${q.sources?.find((x) => x.id === s)?.text ?? s} → ${q.targets?.find((x) => x.id === t)?.text ?? t}`).join('; ');
    case 'sequencing':
      return (q.choices ?? []).map((c, i) => `${i + 1}. ${c.text ?? c.id}`).join(' ');
    default:
      return undefined;
  }
}

/**
 * Shows the verdict and feedback for a response; returns the plain-text verdict for announcing.
 * The verdict is written in words and marked with a symbol, never by colour alone.
 */
export function showFeedback(fieldset: Element, q: PlayerQuestion, response: string, options: FeedbackOptions): string {
  clearFeedback(fieldset);
  const doc = fieldset.ownerDocument;
  const s = options.strings;
  const parts: string[] = [];
  if (!isScored(q)) {
    fieldset.classList.add('cp-answered-neutral');
    parts.push(`<p class="cp-verdict">${escapeHtml(s.answerSaved ?? '')}</p>`);
  } else {
    const ok = scoreResponse(q, response).result === 'correct';
    fieldset.classList.add(ok ? 'cp-answered-correct' : 'cp-answered-incorrect');
    parts.push(`<p class="cp-verdict"><span aria-hidden="true">${ok ? '✓' : '✗'}</span> ${escapeHtml((ok ? s.correct : s.incorrect) ?? '')}</p>`);
    const general = ok ? q.feedback.correct : q.feedback.incorrect;
    if (general) parts.push(general);
    const chosen = new Set(responseParts(response));
    if (q.type === 'single-choice' || q.type === 'multiple-choice') {
      for (const choice of q.choices ?? []) if (chosen.has(choice.id) && choice.feedback) parts.push(choice.feedback);
    }
    if (options.showCorrect && !ok) {
      markChoices(fieldset, q, chosen, s, doc);
      const text = correctAnswerText(q);
      if (text) parts.push(`<p class="cp-correct-answer"><strong>${escapeHtml(s.correctAnswerWas ?? '')}</strong> ${escapeHtml(text)}</p>`);
    }
  }
  const box = fieldset.querySelector<HTMLElement>('.cp-feedback');
  if (box) {
    box.innerHTML = parts.join('');
    box.hidden = false;
  }
  return box?.textContent?.trim() ?? '';
}

function markChoices(fieldset: Element, q: PlayerQuestion, chosen: Set<string>, s: Record<string, string>, doc: Document): void {
  if (!(q.type === 'single-choice' || q.type === 'multiple-choice' || q.type === 'true-false')) return;
  const correct = new Set(responseParts(correctResponse(q)));
  for (const label of all<HTMLElement>(fieldset, '.cp-choice')) {
    const id = label.dataset.choiceId ?? '';
    const isCorrect = correct.has(id);
    const wrongPick = chosen.has(id) && !isCorrect;
    if (!isCorrect && !wrongPick) continue;
    label.classList.add(isCorrect ? 'cp-is-correct' : 'cp-is-chosen-wrong');
    const mark = doc.createElement('span');
    mark.className = 'cp-choice-status';
    mark.textContent = isCorrect ? `✓ ${(s.correctAnswerWas ?? '').replace(/\s*[:：]\s*$/, '')}` : `✗ ${(s.yourAnswer ?? '').replace(/\s*[:：]\s*$/, '')}`;
    label.appendChild(mark);
  }
}
