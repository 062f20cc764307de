/** Short stable hashes of ids: the learner state's keys and the seeds of question shuffles. */

export const KEY_LENGTH = 4;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A stable 4-character key for an id (FNV-1a, base 36): version 1 states and question seeds. */
export function keyOf(id: string): string {
  return (fnv1a(id) % 36 ** KEY_LENGTH).toString(36).padStart(KEY_LENGTH, '0');
}

/** 24 bits of an id or a layout: how state version 2 recognises what it saved against. */
export function hash24(text: string): number {
  const h = fnv1a(text);
  return (h ^ (h >>> 24)) & 0xffffff;
}
