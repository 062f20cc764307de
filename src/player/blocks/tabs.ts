/**
 * The tabs block: a tab list over panels, one panel shown at a time.
 * WAI-ARIA Authoring Practices, tabs pattern: https://www.w3.org/WAI/ARIA/apg/patterns/tabs/
 * - `tablist` (named by the block's title when it has one) of `tab` buttons with `aria-selected`
 *   and `aria-controls`; each panel a `tabpanel` labelled by its tab, focusable (tabindex 0) so
 *   Tab reaches a panel without links;
 * - roving tabindex: only the selected tab is in the Tab order;
 * - Left and Right arrows move to the previous and next tab (wrapping), Home and End to the first
 *   and last. Activation is AUTOMATIC: a tab is selected as soon as it gets focus, since every
 *   panel is already in the page (no loading delay), as the pattern recommends.
 * Without this script every panel is shown under its own heading (templates/interactive.eta).
 */
import { defineBlock } from './contract.js';
import { button, movedIndex, uniqueId } from './dom.js';

defineBlock({
  kind: 'tabs',
  mount(root, { doc }) {
    const panels = Array.from(root.querySelectorAll<HTMLElement>(':scope > .cp-tab-panel'));
    const list = doc.createElement('div');
    list.className = 'cp-tablist';
    list.setAttribute('role', 'tablist');
    const title = root.querySelector(':scope > .cp-block-title');
    if (title) {
      title.id ||= uniqueId('cp-tabs-title');
      list.setAttribute('aria-labelledby', title.id);
    }
    const tabs = panels.map((panel) => {
      const heading = panel.querySelector<HTMLElement>('.cp-tab-heading')!;
      const tab = button(doc, 'cp-tab');
      tab.setAttribute('role', 'tab');
      tab.id = uniqueId('cp-tab');
      panel.id = `${tab.id}-panel`;
      tab.textContent = heading.textContent;
      tab.setAttribute('aria-controls', panel.id);
      // The tab names the panel now; the heading stays for print (player.css shows it there).
      heading.hidden = true;
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', tab.id);
      panel.tabIndex = 0;
      list.append(tab);
      return tab;
    });
    panels[0]!.before(list);

    const select = (index: number, focus: boolean) => {
      tabs.forEach((tab, i) => {
        tab.setAttribute('aria-selected', String(i === index));
        tab.tabIndex = i === index ? 0 : -1;
        panels[i]!.hidden = i !== index;
      });
      if (focus) tabs[index]!.focus();
    };
    select(0, false);
    tabs.forEach((tab, i) => tab.addEventListener('click', () => select(i, false)));
    list.addEventListener('keydown', (event) => {
      const to = movedIndex(event.key, tabs.indexOf(event.target as HTMLButtonElement), tabs.length, 'ArrowLeft', 'ArrowRight');
      if (to === undefined) return;
      event.preventDefault();
      select(to, true);
    });
  },
});
