/** The actions of `coursepack questions import|export`, loaded by src/cli/run.ts only when used. */
import { readFileSync, writeFileSync } from 'node:fs';
import { posix, relative, resolve, sep } from 'node:path';
import { LANG_PATTERN } from '../course/schema.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { formatDiagnostic, summary } from '../diagnostics/printer.js';
import type { Io } from '../cli/run.js';
import type { BankFormat } from './bank.js';
import { exportQuestions, type ExportFormat } from './export.js';
import { importQuestions } from './import.js';

const EXIT = { ok: 0, errors: 1, usage: 2 } as const;
const display = (io: Io, path: string): string => relative(io.cwd, resolve(io.cwd, path)).split(sep).join('/') || '.';

export interface ImportCliOptions {
  into: string;
  assessment?: string;
  module?: string;
  lang?: string;
  format?: string;
  strict?: boolean;
  dryRun?: boolean;
}

const usage = (io: Io, message: string): number => {
  io.stderr(`coursepack: ${message}\n`);
  return EXIT.usage;
};

export function runImport(file: string, opts: ImportCliOptions, io: Io): number {
  if (opts.assessment !== undefined && opts.module !== undefined) return usage(io, 'give --assessment or --module, not both');
  if (opts.format !== undefined && !['moodlexml', 'gift', 'aiken'].includes(opts.format)) return usage(io, `--format must be moodlexml, gift or aiken, not "${opts.format}"`);
  if (opts.lang !== undefined && !LANG_PATTERN.test(opts.lang)) return usage(io, `"${opts.lang}" is not a language code such as en or fr`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(io.cwd, file));
  } catch {
    return usage(io, `cannot read ${file}`);
  }
  const diagnostics: Diagnostic[] = [];
  const course = display(io, opts.into);
  const bankPath = display(io, file);
  const result = importQuestions(
    {
      file: bankPath,
      bytes,
      courseDir: resolve(io.cwd, opts.into),
      ...(opts.format ? { format: opts.format as BankFormat } : {}),
      ...(opts.assessment !== undefined ? { assessment: opts.assessment } : {}),
      ...(opts.module !== undefined ? { module: opts.module } : {}),
      ...(opts.lang ? { lang: opts.lang } : {}),
      dryRun: opts.dryRun === true,
      strict: opts.strict === true,
    },
    diagnostics,
  );
  const failed = !result.ok;
  print(diagnostics, io, { course, bank: { path: bankPath, text: result.bankText }, courseFiles: result.courseFiles });
  if (failed) {
    io.stderr('nothing was written: fix the problems above and import again\n');
    return EXIT.errors;
  }
  for (const path of result.written) io.stdout(`${opts.dryRun ? 'would write' : 'wrote'} ${posix.join(course, path)}\n`);
  for (const path of result.reformatted) io.stderr(`note: ${path} was re-serialised by the YAML library; review its formatting in the diff\n`);
  io.stderr(`imported ${result.imported} question${result.imported === 1 ? '' : 's'} from ${bankPath}; run \`coursepack check ${course}\` next\n`);
  return EXIT.ok;
}

export interface ExportCliOptions {
  format: string;
  lang?: string;
  out: string;
}

export function runExport(courseArg: string, opts: ExportCliOptions, io: Io): number {
  if (!['moodlexml', 'gift'].includes(opts.format)) return usage(io, `--format must be moodlexml or gift, not "${opts.format}"`);
  if (opts.lang !== undefined && !LANG_PATTERN.test(opts.lang)) return usage(io, `"${opts.lang}" is not a language code such as en or fr`);
  const diagnostics: Diagnostic[] = [];
  const course = display(io, courseArg);
  const result = exportQuestions({ courseDir: resolve(io.cwd, courseArg), format: opts.format as ExportFormat, ...(opts.lang ? { lang: opts.lang } : {}) }, diagnostics);
  print(diagnostics, io, { course, courseFiles: result.courseFiles });
  if (result.text === undefined) {
    io.stderr('nothing was written: fix the problems above and export again\n');
    return EXIT.errors;
  }
  writeFileSync(resolve(io.cwd, opts.out), result.text);
  io.stderr(`exported ${result.exported} question${result.exported === 1 ? '' : 's'} to ${opts.out}\n`);
  return EXIT.ok;
}

function print(diagnostics: Diagnostic[], io: Io, where: { course: string; bank?: { path: string; text: string | undefined }; courseFiles?: Map<string, string> }): void {
  const placed = diagnostics.map((d) => (d.file && d.file !== where.bank?.path ? { ...d, file: posix.join(where.course, d.file) } : d));
  placed.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const readSource = (file: string): string | undefined => (file === where.bank?.path ? where.bank.text : where.courseFiles?.get(posix.relative(where.course, file)));
  for (const d of placed) io.stderr(`${formatDiagnostic(d, { color: io.color, readSource })}\n\n`);
  if (diagnostics.length) io.stderr(`${summary(diagnostics)}\n`);
}
