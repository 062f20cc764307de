/**
 * cmi5 asks the AU to send the learner back to the LMS's returnURL when the session ends (§10).
 * The player core has no exit control yet: when the LMS gives a returnURL, the cmi5 entry adds an
 * Exit button to the header that ends the session (`terminated` delivered) and returns to the LMS.
 */
import type { Player } from '../core/player.js';
import { Cmi5Tracker } from './cmi5.js';

/** Label of the Exit button, until the UI string tables have one (see docs/xapi-cmi5.md). */
const EXIT: Record<string, string> = { en: 'Exit', fr: 'Quitter', fi: 'Poistu', pl: 'Wyjdź', mt: 'Oħroġ' };

export function addExitControl(player: Player): HTMLButtonElement | null {
  const tracker = player.tracker;
  if (!(tracker instanceof Cmi5Tracker) || !tracker.returnUrl) return null;
  const doc = player.doc;
  const button = doc.createElement('button');
  button.type = 'button';
  button.id = 'cp-exit';
  button.className = 'cp-button cp-button-secondary';
  button.textContent = EXIT[player.data.lang.slice(0, 2)] ?? EXIT.en!;
  button.addEventListener('click', () => {
    button.disabled = true;
    // The tracker ends the session once: the pagehide that follows the redirect changes nothing.
    void tracker.exit(player.snapshot());
  });
  doc.querySelector('.cp-header')?.appendChild(button);
  return button;
}
