/** The `stale-translation` rule: a translation made from an older version of its source text. */
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { FILE_SCHEMAS } from '../course/schema.js';
import { visitTexts } from '../course/schema-walk.js';
import { keyPositionOf, pathString } from '../course/source-file.js';
import type { CourseFile } from './course-texts.js';
import type { TextField } from './text-field.js';
import { readRecords, RecordIndex } from './records.js';

/** Warns at every translation whose record says it was made from another version of the source. */
export function checkStaleTranslations(dir: string, languages: string[], files: CourseFile[], out: Diagnostic[]): void {
  for (const lang of languages) {
    const records = readRecords(dir, lang, out);
    if (records.size === 0) continue;
    const index = new RecordIndex(records);
    for (const f of files) {
      visitTexts(FILE_SCHEMAS[f.kind], f.data, (value, path) => {
        const field = value as TextField;
        if (typeof field === 'string' || field[lang] === undefined) return;
        const { status, from } = index.status(field[lang], field, languages);
        if (status !== 'stale') return;
        out.push(
          diag('stale-translation', `the "${lang}" text was translated from an older version of the "${from}" text`, {
            ...keyPositionOf(f.file, path, lang),
            path: pathString([...path, lang]),
          }),
        );
      });
    }
  }
}
