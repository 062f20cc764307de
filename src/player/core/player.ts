/**
 * The player: navigation, knowledge checks and saving, over the markup rendered by templates/;
 * each assessment is an `AssessmentView`. It talks to the LMS only through a `Tracker`.
 */
import { mountBlocks, type BlockContext } from '../blocks/contract.js';
import { AssessmentView, type PlayerContext } from './assessment-view.js';
import { format } from './format.js';
import { CourseMenu } from './menu.js';
import { ModuleLoader } from './module-loader.js';
import { assessmentResult, computeOutcome } from './outcome.js';
import { scoreResponse } from './questions.js';
import { decodeState, emptyState, encodeState, keyOf, type LearnerState } from './state.js';
import { stateLayout, type StateLayout } from './state-layout.js';
import type { ModuleChunk, PlayerData, PlayerQuestion } from './types.js';
import type { Snapshot, StartInfo, Tracker } from '../tracking/tracker.js';
import { clearFeedback, hasInvalidNumber, moveSequenceItem, readResponse, showFeedback, shuffleSequence, writeResponse } from '../ui/questions-ui.js';

/** Courses of up to this many pages start with every module of the menu open. */
const MENU_OPEN_UP_TO = 60;

export class Player implements PlayerContext {
  readonly doc: Document;
  order: string[];
  state: LearnerState = emptyState();
  current = '';
  readOnly = false;
  shownAt = Date.now();
  private finished = false;
  private readonly assessmentViews: AssessmentView[];
  private readonly layout: StateLayout;
  private readonly modules: ModuleLoader;
  private readonly menu: CourseMenu;

  constructor(
    readonly win: Window,
    readonly data: PlayerData,
    public tracker: Tracker,
  ) {
    this.doc = win.document;
    this.order = [...data.pages.map((p) => p.id), ...data.assessments.map((a) => a.id)];
    this.assessmentViews = data.assessments.map((a) => new AssessmentView(this, a));
    this.layout = stateLayout(data);
    this.modules = new ModuleLoader(win, data, (chunk) => this.insertModule(chunk));
    this.menu = new CourseMenu(this.doc, data, (id) => this.order.includes(id), () => this.updateChrome());
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
    this.tracker.onProblem = (problem) => (problem === 'saved' ? this.clearNotice(this.s.saveFailedNotice!) : this.notice(this.s.saveFailedNotice!));
    this.readOnly = info.mode !== 'normal' || !info.credit;
    if (info.passingScore !== undefined) for (const a of this.data.assessments) a.passingScore = info.passingScore;
    if (info.scope?.length) this.limitTo(info.scope);
    if (this.readOnly) this.notice(this.s.reviewModeNotice!);
    this.state = decodeState(info.savedState, this.layout) ?? emptyState();
    this.bind();
    // A short course shows its whole menu; a long one only the current module (issue 14).
    if (this.data.pages.length <= MENU_OPEN_UP_TO) this.data.modules.forEach((_, index) => this.menu.setOpen(index, true));
    this.prepareChecks(this.doc);
    mountBlocks(this.doc, this.blockContext());
    for (const view of this.assessmentViews) view.render();
    const bookmark = this.state.location ?? info.location ?? '';
    await this.show(this.order.includes(bookmark) ? bookmark : this.order[0]!, false);
    // For tests and `npm run bench`: the first page is on screen and the player listens.
    this.doc.documentElement.setAttribute('data-cp-ready', String(Math.round(this.win.performance?.now?.() ?? 0)));
  }

  /** Only these pages belong to this session (one part of the course launched by itself). */
  private limitTo(scope: string[]): void {
    this.order = this.order.filter((id) => scope.includes(id));
    this.menu.limit();
  }

  snapshot(): Snapshot {
    return { state: encodeState(this.state, this.layout), location: this.current, outcome: computeOutcome(this.data, this.state) };
  }

  async save(): Promise<void> {
    await this.tracker.save(this.snapshot());
  }

