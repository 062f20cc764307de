/**
 * The command line, testable: `run(argv, io)` resolves to the exit code; bin only sets it.
 * Each command imports what it needs when it runs, so `--version` and `--help` load commander
 * only and `check` never loads rendering, bundling, zipping or XML (issue 14: start-up budgets).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { BuildResult } from '../package/build.js';
import { findCourses } from '../api/courses.js';
import { ROOT } from '../paths.js';
import { registerI18nCommands } from './i18n-command.js';
import { registerNewCommand } from './new-command.js';
import { registerStudioCommand } from './studio-command.js';
import { TARGET_IDS } from '../targets/ids.js';

/** course.yaml (COURSE_FILE in src/course/load-course.ts, which loads the whole format to say it). */
const COURSE_FILE = 'course.yaml';
/** The SCORM runtimes the preview simulates (PREVIEW_TARGETS in src/preview/host-page.ts, checked when preview runs). */
const PREVIEW_HELP = 'scorm12 or scorm2004';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  color: boolean;
  /** Resolves when a long-running command (preview) should stop; default: Ctrl+C / SIGTERM. */
  waitForStop?: () => Promise<void>;
}

const waitForSignal = () => new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

export const EXIT = { ok: 0, courseErrors: 1, usage: 2, internal: 70 } as const;

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

class UsageError extends Error {}

