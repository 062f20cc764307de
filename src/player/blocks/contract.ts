/**
 * The one extension point for blocks with behaviour in the player (issue 15).
 *
 * Each such block kind is a script of its own, `src/player/blocks/<kind>.ts`, bundled alone as
 * `blocks/<kind>.js` and put in a package only when its course uses the kind (`SCRIPTED_BLOCKS`,
 * `src/render/site.ts`): a course without tabs ships no tab code, and `player.js` stays within its
 * size budget however many kinds exist. The script runs before `player.js` and calls
 * `defineBlock`; the player then mounts every element `[data-cp-block="<kind>"]` once its page's
 * markup is in the document (at start, and when a module script of a split course arrives). In a
 * split course, index.html loads only the first module's kinds; a kind first used in a later
 * module loads with it (core/module-loader.ts), before its pages are inserted and mounted.
 *
 * A block script imports only this file (and its own helpers): never `core/player.ts`, so the
 * player's code is not bundled twice. What it needs from the player comes through `BlockContext`.
 */

import type { ScenarioProgress } from '../core/scenario-path.js';
import type { LearningEvent, PlayerScenario } from '../core/types.js';

/** What the player gives a block. Grown additively when a block kind needs more. */
export interface BlockContext {
  readonly doc: Document;
  readonly win: Window;
  /** The interface texts of the package's language (`templates/i18n/<lang>.json`). */
  readonly strings: Record<string, string>;
  /** Review mode or no credit: show, but record nothing. */
  readonly readOnly: boolean;
  /** Says `message` through the page's polite live region. */
  announce(message: string): void;
  /** Hands a learning event to the tracker (nothing is recorded in review mode). Issue 15: media. */
  record(event: LearningEvent): void;
  /**
   * This block is done (a `completion: watched` media played to its end): its page counts as
   * viewed once every block of it marked `data-completion` has said so.
   */
  complete(root: HTMLElement): void;
  /** Scenario blocks (issue 15): the scenario's graph from the player data. */
  scenario?(id: string): PlayerScenario | undefined;
  /** The learner's saved progress in a scenario (null: not started). */
  scenarioState?(id: string): ScenarioProgress | null;
  /** Keeps the progress in the learner state and saves it (nothing is saved in review mode). */
  saveScenario?(id: string, progress: ScenarioProgress): void;
}

export interface BlockBehaviour {
  /** The block's `type` in the course YAML, e.g. `tabs`. */
  kind: string;
  /** Called once per block element, `root` being the element with `data-cp-block="<kind>"`. */
  mount(root: HTMLElement, context: BlockContext): void;
}

/** The global the block scripts fill before the player starts. */
export const BLOCKS_GLOBAL = 'coursepackBlocks';

export function defineBlock(behaviour: BlockBehaviour): void {
  const registry = window as unknown as Record<string, BlockBehaviour[] | undefined>;
  (registry[BLOCKS_GLOBAL] ??= []).push(behaviour);
}

/** The behaviours the block scripts of this package defined (none when the course uses none). */
export function definedBlocks(win: Window): BlockBehaviour[] {
  return (win as unknown as Record<string, BlockBehaviour[] | undefined>)[BLOCKS_GLOBAL] ?? [];
}

/** Mounts every block under `root` not mounted yet; a block that throws leaves the others working. */
export function mountBlocks(root: ParentNode, context: BlockContext): void {
  for (const behaviour of definedBlocks(context.win)) {
    for (const element of Array.from(root.querySelectorAll<HTMLElement>(`[data-cp-block="${behaviour.kind}"]`))) {
      if (element.dataset.cpMounted) continue;
      element.dataset.cpMounted = 'true';
      try {
        behaviour.mount(element, context);
      } catch (error) {
        // The block stays as rendered (every block's markup reads and prints without its script).
        console.error(`coursepack: the ${behaviour.kind} block could not start`, error);
      }
    }
  }
}
