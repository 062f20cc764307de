/** The build check that every course language has a table of player interface strings. */
import type { Course } from '../course/model.js';
import { COURSE_FILE } from '../course/load-course.js';
import { parseSource, positionOf } from '../course/source-file.js';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { SOURCE_UI_LANGUAGE, uiStrings } from '../render/i18n.js';

/**
 * One diagnostic per language in `langs` with no table (templates/i18n/<lang>.json, or the base
 * language's, fr for fr-CA), at its place in course.yaml. With `allowMissing` it is a warning: the
 * player then shows the source interface language.
 */
export function checkUiLanguages(course: Course, langs: string[], courseYaml: string | undefined, out: Diagnostic[], options: { allowMissing?: boolean } = {}): void {
  const missing = langs.filter((lang) => uiStrings(lang) === undefined);
  if (!missing.length) return;
  const file = courseYaml === undefined ? null : parseSource(COURSE_FILE, Buffer.from(courseYaml), []);
  for (const lang of missing) {
    const i = course.languages.indexOf(lang);
    const at = file && i >= 0 ? { ...positionOf(file, ['languages', i]), path: `languages.${i}` } : { file: COURSE_FILE };
    const fallback = options.allowMissing ? `; the interface is shown in ${SOURCE_UI_LANGUAGE} (--allow-missing)` : '';
    out.push(diag('missing-ui-language', `the player has no interface strings in "${lang}"${fallback}`, at, options.allowMissing ? { severity: 'warning' } : {}));
  }
}