export async function run(argv: string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('coursepack')
    .description('Compile e-learning courses (YAML + Markdown) into SCORM 1.2, SCORM 2004, xAPI, cmi5 and web packages.')
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run coursepack --help for usage)');

  const targetIds = TARGET_IDS.join(', ');
  program
    .command('build')
    .description('Check courses and build their packages into the output folder.')
    .argument('[course...]', 'course folders (default: every folder under courses/ with a course.yaml)')
    .addOption(new Option('-t, --target <list>', `targets, comma-separated: ${targetIds}`).argParser(list))
    .addOption(new Option('-l, --lang <list>', 'languages, comma-separated (default: all of the course)').argParser(list))
    .option('-o, --out <dir>', 'output folder', 'dist')
    .option('--strict', 'treat warnings as errors')
    .option('--allow-missing', 'build languages with missing translations from the source language (a warning per text)')
    .option('--json', 'print a machine-readable report on stdout')
    .addHelpText(
      'after',
      `
Examples:
  coursepack build                                   every course under courses/, every target and language
  coursepack build courses/counsellor-training --target scorm12 --lang fr
  coursepack build --json > report.json              report: { packages: [...], diagnostics: [...] }

Packages are named <out>/<course-id>-<version>-<lang>-<target>.zip.
Exit codes: 0 built, 1 the course has errors (nothing written), 2 usage error.`,
    )
    .action(async (courses: string[], opts: { target?: string[]; lang?: string[]; out: string; strict?: boolean; allowMissing?: boolean; json?: boolean }) => {
      const unknown = (opts.target ?? []).filter((id) => !(TARGET_IDS as readonly string[]).includes(id));
      if (unknown.length) throw new UsageError(`unknown target ${unknown.map((id) => `"${id}"`).join(', ')}; choose from ${targetIds}`);
      const dirs = courseDirs(courses, io.cwd);
      const { build } = await import('../package/build.js');
      const result = await build({ courses: dirs, targets: opts.target, langs: opts.lang, out: opts.out, strict: opts.strict, allowMissing: opts.allowMissing, cwd: io.cwd });
      await report(result, io, { json: opts.json, verb: 'built' });
      exitCode = result.ok ? EXIT.ok : EXIT.courseErrors;
    });

  program
    .command('check')
    .description('Check courses and report every problem, without building.')
    .argument('[course...]', 'course folders (default: every folder under courses/ with a course.yaml)')
    .option('--strict', 'treat warnings as errors')
    .option('--allow-missing', 'report missing translations as warnings (the build would use the source language)')
    .option('--json', 'print a machine-readable report on stdout')
    .addHelpText('after', '\nExamples:\n  coursepack check\n  coursepack check courses/counsellor-training --strict')
    .action(async (courses: string[], opts: { strict?: boolean; allowMissing?: boolean; json?: boolean }) => {
      const dirs = courseDirs(courses, io.cwd);
      const { check } = await import('../api/check.js');
      const result = await check({ courses: dirs, strict: opts.strict, allowMissing: opts.allowMissing, cwd: io.cwd });
      await report({ ...result, packages: [] }, io, { json: opts.json, verb: 'checked' });
      exitCode = result.ok ? EXIT.ok : EXIT.courseErrors;
    });

  program
    .command('preview')
    .description('Serve a course on this computer inside a simulated LMS; rebuild and reload when a file changes.')
    .argument('[course]', 'course folder (default: the only course under courses/)')
    .option('-p, --port <n>', 'port on 127.0.0.1', (v) => Number.parseInt(v, 10), 4321)
    .option('-l, --lang <lang>', 'language to preview (default: the first of the course)')
    .option('-t, --target <target>', `package and simulated LMS: ${PREVIEW_HELP}`, 'scorm12')
    .addHelpText(
      'after',
      '\nExamples:\n  coursepack preview courses/counsellor-training\n  coursepack preview courses/counsellor-training --lang fr --port 8080\n  coursepack preview courses/counsellor-training --target scorm2004\n\nStop it with Ctrl+C.',
    )
    .action(async (course: string | undefined, opts: { port: number; lang?: string; target: string }) => {
      const target = opts.target;
      const { isPreviewTarget, PREVIEW_TARGETS } = await import('../preview/host-page.js');
      if (!isPreviewTarget(target)) {
        throw new UsageError(
          `preview --target must be ${PREVIEW_TARGETS.join(' or ')}, not "${target}": the preview simulates a SCORM LMS only. ` +
            'xAPI and cmi5 packages report to an LRS, so they cannot be previewed here (build them and play them against an LRS: docs/xapi-cmi5.md).',
        );
      }
      const dirs = course ? [course] : courseDirs([], io.cwd);
      if (dirs.length !== 1) throw new UsageError(`several courses found (${dirs.join(', ')}): name the one to preview`);
      if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new UsageError('--port must be a number from 0 to 65535');
      const { startPreview } = await import('../preview/server.js');
      const preview = await startPreview({ course: dirs[0]!, port: opts.port, lang: opts.lang, target, cwd: io.cwd, log: (line) => io.stderr(`${line}\n`) });
      io.stdout(`preview: ${preview.url}\n`);
      await (io.waitForStop ?? waitForSignal)();
      await preview.close();
    });

  program
    .command('schema')
    .description('Write the JSON Schemas of the course format (for editor completion).')
    .option('-o, --out <dir>', 'folder for course/module/assessment .schema.json', 'schema')
    .action(async (opts: { out: string }) => {
      const { jsonSchemas } = await import('../course/json-schema.js');
      mkdirSync(resolve(io.cwd, opts.out), { recursive: true });
      for (const [name, schema] of Object.entries(jsonSchemas())) {
        writeFileSync(join(resolve(io.cwd, opts.out), `${name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
      }
      io.stdout(`wrote ${opts.out}/{course,module,assessment}.schema.json\n`);
    });

  program
    .command('report')
    .description('Learning analytics: where learners struggle, from an LRS, a folder of statements or a Moodle export (docs/analytics.md).')
    .argument('<course>', 'course folder the data is about')
    .requiredOption('--from <source>', 'an LRS endpoint (https://lrs.example/xapi/), a folder or file of statements (JSON lines), or a Moodle SCORM interactions export')
    .option('--auth <key:secret>', 'LRS credentials (default: COURSEPACK_LRS_KEY and COURSEPACK_LRS_SECRET)')
    .option('-l, --lang <lang>', 'only learners of this language; texts in it')
    .option('--ui-lang <lang>', "language of the report's headings and explanations (en, fr; default: --lang when the report is translated into it, else en)")
    .option('--since <date>', 'only statements from this date (e.g. 2026-09-01)')
    .option('-o, --out <file>', 'HTML report to write (default report.html; with --json only when given)')
    .option('--json', 'print the figures as JSON on stdout')
    .option('--learners', 'add one row per learner, with names (personal data: docs/analytics.md)')
    .option('--min-group <n>', 'hide figures about fewer learners than this (default 5)')
    .option('--cache <dir>', 'where statements read from an LRS are kept (default .coursepack/report-cache)')
    .action(async (course: string, opts: Record<string, string | boolean | undefined>) => {
      const { runReport, ReportUsageError } = await import('../report/command.js');
      try {
        exitCode = await runReport(course, opts as unknown as Parameters<typeof runReport>[1], io);
      } catch (error) {
        if (error instanceof ReportUsageError) throw new UsageError(error.message);
        throw error;
      }
    });

  // `questions import|export` (src/questions/, docs/questions.md): the module loads only when the command runs.
  const questions = program.command('questions').description('Move question banks in and out of a course: Moodle XML, GIFT and Aiken (docs/questions.md).');
  questions
    .command('import')
    .description('Write the questions of a Moodle XML, GIFT or Aiken file into a course (nothing is written if anything is wrong).')
    .argument('<file>', 'question bank file')
    .requiredOption('--into <course>', 'course folder')
    .option('--assessment <id>', "into this assessment's pool")
    .option('--module <file>', 'into this module file (course-relative), as pages of knowledge checks')
    .option('-l, --lang <lang>', "language of texts without multilang markup (default: the course's first)")
    .option('--format <format>', 'moodlexml, gift or aiken (default: from the content)')
    .option('--strict', 'fail on warnings too (questions left out or approximated)')
    .option('--dry-run', 'check and list what would change, write nothing')
    .action(async (file: string, opts: Parameters<typeof import('../questions/command.js').runImport>[1]) => {
      const { runImport } = await import('../questions/command.js');
      exitCode = runImport(file, opts, io);
    });
  questions
    .command('export')
    .description("Write every question of a course as Moodle XML or GIFT for Moodle's question bank.")
    .argument('<course>', 'course folder')
    .requiredOption('--format <format>', 'moodlexml or gift')
    .option('-l, --lang <lang>', 'one language only (default: every language, as multilang text)')
    .requiredOption('-o, --out <file>', 'file to write')
    .action(async (course: string, opts: Parameters<typeof import('../questions/command.js').runExport>[1]) => {
      const { runExport } = await import('../questions/command.js');
      exitCode = runExport(course, opts, io);
    });

  registerNewCommand(program, io, (code) => (exitCode = code));
  registerI18nCommands(program, io, (code) => (exitCode = code));
  registerStudioCommand(program, io, (code) => (exitCode = code), io.waitForStop ?? waitForSignal);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`coursepack: ${error.message}\n`);
      return EXIT.usage;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`coursepack: internal error — this is a bug in coursepack, not in your course.\n${stack}\nPlease report it with the command you ran.\n`);
    return EXIT.internal;
  }
}

function courseDirs(given: string[], cwd: string): string[] {
  if (given.length) return given;
  const found = findCourses(cwd);
  if (!found.length) throw new UsageError(`no course given and no courses/<id>/${COURSE_FILE} found in ${cwd}`);
  return found;
}

async function report(result: BuildResult, io: Io, options: { json?: boolean; verb: string }): Promise<void> {
  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        {
          ok: result.ok,
          packages: result.packages.map((p) => ({ course: p.course, target: p.target, lang: p.lang, path: relative(io.cwd, p.path), bytes: p.bytes, sha256: p.sha256 })),
          diagnostics: result.diagnostics,
          saves: result.saves,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  const { formatDiagnostic, summary } = await import('../diagnostics/printer.js');
  const sorted = [...result.diagnostics].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  for (const d of sorted) io.stderr(`${formatDiagnostic(d, { color: io.color, readSource: (file) => result.sources.get(file) })}\n\n`);
  for (const p of result.packages) io.stdout(`${options.verb} ${relative(io.cwd, p.path)}  ${(p.bytes / 1024).toFixed(1)} KB\n`);
  if (options.verb === 'checked') for (const s of result.saves) io.stdout(`${s.course} ${s.target}: largest save to Moodle ${s.bytes} bytes (warning above ${s.budget})\n`);
  const courses = result.courses.length;
  io.stderr(`${result.ok ? 'ok' : 'failed'}: ${summary(result.diagnostics)}${options.verb === 'checked' ? `, ${courses} course${courses === 1 ? '' : 's'} checked` : `, ${result.packages.length} package${result.packages.length === 1 ? '' : 's'} built`}\n`);
  if (!result.ok && options.verb === 'built') io.stderr('nothing was written: fix the errors above and build again\n');
}

/** The version of the coursepack running, from its package.json (so `--version` never drifts from what npm installed). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
