/** Small helpers the block scripts share (each script bundles its own copy: they are a few bytes). */

let count = 0;

/** An id no other element of the document has: `prefix-n` (course markup carries no ids of this form). */
export function uniqueId(prefix: string): string {
  return `${prefix}-${++count}`;
}

/**
 * The index an arrow, Home or End key moves to in a row of `length` controls, wrapping around;
 * undefined for any other key. `previous`/`next`: ArrowUp/ArrowDown or ArrowLeft/ArrowRight.
 */
export function movedIndex(key: string, index: number, length: number, previous: string, next: string): number | undefined {
  if (key === previous) return (index - 1 + length) % length;
  if (key === next) return (index + 1) % length;
  if (key === 'Home') return 0;
  if (key === 'End') return length - 1;
  return undefined;
}

/** A `<button type="button">` with a class. */
export function button(doc: Document, className: string): HTMLButtonElement {
  const element = doc.createElement('button');
  element.type = 'button';
  element.className = className;
  return element;
}