  /** Ends the session once (pagehide / beforeunload). */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const view of this.assessmentViews) view.cancelPendingSave();
    void this.tracker.finish(this.snapshot());
  }

  /** The Exit button: ends the session now; the tracker may take the learner back to the LMS. */
  async exit(): Promise<void> {
    if (this.finished || !this.tracker.exit) return;
    this.finished = true;
    const button = this.doc.getElementById('cp-exit') as HTMLButtonElement | null;
    if (button) button.disabled = true;
    await this.tracker.exit(this.snapshot());
    this.notice(this.s.closeWindowNotice!);
    this.doc.getElementById('cp-notice')?.focus();
  }

  async show(id: string, focus = true): Promise<void> {
    if (!this.order.includes(id)) return;
    const page = this.data.pages.find((p) => p.id === id);
    if (page) {
      try {
        await this.modules.load(page.module);
      } catch {
        this.notice(this.s.moduleLoadFailed!);
        return;
      }
      this.menu.setOpen(page.module, true);
    }
    this.current = id;
    this.state.location = id;
    for (const section of Array.from(this.doc.querySelectorAll<HTMLElement>('.cp-page'))) section.hidden = section.dataset.pageId !== id;
    if (page && !this.state.visited.includes(id)) this.state.visited.push(id);
    this.shownAt = Date.now();
    this.updateChrome();
    this.closeMenuOnSmallScreens();
    if (focus) this.focusHeading(id);
    this.prefetchAfter(id);
    if (page) await this.tracker.record({ type: 'page-viewed', pageId: id, title: page.title });
    await this.save();
  }

  /**
   * Focuses the page's heading and scrolls it to the top of the page, below the sticky header
   * (`scroll-margin-top` in player.css, from `--cp-header-height`): focus() alone would scroll just
   * enough to reach it, leaving it under the header after Next from the bottom of a long page.
   */
  private focusHeading(id: string): void {
    const heading = this.doc.getElementById(`h-${id}`);
    if (!heading) return;
    const header = this.doc.querySelector<HTMLElement>('.cp-header');
    if (header) this.doc.documentElement.style.setProperty('--cp-header-height', `${header.getBoundingClientRect().height}px`);
    heading.focus({ preventScroll: true });
    heading.scrollIntoView?.({ block: 'start' });
  }

  /** When the next page starts another module, its script loads while the learner reads. */
  private prefetchAfter(id: string): void {
    const next = this.data.pages.find((p) => p.id === this.order[this.order.indexOf(id) + 1]);
    if (next) this.modules.load(next.module).catch(() => undefined);
  }

  /** A module of a split course arrives: its questions join the course's, its pages the document. */
  private insertModule(chunk: ModuleChunk): void {
    Object.assign(this.data.questions, chunk.questions);
    const holder = this.doc.createElement('div');
    holder.innerHTML = chunk.html;
    const sections = Array.from(holder.children);
    this.doc.getElementById('cp-pages')?.append(...sections);
    for (const section of sections) this.prepareChecks(section);
    for (const section of sections) mountBlocks(section, this.blockContext());
  }

  /** What the scripts of blocks with behaviour get from the player (src/player/blocks/contract.ts). */
  private blockContext(): BlockContext {
    return {
      doc: this.doc,
      win: this.win,
      strings: this.s,
      readOnly: this.readOnly,
      announce: (message) => this.announce(message),
      scenario: (id) => this.data.scenarios?.find((x) => x.id === id),
      scenarioState: (id) => this.state.scenarios?.[id] ?? null,
      saveScenario: (id, progress) => {
        (this.state.scenarios ??= {})[id] = progress;
        void this.save();
      },
      record: (event) => {
        if (!this.readOnly) void this.tracker.record(event);
      },
    };
  }

  private bind(): void {
    const doc = this.doc;
    this.menu.bind();
    doc.getElementById('cp-prev')?.addEventListener('click', () => void this.step(-1));
    const exit = doc.getElementById('cp-exit');
    if (exit) {
      exit.hidden = !this.tracker.exit;
      exit.addEventListener('click', () => void this.exit());
    }
    doc.getElementById('cp-next')?.addEventListener('click', () => void this.step(1));
    doc.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('a[data-page-link]');
      if (!link) return;
      event.preventDefault();
      void this.show(link.getAttribute('data-page-link') ?? '');
    });
    const toggle = doc.querySelector<HTMLButtonElement>('.cp-menu-toggle');
    doc.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || toggle?.getAttribute('aria-expanded') !== 'true') return;
      this.closeMenuOnSmallScreens();
      toggle.focus();
    });
    toggle?.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      doc.body.classList.toggle('cp-menu-open', open);
    });
    // Delegated: the check forms of a split course arrive with their module.
    doc.addEventListener('submit', (event) => {
      const form = (event.target as Element | null)?.closest?.<HTMLFormElement>('.cp-check-form');
      if (!form) return;
      event.preventDefault();
      void this.checkAnswer(form);
    });
    doc.addEventListener('click', (event) => {
      const move = (event.target as Element | null)?.closest?.<HTMLElement>('.cp-move');
      if (!move) return;
      this.announce(moveSequenceItem(move, this.s));
      move.closest('form')?.dispatchEvent(new (this.win as unknown as typeof globalThis).Event('change', { bubbles: true }));
    });
    for (const view of this.assessmentViews) view.bind();
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

  updateChrome(): void {
    const doc = this.doc;
    const index = this.order.indexOf(this.current);
    const prev = doc.getElementById('cp-prev') as HTMLButtonElement | null;
    const next = doc.getElementById('cp-next') as HTMLButtonElement | null;
    if (prev) prev.disabled = index <= 0;
    if (next) next.disabled = index >= this.order.length - 1;
    const position = doc.getElementById('cp-position');
    if (position) position.textContent = format(this.s.pagePosition!, { n: index + 1, total: this.order.length });
    for (const link of this.menu.links()) {
      const id = link.dataset.pageLink ?? '';
      const isCurrent = id === this.current;
      const assessment = this.data.assessments.find((a) => a.id === id);
      const viewed = this.state.visited.includes(id) || (assessment !== undefined && assessmentResult(assessment, this.state).passed);
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

  /** Hides the notice if it still says `message`. */
  clearNotice(message: string): void {
    const box = this.doc.getElementById('cp-notice');
    if (box && box.textContent === message) box.hidden = true;
  }

  notice(message: string): void {
    const box = this.doc.getElementById('cp-notice');
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
  }

  announce(message: string): void {
    const live = this.doc.getElementById('cp-live');
    if (!live) return;
    live.textContent = '';
    this.win.setTimeout(() => (live.textContent = message), 50);
  }

  private question(id: string): PlayerQuestion | undefined {
    return this.data.questions[id];
  }

  // Knowledge checks -------------------------------------------------------------------------

  /** Shuffles sequencing items (never starting from the answer) and restores saved answers. */
  private prepareChecks(root: ParentNode): void {
    for (const form of Array.from(root.querySelectorAll<HTMLFormElement>('.cp-check-form'))) {
      const q = this.question(form.dataset.questionId ?? '');
      const fieldset = form.querySelector('.cp-question');
      if (!q || !fieldset) continue;
      if (q.type === 'sequencing') shuffleSequence(fieldset, q, Number.parseInt(keyOf(q.id), 36));
      const saved = this.state.checks[q.id];
      if (saved !== undefined) {
        writeResponse(fieldset, q, saved);
        showFeedback(fieldset, q, saved, { strings: this.s, showCorrect: false });
      }
    }
  }

  private async checkAnswer(form: HTMLFormElement): Promise<void> {
    const id = form.dataset.questionId ?? '';
    const q = this.question(id);
    const fieldset = form.querySelector('.cp-question');
    if (!q || !fieldset) return;
    const response = readResponse(fieldset, q);
    if (!response) {
      clearFeedback(fieldset);
      const message = hasInvalidNumber(fieldset, q) ? this.s.notANumber! : this.s.chooseAnswer!;
      const box = fieldset.querySelector<HTMLElement>('.cp-feedback');
      if (box) {
        box.textContent = message;
        box.hidden = false;
      }
      this.announce(message);
      return;
    }
    const verdict = showFeedback(fieldset, q, response, { strings: this.s, showCorrect: false });
    this.announce(verdict);
    const repeat = id in this.state.checks;
    this.state.checks[id] = response;
    const { result, score } = scoreResponse(q, response);
    if (!this.readOnly) {
      await this.tracker.record({ type: 'answered', question: q, response, result, score, latencyMs: Date.now() - this.shownAt, timestamp: new Date(), context: 'check', repeat });
    }
    await this.save();
  }
}
