/**
 * The stepper block: a process or timeline shown one step at a time, with Previous and Next.
 * It is a paginated region, not a wizard form (nothing is submitted). From the WAI-ARIA Authoring
 * Practices (https://www.w3.org/WAI/ARIA/apg/patterns/ — no dedicated pattern; native buttons as
 * in https://www.w3.org/WAI/ARIA/apg/patterns/button/, and focus management as the APG's
 * "Developing a Keyboard Interface" advises: https://www.w3.org/WAI/ARIA/apg/practices/keyboard-interface/):
 * - Previous and Next are buttons, disabled at the first and last step;
 * - after a move the focus goes to the new step's heading (tabindex -1), so screen readers read
 *   it, and "Step n of m", shown between the buttons, is announced through the page's live region.
 * Without this script every step is shown, as an ordered list (templates/interactive.eta).
 */
import { format } from '../core/format.js';
import { defineBlock } from './contract.js';
import { button, uniqueId } from './dom.js';

defineBlock({
  kind: 'stepper',
  mount(root, { doc, strings, announce }) {
    const steps = Array.from(root.querySelectorAll<HTMLElement>('.cp-step'));
    const nav = doc.createElement('div');
    nav.className = 'cp-stepper-nav';
    const previous = button(doc, 'cp-button cp-button-secondary cp-step-previous');
    const next = button(doc, 'cp-button cp-step-next');
    const position = doc.createElement('p');
    position.className = 'cp-step-position';
    previous.textContent = strings.stepPrevious ?? '';
    next.textContent = strings.stepNext ?? '';
    nav.append(previous, position, next);
    root.querySelector('.cp-steps')!.after(nav);
    for (const step of steps) step.querySelector<HTMLElement>('.cp-step-title')!.tabIndex = -1;
    // A titled stepper is a region named by its title: screen readers can find it and say where they are.
    const title = root.querySelector(':scope > .cp-block-title');
    if (title) {
      title.id ||= uniqueId('cp-stepper');
      root.setAttribute('role', 'region');
      root.setAttribute('aria-labelledby', title.id);
    }

    let current = 0;
    const show = (index: number, moved: boolean) => {
      current = index;
      steps.forEach((step, i) => (step.hidden = i !== index));
      position.textContent = format(strings.stepPosition ?? '', { n: index + 1, total: steps.length });
      previous.disabled = index === 0;
      next.disabled = index === steps.length - 1;
      if (!moved) return;
      steps[index]!.querySelector<HTMLElement>('.cp-step-title')!.focus();
      announce(position.textContent);
    };
    show(0, false);
    previous.addEventListener('click', () => show(Math.max(0, current - 1), true));
    next.addEventListener('click', () => show(Math.min(steps.length - 1, current + 1), true));
  },
});
