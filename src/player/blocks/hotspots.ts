/**
 * The hotspots block: numbered buttons over a picture; each shows its spot's text below the picture.
 * Each marker follows the WAI-ARIA Authoring Practices disclosure pattern
 * (https://www.w3.org/WAI/ARIA/apg/patterns/disclosure/): a `<button>` named by its number and
 * label, `aria-expanded`, `aria-controls` the one panel below the picture. Opening moves the focus
 * to that panel (a labelled `region`) so screen readers read it; Escape, the Close button or the
 * same marker again closes it and returns the focus to the marker (as the APG's dialog pattern does
 * on close: https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/). The picture keeps its alt
 * text; the numbered list of spots under it stays, so nothing depends on seeing or reaching a marker.
 * Markers are placed with the CSSOM (element.style), which the packages' CSP allows.
 * Without this script the picture shows numbered marks and the list (templates/interactive.eta).
 */
import { defineBlock } from './contract.js';
import { button, uniqueId } from './dom.js';

defineBlock({
  kind: 'hotspots',
  mount(root, { doc, strings }) {
    const picture = root.querySelector<HTMLElement>('.cp-hotspots-picture')!;
    const items = Array.from(root.querySelectorAll<HTMLElement>('.cp-hotspot-item'));
    picture.querySelector('.cp-hotspots-markers')?.remove();

    const hint = doc.createElement('p');
    hint.className = 'cp-hotspots-hint';
    hint.textContent = strings.hotspotsHint ?? '';
    picture.before(hint);

    const panel = doc.createElement('div');
    panel.className = 'cp-hotspot-panel';
    panel.id = uniqueId('cp-hotspots');
    panel.tabIndex = -1;
    panel.hidden = true;
    panel.setAttribute('role', 'region');
    const title = doc.createElement('p');
    title.className = 'cp-hotspot-panel-title';
    title.id = `${panel.id}-title`;
    panel.setAttribute('aria-labelledby', title.id);
    const body = doc.createElement('div');
    const close = button(doc, 'cp-button cp-button-secondary cp-hotspot-close');
    close.textContent = strings.hotspotClose ?? '';
    panel.append(title, body, close);
    picture.after(panel);

    let open = -1;
    const markers = items.map((item, i) => {
      const marker = button(doc, 'cp-hotspot');
      // On the spot, but never past the picture's edges (a spot at x: 100 would widen the page on a phone).
      marker.style.left = `clamp(var(--cp-hotspot-half), ${item.dataset.x}%, calc(100% - var(--cp-hotspot-half)))`;
      marker.style.top = `clamp(var(--cp-hotspot-half), ${item.dataset.y}%, calc(100% - var(--cp-hotspot-half)))`;
      marker.setAttribute('aria-expanded', 'false');
      marker.setAttribute('aria-controls', panel.id);
      const number = doc.createElement('span');
      number.setAttribute('aria-hidden', 'true');
      number.textContent = String(i + 1);
      const name = doc.createElement('span');
      name.className = 'cp-visually-hidden';
      // The name starts with the number shown (WCAG 2.5.3, label in name).
      name.textContent = `${i + 1}. ${item.querySelector('.cp-hotspot-label')!.textContent}`;
      marker.append(number, name);
      marker.addEventListener('click', () => (open === i ? hide() : show(i)));
      picture.append(marker);
      return marker;
    });

    function show(index: number): void {
      open = index;
      markers.forEach((m, i) => m.setAttribute('aria-expanded', String(i === index)));
      const item = items[index]!;
      title.textContent = `${index + 1}. ${item.querySelector('.cp-hotspot-label')!.textContent}`;
      // The spot's text as the list below shows it (the build's markup, already in this page).
      body.replaceChildren(...Array.from(item.querySelector('.cp-hotspot-body')!.childNodes, (node) => node.cloneNode(true)));
      panel.hidden = false;
      panel.focus();
    }
    function hide(): void {
      if (open < 0) return;
      const marker = markers[open]!;
      open = -1;
      markers.forEach((m) => m.setAttribute('aria-expanded', 'false'));
      panel.hidden = true;
      marker.focus();
    }
    close.addEventListener('click', hide);
    root.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || open < 0) return;
      event.preventDefault();
      hide();
    });
  },
});
