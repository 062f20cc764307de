/**
 * Texts that name a control of issue 15's blocks: an accordion section's title (its button), a
 * tab's title (the tab), a scenario choice's text (its button), a video's or audio's title
 * (names the player), a hotspot's label (its marker, "2. " alone, and the heading of its text), a
 * step's title (its heading) and a flip card's front (all the card shows before it is turned). Empty, or only spaces, in any language, the control has no accessible name
 * (WCAG 4.1.2): a screen reader says "button" and nothing else. Like an empty alt text (`empty-alt`),
 * it is an error at the text (`empty-label`), language by language.
 */
import { diag, type Diagnostic } from '../diagnostics/index.js';
import type { CourseSources } from './rules.js';
import { pathString, positionOf, type DataPath, type SourceFile } from './source-file.js';

/** Blank for a reader: nothing but white space and invisible format characters (zero-width, bidi marks). */
export const blankLabel = (text: string): boolean => text.replace(/[\s\u200b-\u200f\u2060-\u2064\u202a-\u202e\u2066-\u2069\ufeff\u061c]/g, '') === '';

export function checkControlLabels(sources: CourseSources, out: Diagnostic[]): void {
  for (const m of sources.modules) {
    m.data.pages.forEach((page, p) =>
      page.blocks.forEach((block, b) => {
        const path: DataPath = ['pages', p, 'blocks', b];
        const check = (text: string | Record<string, string>, where: DataPath, what: string) => checkLabel(m.file, text, where, what, out);
        if (block.type === 'accordion') block.items.forEach((item, i) => check(item.title, [...path, 'items', i, 'title'], 'an accordion section\'s title names its button'));
        else if (block.type === 'tabs') block.items.forEach((item, i) => check(item.title, [...path, 'items', i, 'title'], 'a tab\'s title is the tab'));
        else if (block.type === 'scenario') block.nodes.forEach((node, n) => node.choices?.forEach((choice, c) => check(choice.text, [...path, 'nodes', n, 'choices', c, 'text'], 'a choice\'s text names its button')));
        else if (block.type === 'video' || block.type === 'audio') check(block.title, [...path, 'title'], `the title names the ${block.type} player`);
        else if (block.type === 'hotspots') block.spots.forEach((spot, i) => check(spot.label, [...path, 'spots', i, 'label'], 'a spot\'s label names its marker and heads its text'));
        else if (block.type === 'stepper') block.steps.forEach((step, i) => check(step.title, [...path, 'steps', i, 'title'], 'a step\'s title is its heading'));
        else if (block.type === 'flip-cards') block.cards.forEach((card, i) => check(card.front, [...path, 'cards', i, 'front'], 'a card\'s front is all it shows before it is turned'));
      }),
    );
  }
}

function checkLabel(file: SourceFile, text: string | Record<string, string>, path: DataPath, what: string, out: Diagnostic[]): void {
  const at = (p: DataPath) => ({ ...positionOf(file, p), path: pathString(p) });
  if (typeof text === 'string') {
    if (blankLabel(text)) out.push(diag('empty-label', `this text is empty: ${what}`, at(path)));
    return;
  }
  for (const [lang, value] of Object.entries(text)) if (blankLabel(value)) out.push(diag('empty-label', `the "${lang}" text is empty: ${what}`, at([...path, lang])));
}
