/**
 * The spacing a language's typography requires, applied to texts as they are rendered (sources are
 * never rewritten). French puts a space before `: ; ! ?` and `»` and after `«`; if it is an ordinary
 * space the browser may break the line there and leave the mark alone at the start of a line. The
 * build turns the spaces authors type into non-breaking ones: U+202F (narrow) before `; ! ?` and
 * inside « », U+00A0 before `:` and `%`. It only replaces spaces that are there, so it never
 * adds space to a URL, a time (10:30) or an English quotation. A straight apostrophe between two
 * letters becomes the typographic one (l'image → l’image).
 */

export type Typography = (text: string) => string;

const NBSP = '\u00a0';
const NNBSP = '\u202f';
/** Whitespace an author may type between a word and the mark (a soft line break included). */
const SPACE = '[ \\t\\n\\u00a0\\u202f]+';
/** What may follow a high mark: the end, a space, or closing punctuation. */
const AFTER = '(?=$|[\\s»)\\].,;:!?…"\'’])';

const FRENCH: Array<[RegExp, string]> = [
  // The typographic apostrophe (l’image), as the interface strings write it.
  [/(\p{L})'(?=\p{L})/gu, '$1’'],
  [new RegExp(`${SPACE}([;!?])${AFTER}`, 'g'), `${NNBSP}$1`],
  [new RegExp(`${SPACE}:${AFTER}`, 'g'), `${NBSP}:`],
  [new RegExp(`${SPACE}»`, 'g'), `${NNBSP}»`],
  [new RegExp(`«${SPACE}`, 'g'), `«${NNBSP}`],
  // After a number, or a placeholder that will hold one: "{percent} %" in an interface string.
  [new RegExp(`([\\d}])${SPACE}%`, 'g'), `$1${NBSP}%`],
];

const identity: Typography = (text) => text;

/** The typography of a language (BCP 47 tag); languages without special spacing leave text unchanged. */
export function typographyFor(lang: string): Typography {
  if (lang.split('-')[0]!.toLowerCase() !== 'fr') return identity;
  return (text) => FRENCH.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}
