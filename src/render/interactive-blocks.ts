/**
 * The views of issue 15's interactive blocks (accordion, tabs, flip-cards, stepper, hotspots) for
 * templates/interactive.eta. The markup reads and prints without any script: every panel, back,
 * step and spot is in it, visible. `src/player/blocks/<type>.ts` then adds the WAI-ARIA pattern.
 */
import type { InteractiveBlock, LangMap } from '../course/model.js';
import type { MarkdownRenderer } from './markdown.js';
import { tr } from './player-question.js';

export interface InteractiveView {
  type: InteractiveBlock['type'];
  /** Tells blocks.eta to include interactive.eta. */
  interactive: true;
  title: string;
  /** The heading level of the items: under the block's title when it has one, else under the page's h1. */
  level: 2 | 3;
  items: Array<{ title: string; html: string }>;
  image?: { src: string; alt: string };
  /** Hotspots: where each marker sits, in percent, with its number from 1. */
  spots?: Array<{ n: number; x: number; y: number }>;
}

/** `t` translates a text for the package's language (with its typography). */
export function interactiveView(b: InteractiveBlock, lang: string, t: (map: LangMap | undefined) => string, md: MarkdownRenderer): InteractiveView {
  const title = t(b.title);
  const base = { type: b.type, interactive: true as const, title, level: title ? (3 as const) : (2 as const) };
  const panel = (p: { title: LangMap; body: LangMap }) => ({ title: t(p.title), html: md.block(t(p.body)) });
  switch (b.type) {
    case 'accordion':
    case 'tabs':
      return { ...base, items: b.items.map(panel) };
    case 'stepper':
      return { ...base, items: b.steps.map(panel) };
    case 'flip-cards':
      return { ...base, items: b.cards.map((c) => ({ title: md.inline(t(c.front)), html: md.block(t(c.back)) })) };
    case 'hotspots':
      return {
        ...base,
        items: b.spots.map((s) => ({ title: t(s.label), html: md.block(t(s.body)) })),
        image: { src: tr(b.image.src, lang), alt: t(b.image.alt) },
        spots: b.spots.map((s, i) => ({ n: i + 1, x: s.x, y: s.y })),
      };
  }
}
