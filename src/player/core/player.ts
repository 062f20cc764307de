/**
 * The player: navigation, knowledge checks, the assessment and saving, over the markup rendered by
 * templates/. It talks to the LMS only through a `Tracker`.
 */
import { format } from './format.js';
import { computeOutcome, scoreAttempt, submittedAttempts } from './outcome.js';
import { scoreResponse } from './questions.js';
import { decodeState, emptyState, encodeState, type LearnerState } from './state.js';
import type { PlayerData, PlayerQuestion } from './types.js';
import type { Snapshot, StartInfo, Tracker } from '../tracking/tracker.js';
import { clearFeedback, readResponse, setDisabled, showFeedback, writeResponse } from '../ui/questions-ui.js';

export class Player {
  readonly doc: Document;
  readonly order: string[];
  state: LearnerState = emptyState();
  current = '';
  private readOnly = false;
  private shownAt = Date.now();
  private finished = false;

  constructor(
    readonly win: Window,
    readonly data: PlayerData,
    public tracker: Tracker,
  ) {
    this.doc = win.document;
    this.order = [...data.pages.map((p) => p.id), ...(data.assessment ? [data.assessment.id] : [])];
  }

  private get s(): Record<string, string> {
    return this.data.strings;
  }

  /** Starts tracking (falling back when no LMS answers), restores the saved state, shows the bookmark. */
  async start(fallback: () => Tracker): Promise<void> {
    let info: StartInfo | null = await this.tracker.start();
    if (!info) {
      this.tracker = fallback();
      info = await this.tracker.start();
      this.notice(this.s.standaloneNotice!);
    }
    if (!info) return;
    this.tracker.onProblem = () => this.notice(this.s.saveFailedNotice!);
    this.readOnly = info.mode !== 'normal' || !info.credit;
    if (this.readOnly) this.notice(this.s.reviewModeNotice!);
    const ids = [...this.order, ...Object.keys(this.data.questions)];
    this.state = decodeState(info.savedState, ids) ?? emptyState();
    this.bind();
    this.restoreChecks();
    this.renderAssessment();
    const bookmark = this.state.location ?? info.location ?? '';
    await this.show(this.order.includes(bookmark) ? bookmark : this.order[0]!, false);
  }

  snapshot(): Snapshot {
    return { state: encodeState(this.state), location: this.current, outcome: computeOutcome(this.data, this.state) };
  }

  async save(): Promise<void> {
    await this.tracker.save(this.snapshot());
  }

