/** What a built page may run (the player's own scripts, nothing an author wrote), and the shape of its blocks. */
import { Window } from 'happy-dom';
import { SCRIPTED_BLOCKS } from '../../src/player/blocks/kinds.js';

let window: Window | undefined;

/** Parses a page as a browser would (happy-dom); one window serves every call. */
export function parseHtml(html: string) {
  window ??= new Window();
  return new window.DOMParser().parseFromString(html, 'text/html');
}

export type Doc = ReturnType<typeof parseHtml>;

/** Elements and attributes that would run code, other than the player's own scripts (player.js, the course data, issue 15's block scripts). */
export function executableMarkup(doc: Doc, options: { playerScripts: boolean }): string[] {
  const found: string[] = [];
  for (const el of doc.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    const src = el.getAttribute('src') ?? '';
    const isBlockScript = SCRIPTED_BLOCKS.some((kind) => src === `blocks/${kind}.js`);
    const isPlayerScript = options.playerScripts && tag === 'script' && (src === 'player.js' || isBlockScript || (el.id === 'cp-data' && el.getAttribute('type') === 'application/json'));
    if (['script', 'iframe', 'frame', 'object', 'embed', 'base', 'applet'].includes(tag) && !isPlayerScript) found.push(`<${tag}>`);
    if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') ?? '')) found.push('meta[http-equiv=refresh]');
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) || attr.name.toLowerCase() === 'srcdoc') found.push(`${tag}[${attr.name}]`);
      const url = (attr.value ?? '').replace(/[\s\u0000-\u001f]/g, '');
      if (/^(?:href|src|action|formaction|xlink:href)$/i.test(attr.name) && /^(?:javascript|vbscript|data):/i.test(url)) found.push(`${tag}[${attr.name}=${attr.value}]`);
    }
  }
  return found;
}

/**
 * The course data's HTML fragments, which the player inserts as markup: question and choice
 * feedback. Every other string in it is plain text the player escapes (questions-ui.ts).
 */
export function htmlStrings(data: unknown): string[] {
  const questions = Object.values((data as { questions?: Record<string, unknown> }).questions ?? {}) as Array<{ feedback?: Record<string, string>; choices?: Array<{ feedback?: string }> }>;
  return questions.flatMap((q) => [...Object.values(q.feedback ?? {}), ...(q.choices ?? []).flatMap((c) => (c.feedback === undefined ? [] : [c.feedback]))]);
}

/** A block with behaviour as a page holds it: its kind and how many parts it has. */
export interface BlockShape {
  kind: string;
  /** Panels, cards, steps, spots; a scenario's nodes plus choices; a media's caption tracks. */
  parts: number;
}

const PARTS: Record<string, string> = {
  accordion: '.cp-accordion-item',
  tabs: '.cp-tab-panel',
  'flip-cards': '.cp-card',
  stepper: '.cp-step',
  hotspots: '.cp-hotspot-item',
  scenario: '.cp-scenario-node, .cp-scenario-choice',
  video: 'track',
  audio: 'track',
};

/** The blocks with behaviour of a page (`[data-cp-block]`), in document order. */
export function blockShapes(doc: Doc): BlockShape[] {
  return [...doc.querySelectorAll('[data-cp-block]')].map((el) => {
    const kind = el.getAttribute('data-cp-block') ?? '';
    return { kind, parts: PARTS[kind] ? el.querySelectorAll(PARTS[kind]).length : -1 };
  });
}
