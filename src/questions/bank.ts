/**
 * The neutral shape between the question-bank formats and the course: one question as course
 * data (the shape of `schema.ts`, every text a language map), with its category and its place
 * in the file it came from.
 */
import type { SourcePosition } from '../diagnostics/index.js';

export type LangMap = Record<string, string>;

export type BankFormat = 'moodlexml' | 'gift' | 'aiken';

/** A question in course form; texts are language maps, turned into plain strings for a single-language course on writing. */
export interface BankQuestion {
  /** The question's name in the bank (Moodle name, GIFT title), used for its id and in diagnostics. */
  name: string;
  /** Moodle's idnumber, when the file has one: preferred for the id. */
  idnumber?: string;
  /** The category path (`$course$/top/Module one`), or '' when the file sets none. */
  category: string;
  at: SourcePosition;
  /** Course data: `type`, `prompt`, … without `id`. */
  data: Record<string, unknown>;
}

/** A file embedded in the bank (Moodle XML `<file>`), to be written under `assets/`. */
export interface BankAsset {
  name: string;
  bytes: Uint8Array;
}

export interface ReadBank {
  questions: BankQuestion[];
  assets: BankAsset[];
}

/** What every reader needs to know about the course it reads for. */
export interface ReadContext {
  file: string;
  /** Languages of the course; texts without multilang markup go into `lang`. */
  languages: string[];
  lang: string;
}

/** The last segment of a category path: the name of the module or assessment. */
export function categoryName(category: string): string {
  const parts = category.split('/').map((s) => s.trim()).filter((s) => s && s !== '$course$' && s !== '$system$' && s !== '$module$' && s !== '$cat1$' && s !== 'top');
  return parts[parts.length - 1] ?? '';
}