  /** Ends the session once (pagehide / beforeunload). */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    void this.tracker.finish(this.snapshot());
  }

  async show(id: string, focus = true): Promise<void> {
    if (!this.order.includes(id)) return;
    this.current = id;
    this.state.location = id;
    for (const section of Array.from(this.doc.querySelectorAll<HTMLElement>('.cp-page'))) section.hidden = section.dataset.pageId !== id;
    const isContent = this.data.pages.some((p) => p.id === id);
    if (isContent && !this.state.visited.includes(id)) this.state.visited.push(id);
    this.shownAt = Date.now();
    this.updateChrome();
    this.closeMenuOnSmallScreens();
    if (focus) this.doc.getElementById(`h-${id}`)?.focus();
    const page = this.data.pages.find((p) => p.id === id);
    if (page) await this.tracker.record({ type: 'page-viewed', pageId: id, title: page.title });
    await this.save();
  }

  private bind(): void {
    const doc = this.doc;
    doc.getElementById('cp-prev')?.addEventListener('click', () => void this.step(-1));
    doc.getElementById('cp-next')?.addEventListener('click', () => void this.step(1));
    doc.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('a[data-page-link]');
      if (!link) return;
      event.preventDefault();
      void this.show(link.getAttribute('data-page-link') ?? '');
    });
    const toggle = doc.querySelector<HTMLButtonElement>('.cp-menu-toggle');
    toggle?.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      doc.body.classList.toggle('cp-menu-open', open);
    });
    for (const form of Array.from(doc.querySelectorAll<HTMLFormElement>('.cp-check-form'))) {
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void this.checkAnswer(form);
      });
    }
    doc.getElementById('cp-start')?.addEventListener('click', () => void this.startAttempt());
    const form = doc.getElementById('cp-assessment-form') as HTMLFormElement | null;
    form?.addEventListener('change', () => void this.keepAttemptAnswers());
    form?.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submitAttempt();
    });
    this.win.addEventListener('pagehide', () => this.finish());
    this.win.addEventListener('beforeunload', () => this.finish());
    doc.addEventListener('visibilitychange', () => {
      if (doc.visibilityState === 'hidden') void this.save();
    });
  }

  private async step(delta: number): Promise<void> {
    const next = this.order[this.order.indexOf(this.current) + delta];
    if (next) await this.show(next);
  }

  private updateChrome(): void {
    const doc = this.doc;
    const index = this.order.indexOf(this.current);
    const prev = doc.getElementById('cp-prev') as HTMLButtonElement | null;
    const next = doc.getElementById('cp-next') as HTMLButtonElement | null;
    if (prev) prev.disabled = index <= 0;
    if (next) next.disabled = index >= this.order.length - 1;
    const position = doc.getElementById('cp-position');
    if (position) position.textContent = format(this.s.pagePosition!, { n: index + 1, total: this.order.length });
    for (const link of Array.from(doc.querySelectorAll<HTMLElement>('.cp-menu a[data-page-link]'))) {
      const id = link.dataset.pageLink ?? '';
      const isCurrent = id === this.current;
      const viewed = this.state.visited.includes(id) || (id === this.data.assessment?.id && computeOutcome(this.data, this.state).success === 'passed');
      if (isCurrent) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
      link.classList.toggle('cp-viewed', viewed);
      const label = link.querySelector('.cp-state');
      if (label) label.textContent = viewed ? ` ${this.s.viewed}` : '';
    }
    const outcome = computeOutcome(this.data, this.state);
    const percent = Math.round(outcome.progress * 100);
    const text = doc.getElementById('cp-progress-label');
    if (text) text.textContent = format(this.s.progress!, { percent });
    const bar = doc.querySelector<HTMLElement>('.cp-progress-bar');
    bar?.setAttribute('aria-valuenow', String(percent));
    const fill = bar?.querySelector<HTMLElement>('.cp-progress-fill');
    if (fill) fill.style.width = `${percent}%`;
  }

  private closeMenuOnSmallScreens(): void {
    const toggle = this.doc.querySelector<HTMLButtonElement>('.cp-menu-toggle');
    if (toggle?.getAttribute('aria-expanded') === 'true') {
      toggle.setAttribute('aria-expanded', 'false');
      this.doc.body.classList.remove('cp-menu-open');
    }
  }

  notice(message: string): void {
    const box = this.doc.getElementById('cp-notice');
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
  }

  private announce(message: string): void {
    const live = this.doc.getElementById('cp-live');
    if (!live) return;
    live.textContent = '';
    this.win.setTimeout(() => (live.textContent = message), 50);
  }

  private question(id: string): PlayerQuestion | undefined {
    return this.data.questions[id];
  }

  // Knowledge checks -------------------------------------------------------------------------

  private restoreChecks(): void {
    for (const [id, response] of Object.entries(this.state.checks)) {
      const fieldset = this.doc.querySelector(`.cp-check-form[data-question-id="${id}"] .cp-question`);
      const q = this.question(id);
      if (!fieldset || !q) continue;
      writeResponse(fieldset, response);
      showFeedback(fieldset, q, response, { strings: this.s, showCorrect: false });
    }
  }

  private async checkAnswer(form: HTMLFormElement): Promise<void> {
    const id = form.dataset.questionId ?? '';
    const q = this.question(id);
    const fieldset = form.querySelector('.cp-question');
    if (!q || !fieldset) return;
    const response = readResponse(fieldset);
    if (!response) {
      clearFeedback(fieldset);
      const box = fieldset.querySelector<HTMLElement>('.cp-feedback');
      if (box) {
        box.textContent = this.s.chooseAnswer!;
        box.hidden = false;
      }
      this.announce(this.s.chooseAnswer!);
      return;
    }
    const verdict = showFeedback(fieldset, q, response, { strings: this.s, showCorrect: false });
    this.announce(verdict);
    this.state.checks[id] = response;
    const { result, score } = scoreResponse(q, response);
    if (!this.readOnly) {
      await this.tracker.record({ type: 'answered', question: q, response, result, score, latencyMs: Date.now() - this.shownAt, timestamp: new Date(), context: 'check' });
    }
    await this.save();
  }

  // Assessment -------------------------------------------------------------------------------

  private get openAttempt() {
    const last = this.state.attempts[this.state.attempts.length - 1];
    return last && last.score === undefined ? last : undefined;
  }

  private assessmentFieldsets(): Array<[Element, PlayerQuestion]> {
    const ids = this.data.assessment?.questions ?? [];
    return ids.flatMap((id) => {
      const el = this.doc.querySelector(`#cp-assessment-form [data-question-id="${id}"]`);
      const q = this.question(id);
      return el && q ? [[el, q] as [Element, PlayerQuestion]] : [];
    });
  }

  private renderAssessment(): void {
    const a = this.data.assessment;
    if (!a) return;
    const doc = this.doc;
    const used = submittedAttempts(this.state).length;
    const outcome = computeOutcome(this.data, this.state);
    const attemptsText = doc.getElementById('cp-attempts');
    if (attemptsText) attemptsText.textContent = format(this.s.attemptsUsed!, { used, attempts: a.attempts });
    const form = doc.getElementById('cp-assessment-form') as HTMLFormElement | null;
    const start = doc.getElementById('cp-start') as HTMLButtonElement | null;
    const open = this.openAttempt;
    const canStart = !open && used < a.attempts && outcome.success !== 'passed' && !this.readOnly;
    if (start) {
      start.hidden = !canStart;
      start.textContent = used > 0 ? this.s.retry! : this.s.startAttempt!;
    }
    if (!form) return;
    const last = this.state.attempts[this.state.attempts.length - 1];
    if (open) {
      form.hidden = false;
      this.fillAttempt(open.answers, false);
    } else if (last) {
      form.hidden = false;
      this.fillAttempt(last.answers, true);
      this.showResult(last.score ?? 0);
    } else form.hidden = true;
    const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (submit) submit.hidden = !open;
  }

  /** Puts answers in the form; with `review`, locks it and shows the per-question review. */
  private fillAttempt(answers: Record<string, string>, review: boolean): void {
    const showCorrect = this.data.assessment?.showCorrectAnswers ?? false;
    for (const [fieldset, q] of this.assessmentFieldsets()) {
      writeResponse(fieldset, answers[q.id] ?? '');
      setDisabled(fieldset, review);
      if (review) showFeedback(fieldset, q, answers[q.id] ?? '', { strings: this.s, showCorrect });
      else clearFeedback(fieldset);
    }
  }

  private showResult(score: number): void {
    const a = this.data.assessment!;
    const box = this.doc.getElementById('cp-result');
    if (!box) return;
    const used = submittedAttempts(this.state).length;
    const passed = score >= a.passingScore;
    const best = computeOutcome(this.data, this.state);
    const lines = [format(this.s.yourScore!, { score: formatNumber(score, this.data.lang) })];
    lines.push(passed ? this.s.passed! : format(this.s.failed!, { passingScore: a.passingScore }));
    if (!passed && best.success !== 'passed') {
      const left = a.attempts - used;
      lines.push(left > 0 ? format(this.s.attemptsLeft!, { count: left }) : this.s.noAttemptsLeft!);
    }
    box.innerHTML = lines.map((line) => `<p>${escapeText(line)}</p>`).join('') + `<h2>${escapeText(this.s.review!)}</h2>`;
    box.hidden = false;
    box.classList.toggle('cp-result-passed', passed);
  }

  private async startAttempt(): Promise<void> {
    const a = this.data.assessment;
    if (!a || this.openAttempt || submittedAttempts(this.state).length >= a.attempts || this.readOnly) return;
    this.state.attempts.push({ answers: {} });
    const result = this.doc.getElementById('cp-result');
    if (result) result.hidden = true;
    this.shownAt = Date.now();
    this.renderAssessment();
    await this.save();
    this.doc.querySelector<HTMLInputElement>('#cp-assessment-form input')?.focus();
  }

  private async keepAttemptAnswers(): Promise<void> {
    const open = this.openAttempt;
    if (!open) return;
    for (const [fieldset, q] of this.assessmentFieldsets()) {
      const response = readResponse(fieldset);
      if (response) open.answers[q.id] = response;
      else delete open.answers[q.id];
    }
    await this.save();
  }

  private async submitAttempt(): Promise<void> {
    const open = this.openAttempt;
    if (!open) return;
    const fieldsets = this.assessmentFieldsets();
    const missing = fieldsets.filter(([fieldset]) => !readResponse(fieldset));
    const error = this.doc.getElementById('cp-form-error');
    if (missing.length) {
      if (error) error.textContent = format(this.s.unanswered!, { count: missing.length });
      missing[0]![0].querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    if (error) error.textContent = '';
    for (const [fieldset, q] of fieldsets) open.answers[q.id] = readResponse(fieldset);
    const attempt = this.state.attempts.length;
    const latency = Date.now() - this.shownAt;
    for (const [, q] of fieldsets) {
      const response = open.answers[q.id]!;
      const { result, score } = scoreResponse(q, response);
      await this.tracker.record({ type: 'answered', question: q, response, result, score, latencyMs: latency, timestamp: new Date(), context: 'assessment', attempt });
    }
    open.score = scoreAttempt(this.data, open.answers);
    await this.save();
    this.renderAssessment();
    this.updateChrome();
    const box = this.doc.getElementById('cp-result');
    box?.focus();
    this.announce(box?.textContent ?? '');
  }
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function formatNumber(value: number, lang: string): string {
  try {
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value);
  } catch {
    return String(value);
  }
}
