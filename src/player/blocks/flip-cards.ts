/**
 * The flip-cards block: each card shows its front; a button turns it to show the back.
 * The button follows the WAI-ARIA Authoring Practices disclosure pattern
 * (https://www.w3.org/WAI/ARIA/apg/patterns/disclosure/): `aria-expanded`, `aria-controls` the
 * back, described by the front (`aria-describedby`), so its name says what it does and the card
 * says which. The button sits between the two faces in the document, so a screen reader reads the
 * back right after the button once it is shown. Enter and Space turn (native button).
 * The turn is a CSS animation (player.css), none under `prefers-reduced-motion: reduce`.
 * Without this script each card shows its front and its back (templates/interactive.eta).
 */
import { defineBlock } from './contract.js';
import { button, uniqueId } from './dom.js';

defineBlock({
  kind: 'flip-cards',
  mount(root, { doc, strings }) {
    for (const card of Array.from(root.querySelectorAll<HTMLElement>('.cp-card'))) {
      const front = card.querySelector<HTMLElement>('.cp-card-front')!;
      const back = card.querySelector<HTMLElement>('.cp-card-back')!;
      const turn = button(doc, 'cp-button cp-button-secondary cp-card-turn');
      front.id = uniqueId('cp-card');
      back.id = `${front.id}-back`;
      turn.setAttribute('aria-controls', back.id);
      turn.setAttribute('aria-describedby', front.id);
      front.after(turn);
      const set = (turned: boolean) => {
        turn.setAttribute('aria-expanded', String(turned));
        turn.textContent = strings[turned ? 'cardShowFront' : 'cardShowBack'] ?? '';
        card.classList.toggle('cp-card-turned', turned);
        front.hidden = turned;
        back.hidden = !turned;
      };
      set(false);
      turn.addEventListener('click', () => {
        // Animate the turns the learner makes, not the cards' first display.
        card.dataset.cpTurning = 'true';
        set(turn.getAttribute('aria-expanded') !== 'true');
      });
    }
  },
});
