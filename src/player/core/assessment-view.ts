/**
 * One assessment on its page: starting an attempt, its drawn and shuffled questions, keeping the
 * answers as they are given, submitting, the result and the review. It works on the markup of
 * templates/assessment.eta and on the learner state of the player around it.
 */
import { escapeHtml, format } from './format.js';
import { assessmentResult, attemptsOf, scoreAttempt } from './outcome.js';
import { scoreResponse } from './questions.js';
import { drawQuestions, newSeed, questionSeed, shuffled } from './random.js';
import type { AttemptState, LearnerState } from './state.js';
import type { PlayerAssessment, PlayerData, PlayerQuestion } from './types.js';
import type { Tracker } from '../tracking/tracker.js';
import { clearFeedback, readResponse, setDisabled, showFeedback, shuffleSequence, writeResponse } from '../ui/questions-ui.js';

/** What an assessment needs from the player: the page, the state, saving and announcing. */
export interface PlayerContext {
  readonly doc: Document;
  readonly win: Window;
  readonly data: PlayerData;
  readonly state: LearnerState;
  readonly tracker: Tracker;
  /** Browse/review mode or no credit: show past attempts, start none. */
  readonly readOnly: boolean;
  /** When the learner last saw something new (page, attempt): the start of answer latencies. */
  shownAt: number;
  save(): Promise<void>;
  announce(message: string): void;
  /** Refreshes navigation, menu marks and progress. */
  updateChrome(): void;
}

export class AssessmentView {
  private saveTimer: number | undefined;

  constructor(
    private readonly player: PlayerContext,
    readonly assessment: PlayerAssessment,
  ) {}

  private get s(): Record<string, string> {
    return this.player.data.strings;
  }

  private get section(): HTMLElement | null {
    return this.player.doc.querySelector<HTMLElement>(`.cp-assessment[data-assessment-id="${this.assessment.id}"]`);
  }

