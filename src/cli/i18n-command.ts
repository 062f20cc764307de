/** `coursepack i18n extract|import`: the translation round trip through XLIFF 1.2 (docs/translating.md). */
import { readFileSync, writeFileSync } from 'node:fs';
import { posix, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import type { Diagnostic } from '../diagnostics/index.js';
import { formatDiagnostic, summary } from '../diagnostics/printer.js';
import { EXIT, type Io } from './run.js';

const HELP = `
Examples:
  coursepack i18n extract courses/counsellor-training --lang pl --out pl.xlf
  coursepack i18n import courses/counsellor-training pl.xlf
  coursepack check courses/counsellor-training --allow-missing

The file is XLIFF 1.2, for any CAT tool or agency (memoQ, Trados, Phrase, Weblate, OmegaT, Okapi).
Exit codes: 0 ok, 1 problems in the course or the XLIFF file (nothing written), 2 usage error.`;

/** Registers `i18n extract` and `i18n import`; `setExit` receives the exit code. */
export function registerI18nCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  const i18n = program.command('i18n').description('Translate a course: extract its texts to XLIFF, import the translation back.').addHelpText('after', HELP);

  i18n
    .command('extract')
    .description('Write every text of a course, with the translations it already has, to an XLIFF 1.2 file.')
    .argument('<course>', 'course folder')
    .requiredOption('-l, --lang <lang>', 'language to translate into, e.g. pl')
    .option('--from <lang>', "language to translate from (default: the course's first language)")
    .option('-o, --out <file>', 'XLIFF file to write (default: standard output)')
    .action(async (course: string, opts: { lang: string; from?: string; out?: string }) => {
      const { LANG_PATTERN, readCourseTexts, extractXliff } = await i18nModules();
      if (!validLang(LANG_PATTERN, opts.lang, io) || (opts.from !== undefined && !validLang(LANG_PATTERN, opts.from, io))) return setExit(EXIT.usage);
      const diagnostics: Diagnostic[] = [];
      const texts = readCourseTexts(resolve(io.cwd, course), diagnostics);
      const result = texts ? extractXliff(texts, { lang: opts.lang, ...(opts.from ? { from: opts.from } : {}) }, diagnostics) : null;
      printDiagnostics(diagnostics, io, { course: display(io, course) });
      if (!result) return setExit(EXIT.courseErrors);
      if (opts.out) writeFileSync(resolve(io.cwd, opts.out), result.xliff);
      else io.stdout(result.xliff);
      const review = result.stale ? `, ${result.stale} to review` : '';
      io.stderr(`extracted ${result.units} texts (${result.from} → ${opts.lang}; ${result.translated} already translated${review})${opts.out ? ` to ${opts.out}` : ''}\n`);
      if (result.images.length) {
        const where = result.images.map((at) => `  ${display(io, course)}/${at.file}:${at.line}:${at.column}`).join('\n');
        const n = result.images.length;
        const images = n === 1 ? '1 image has' : `${n} images have`;
        io.stderr(`${images} one file per language and none in ${opts.lang} yet (images are not in the XLIFF file): make the ${opts.lang} file and add it to the src (docs/translating.md)\n${where}\n`);
      }
      setExit(EXIT.ok);
    });

  i18n
    .command('import')
    .description('Write the translations of an XLIFF file into the course sources (nothing is written if anything is wrong).')
    .argument('<course>', 'course folder')
    .argument('<file>', 'translated XLIFF 1.2 file')
    .option('-l, --lang <lang>', "course language to import into (default: the file's target-language; pl-PL goes into pl unless the course declares pl-PL)")
    .option('--dry-run', 'check the file and list what would change, write nothing')
    .action(async (course: string, file: string, opts: { lang?: string; dryRun?: boolean }) => {
      const { LANG_PATTERN, readCourseTexts, importXliff } = await i18nModules();
      if (opts.lang !== undefined && !validLang(LANG_PATTERN, opts.lang, io)) return setExit(EXIT.usage);
      const diagnostics: Diagnostic[] = [];
      const texts = readCourseTexts(resolve(io.cwd, course), diagnostics);
      let bytes: Buffer;
      try {
        bytes = readFileSync(resolve(io.cwd, file));
      } catch {
        io.stderr(`coursepack: cannot read ${file}\n`);
        return setExit(EXIT.usage);
      }
      const result = texts ? importXliff(texts, display(io, file), bytes, { ...(opts.lang ? { lang: opts.lang } : {}), dryRun: opts.dryRun }, diagnostics) : null;
      printDiagnostics(diagnostics, io, { course: display(io, course), xliff: { path: display(io, file), text: result?.xliffText } });
      if (!result?.ok) {
        io.stderr('nothing was written: fix the problems above and import again\n');
        return setExit(EXIT.courseErrors);
      }
      const verb = opts.dryRun ? 'would write' : 'wrote';
      for (const path of result.written) io.stdout(`${verb} ${posix.join(display(io, course), path)}\n`);
      for (const path of result.reformatted) io.stderr(`note: ${path} was re-serialised by the YAML library; review its formatting in the diff\n`);
      const added = result.languageAdded ? `; ${result.lang} added to the course languages` : '';
      const confirmed = result.confirmed ? `, ${result.confirmed} reviewed translations confirmed` : '';
      const left = result.untranslated ? `, ${result.untranslated} units without a translation left as they were` : '';
      io.stderr(`${opts.dryRun ? 'checked' : 'imported'} ${file}: ${result.updated} texts ${opts.dryRun ? 'to update' : 'updated'}${confirmed}${left}${added}\n`);
      setExit(EXIT.ok);
    });
}

/** Loaded when an i18n command runs, not to start the CLI (the format loads zod and yaml). */
async function i18nModules() {
  const [{ LANG_PATTERN }, { readCourseTexts }, { extractXliff }, { importXliff }] = await Promise.all([
    import('../course/schema.js'),
    import('../i18n/course-texts.js'),
    import('../i18n/extract.js'),
    import('../i18n/import.js'),
  ]);
  return { LANG_PATTERN, readCourseTexts, extractXliff, importXliff };
}

function validLang(pattern: RegExp, lang: string, io: Io): boolean {
  if (pattern.test(lang)) return true;
  io.stderr(`coursepack: "${lang}" is not a language code such as pl, fi, mt or fr-CA\n`);
  return false;
}

const display = (io: Io, path: string): string => relative(io.cwd, resolve(io.cwd, path)).split(sep).join('/') || '.';

/** Course diagnostics carry course-relative paths; XLIFF ones the file's path as given. */
function printDiagnostics(diagnostics: Diagnostic[], io: Io, where: { course: string; xliff?: { path: string; text: string | undefined } }): void {
  const placed = diagnostics.map((d) => (d.file && d.file !== where.xliff?.path ? { ...d, file: posix.join(where.course, d.file) } : d));
  const sorted = placed.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const readSource = (file: string): string | undefined => {
    if (file === where.xliff?.path) return where.xliff.text;
    try {
      return readFileSync(resolve(io.cwd, file), 'utf8');
    } catch {
      return undefined;
    }
  };
  for (const d of sorted) io.stderr(`${formatDiagnostic(d, { color: io.color, readSource })}\n\n`);
  if (diagnostics.length) io.stderr(`${summary(diagnostics)}\n`);
}
