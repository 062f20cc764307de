/** Course ids for imported questions, choices and items: stable for the same file, unique in the course. */
import { ID_PATTERN } from '../course/schema.js';

/** `Capital of France?` → `capital-of-france`; '' when nothing usable is left. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/** Hands out ids not yet taken in the course, the wanted one if free, else with -2, -3 … */
export class IdPool {
  private readonly taken: Set<string>;

  constructor(taken: Iterable<string>) {
    this.taken = new Set(taken);
  }

  claim(wanted: string, fallback: string): string {
    const base = ID_PATTERN.test(wanted) ? wanted : slug(wanted) || fallback;
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}-${n}`;
    this.taken.add(id);
    return id;
  }
}

/** Choice ids by position: a … z, then c27, c28 … (only unique within their question). */
export const choiceId = (index: number): string => (index < 26 ? String.fromCharCode(97 + index) : `c${index + 1}`);
