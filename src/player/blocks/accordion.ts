/**
 * The accordion block: each item's heading gets a button that shows or hides its panel.
 * WAI-ARIA Authoring Practices, accordion pattern: https://www.w3.org/WAI/ARIA/apg/patterns/accordion/
 * - the button sits inside the heading, with `aria-expanded` and `aria-controls` its panel;
 * - each panel is a `region` labelled by its button (the items are few: 2..20, most closed);
 * - Enter and Space toggle (native button); Up and Down arrows move between the headers, Home and
 *   End to the first and last (the pattern's optional keys). Several panels may be open at once.
 * Without this script every panel is shown under its heading (templates/interactive.eta).
 */
import { defineBlock } from './contract.js';
import { button, movedIndex, uniqueId } from './dom.js';

defineBlock({
  kind: 'accordion',
  mount(root, { doc }) {
    const buttons: HTMLButtonElement[] = [];
    for (const item of Array.from(root.querySelectorAll('.cp-accordion-item'))) {
      const heading = item.querySelector('.cp-accordion-heading')!;
      const panel = item.querySelector<HTMLElement>('.cp-accordion-panel')!;
      const toggle = button(doc, 'cp-accordion-button');
      toggle.id = uniqueId('cp-accordion');
      panel.id = `${toggle.id}-panel`;
      toggle.append(...Array.from(heading.childNodes));
      heading.append(toggle);
      toggle.setAttribute('aria-controls', panel.id);
      panel.setAttribute('role', 'region');
      panel.setAttribute('aria-labelledby', toggle.id);
      const set = (open: boolean) => {
        toggle.setAttribute('aria-expanded', String(open));
        panel.hidden = !open;
      };
      set(false);
      toggle.addEventListener('click', () => set(toggle.getAttribute('aria-expanded') !== 'true'));
      buttons.push(toggle);
    }
    root.addEventListener('keydown', (event) => {
      const index = buttons.indexOf(event.target as HTMLButtonElement);
      const to = index < 0 ? undefined : movedIndex(event.key, index, buttons.length, 'ArrowUp', 'ArrowDown');
      if (to === undefined) return;
      event.preventDefault();
      buttons[to]!.focus();
    });
  },
});