  /** Wires the start button and the form (answers kept on change at once, on typing after a pause). */
  bind(): void {
    const section = this.section;
    section?.querySelector('.cp-start')?.addEventListener('click', () => void this.startAttempt());
    const form = section?.querySelector<HTMLFormElement>('.cp-assessment-form');
    form?.addEventListener('change', () => void this.keepAnswers(true));
    form?.addEventListener('input', () => void this.keepAnswers(false));
    form?.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submitAttempt();
    });
  }

  /** The attempt in progress (the last one, not yet scored), if any. */
  private openAttempt(): AttemptState | undefined {
    const list = attemptsOf(this.player.state, this.assessment.id);
    const last = list[list.length - 1];
    return last && last.score === undefined ? last : undefined;
  }

  /** The questions an attempt drew, in the order it shows them. */
  attemptQuestions(attempt: AttemptState): string[] {
    const a = this.assessment;
    return drawQuestions(a.questions, a.draw, a.shuffle, attempt.seed);
  }

  private fieldsets(ids: string[]): Array<[Element, PlayerQuestion]> {
    const form = this.section?.querySelector('.cp-assessment-form');
    return ids.flatMap((id) => {
      const el = form?.querySelector(`.cp-question[data-question-id="${id}"]`);
      const q = this.player.data.questions[id];
      return el && q ? [[el, q] as [Element, PlayerQuestion]] : [];
    });
  }

  /** Shows the attempt's questions in its order, choices shuffled by its seed; hides the rest of the pool. */
  private layout(attempt: AttemptState): void {
    const list = this.section?.querySelector('.cp-question-list');
    if (!list) return;
    const ids = this.attemptQuestions(attempt);
    const items = Array.from(list.querySelectorAll<HTMLElement>(':scope > li[data-question-id]'));
    for (const li of items) li.hidden = !ids.includes(li.dataset.questionId ?? '');
    for (const id of ids) {
      const li = items.find((item) => item.dataset.questionId === id);
      if (li) list.appendChild(li);
    }
    for (const [fieldset, q] of this.fieldsets(ids)) {
      const seed = questionSeed(attempt.seed, q.id);
      if (q.type === 'sequencing') shuffleSequence(fieldset, q, seed);
      if (this.assessment.shuffle && (q.type === 'single-choice' || q.type === 'multiple-choice')) {
        const box = fieldset.querySelector('.cp-choices');
        const labels = Array.from(box?.querySelectorAll<HTMLElement>('.cp-choice') ?? []);
        for (const label of shuffled(labels, seed)) box?.appendChild(label);
      }
    }
  }

  /** Brings the page in line with the state: attempts used, start button, the last attempt (open or in review). */
  render(): void {
    const a = this.assessment;
    const section = this.section;
    if (!section) return;
    const result = assessmentResult(a, this.player.state);
    const attemptsText = section.querySelector('.cp-attempts');
    if (attemptsText) attemptsText.textContent = format(this.s.attemptsUsed!, { used: result.submitted, attempts: a.attempts });
    const form = section.querySelector<HTMLFormElement>('.cp-assessment-form');
    const start = section.querySelector<HTMLButtonElement>('.cp-start');
    const open = this.openAttempt();
    const canStart = !open && !result.done && !this.player.readOnly;
    if (start) {
      start.hidden = !canStart;
      start.textContent = result.submitted > 0 ? this.s.retry! : this.s.startAttempt!;
    }
    if (!form) return;
    const list = attemptsOf(this.player.state, a.id);
    const last = list[list.length - 1];
    if (last) {
      form.hidden = false;
      this.layout(last);
      this.fill(last, !open);
      if (!open) this.showResult(last.score ?? 0);
      else section.querySelector<HTMLElement>('.cp-result')?.setAttribute('hidden', '');
    } else form.hidden = true;
    const submit = form.querySelector<HTMLButtonElement>('.cp-submit');
    if (submit) submit.hidden = !open;
  }

  /** Puts answers in the form; with `review`, locks it and shows the per-question review. */
  private fill(attempt: AttemptState, review: boolean): void {
    for (const [fieldset, q] of this.fieldsets(this.attemptQuestions(attempt))) {
      const answer = attempt.answers[q.id];
      if (answer !== undefined) writeResponse(fieldset, q, answer);
      else if (q.type !== 'sequencing') writeResponse(fieldset, q, '');
      setDisabled(fieldset, review);
      if (review) showFeedback(fieldset, q, answer ?? '', { strings: this.s, showCorrect: this.assessment.showCorrectAnswers });
      else clearFeedback(fieldset);
    }
  }

  private showResult(score: number): void {
    const a = this.assessment;
    const box = this.section?.querySelector<HTMLElement>('.cp-result');
    if (!box) return;
    const result = assessmentResult(a, this.player.state);
    const passed = score >= a.passingScore;
    const lines = [format(this.s.yourScore!, { score: formatNumber(score, this.player.data.lang) })];
    lines.push(passed ? this.s.passed! : format(this.s.failed!, { passingScore: a.passingScore }));
    if (!passed && !result.passed) {
      const left = a.attempts - result.submitted;
      lines.push(left > 0 ? format(this.s.attemptsLeft!, { count: left }) : this.s.noAttemptsLeft!);
    }
    box.innerHTML = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('') + `<h2>${escapeHtml(this.s.review!)}</h2>`;
    box.hidden = false;
    box.classList.toggle('cp-result-passed', passed);
  }

  private async startAttempt(): Promise<void> {
    const a = this.assessment;
    const player = this.player;
    if (this.openAttempt() || assessmentResult(a, player.state).done || player.readOnly) return;
    (player.state.attempts[a.id] ??= []).push({ seed: newSeed(), answers: {} });
    player.shownAt = Date.now();
    this.render();
    await player.save();
    const first = this.section?.querySelector<HTMLElement>('.cp-question-list > li:not([hidden]) .cp-question');
    first?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }

  /** Keeps the open attempt's answers in the state; saves now, or once the learner pauses typing. */
  private async keepAnswers(now: boolean): Promise<void> {
    const open = this.openAttempt();
    if (!open) return;
    for (const [fieldset, q] of this.fieldsets(this.attemptQuestions(open))) {
      const response = readResponse(fieldset, q);
      if (response) open.answers[q.id] = response;
      else delete open.answers[q.id];
    }
    this.player.win.clearTimeout(this.saveTimer);
    if (now) await this.player.save();
    else this.saveTimer = this.player.win.setTimeout(() => void this.player.save(), 500);
  }

  /** Stops a pending save of typed answers (the session is ending and saves everything itself). */
  cancelPendingSave(): void {
    this.player.win.clearTimeout(this.saveTimer);
  }

  private async submitAttempt(): Promise<void> {
    const player = this.player;
    const open = this.openAttempt();
    const section = this.section;
    if (!open || !section) return;
    const ids = this.attemptQuestions(open);
    const fieldsets = this.fieldsets(ids);
    const missing = fieldsets.filter(([fieldset, q]) => !readResponse(fieldset, q) && q.type !== 'free-text' && q.type !== 'likert');
    const error = section.querySelector('.cp-form-error');
    if (missing.length) {
      if (error) error.textContent = format(this.s.unanswered!, { count: missing.length });
      missing[0]![0].querySelector<HTMLElement>('input, select, textarea, button')?.focus();
      return;
    }
    if (error) error.textContent = '';
    for (const [fieldset, q] of fieldsets) {
      const response = readResponse(fieldset, q);
      if (response) open.answers[q.id] = response;
    }
    const attempt = attemptsOf(player.state, this.assessment.id).length;
    const latency = Date.now() - player.shownAt;
    for (const [, q] of fieldsets) {
      const response = open.answers[q.id];
      if (response === undefined) continue;
      const { result, score } = scoreResponse(q, response);
      await player.tracker.record({ type: 'answered', question: q, response, result, score, latencyMs: latency, timestamp: new Date(), context: 'assessment', attempt });
    }
    open.score = scoreAttempt(player.data, ids, open.answers);
    await player.save();
    this.render();
    player.updateChrome();
    const box = section.querySelector<HTMLElement>('.cp-result');
    box?.focus();
    player.announce(box?.textContent ?? '');
  }
}

function formatNumber(value: number, lang: string): string {
  try {
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value);
  } catch {
    return String(value);
  }
}
