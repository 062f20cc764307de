/** A text field of the course format, seen from translation: which string is in which language. */
import { pathString, type DataPath } from '../course/source-file.js';

/** A text field: a string (one version for every language) or a map from language to string. */
export type TextField = string | Record<string, string>;

/** The XLIFF unit id and translation-record key of a text: `modules/01-the-sector.yaml#pages.2.blocks.0.body`. */
export const unitId = (file: string, path: DataPath): string => `${file}#${pathString(path)}`;

/** The text of `field` in `lang`. A plain string is the text of the course's first language. */
export function textIn(field: TextField, lang: string, languages: string[]): string | undefined {
  if (typeof field === 'string') return lang === languages[0] ? field : undefined;
  return field[lang];
}
