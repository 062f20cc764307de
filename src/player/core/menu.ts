/**
 * The course menu: one disclosure per module (WAI-ARIA APG disclosure pattern: a button with
 * aria-expanded and aria-controls over the module's list of pages), the current module open. A
 * module's links are made when it is first opened, so a 40-module course starts with 40 buttons.
 */
import type { PlayerData } from './types.js';

export class CourseMenu {
  private readonly built = new Set<number>();

  constructor(
    private readonly doc: Document,
    private readonly data: PlayerData,
    /** Pages this session may show (a cmi5 AU launched for one module shows only its pages). */
    private readonly inScope: (id: string) => boolean,
    /** Marks current and viewed pages on the links (called when a module's links are made). */
    private readonly refresh: () => void,
  ) {}

  bind(): void {
    this.doc.querySelector('.cp-menu')?.addEventListener('click', (event) => {
      const toggle = (event.target as Element | null)?.closest?.<HTMLButtonElement>('.cp-module-toggle');
      if (!toggle) return;
      const index = Number(toggle.closest<HTMLElement>('.cp-module')?.dataset.module);
      this.setOpen(index, toggle.getAttribute('aria-expanded') !== 'true');
    });
  }

  /** Hides the modules (and assessments) with nothing in scope. */
  limit(): void {
    this.data.modules.forEach((_, index) => {
      const item = this.moduleItem(index);
      if (item) item.hidden = !this.data.pages.some((p) => p.module === index && this.inScope(p.id));
    });
    for (const a of this.data.assessments) {
      const li = this.doc.querySelector(`.cp-menu a[data-page-link="${a.id}"]`)?.closest('li');
      if (li) li.hidden = !this.inScope(a.id);
    }
  }

  setOpen(index: number, open: boolean): void {
    const item = this.moduleItem(index);
    const toggle = item?.querySelector('.cp-module-toggle');
    const list = item?.querySelector<HTMLElement>('.cp-module-pages');
    if (!toggle || !list) return;
    if (open) this.build(index, list);
    toggle.setAttribute('aria-expanded', String(open));
    list.hidden = !open;
  }

  /** Every page link made so far (open or once opened modules) and the assessment links. */
  links(): HTMLElement[] {
    return Array.from(this.doc.querySelectorAll<HTMLElement>('.cp-menu a[data-page-link]'));
  }

  private moduleItem(index: number): HTMLElement | null {
    return this.doc.querySelector<HTMLElement>(`.cp-menu .cp-module[data-module="${index}"]`);
  }

  private build(index: number, list: HTMLElement): void {
    if (this.built.has(index)) return;
    this.built.add(index);
    for (const page of this.data.pages) {
      if (page.module !== index || !this.inScope(page.id)) continue;
      const li = this.doc.createElement('li');
      const a = this.doc.createElement('a');
      a.href = `#${page.id}`;
      a.dataset.pageLink = page.id;
      a.append(this.span('cp-mark', ''), this.span('cp-link-text', page.title), this.span('cp-visually-hidden cp-state', ''));
      a.firstElementChild?.setAttribute('aria-hidden', 'true');
      li.append(a);
      list.append(li);
    }
    this.refresh();
  }

  private span(className: string, text: string): HTMLSpanElement {
    const span = this.doc.createElement('span');
    span.className = className;
    span.textContent = text;
    return span;
  }
}
