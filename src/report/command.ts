/** `coursepack report`: read a source, compute the figures, write the HTML (and/or print JSON). */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { loadCourse } from '../course/load-course.js';
import { formatDiagnostic } from '../diagnostics/printer.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { analyse, DEFAULT_MIN_GROUP } from './analyse.js';
import { indexCourse } from './course-index.js';
import type { SourceData } from './events.js';
import type { ReportFigures } from './figures.js';
import { fromStatements } from './from-statements.js';
import { renderHtml } from './html.js';
import { chooseUiLanguage } from './i18n.js';
import { readStatementFiles } from './jsonl-source.js';
import { authorizationOf, LrsError, readLrs } from './lrs-source.js';
import { isSpreadsheetFile, readMoodleFile } from './moodle-file.js';

export interface ReportIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  color: boolean;
}

export interface ReportOptions {
  from: string;
  auth?: string;
  lang?: string;
  /** The report's interface language (i18n.ts): default `lang` when translated, else English. */
  uiLang?: string;
  since?: string;
  out?: string;
  json?: boolean;
  learners?: boolean;
  minGroup?: string;
  cache?: string;
  /** Environment for the LRS credentials (process.env by default). */
  env?: Record<string, string | undefined>;
}

/** A mistake in how the command was called: exit 2 with this message. */
export class ReportUsageError extends Error {}

type Kind = ReportFigures['source']['kind'];

function sourceKind(from: string, cwd: string): Kind {
  if (/^https?:\/\//i.test(from)) return 'lrs';
  const path = resolve(cwd, from);
  if (!existsSync(path)) throw new ReportUsageError(`--from ${from}: no such file or folder (give an LRS endpoint https://…/xapi/, a folder of statements, or a Moodle interactions export)`);
  if (statSync(path).isDirectory()) return 'statements';
  if (isSpreadsheetFile(path)) return 'moodle';
  const start = readFileSync(path, 'utf8').slice(0, 200).replace(/^\uFEFF/, '').trimStart();
  return start.startsWith('{') || start.startsWith('[') ? 'statements' : 'moodle';
}

export async function runReport(courseDir: string, options: ReportOptions, io: ReportIo): Promise<number> {
  const minGroup = options.minGroup === undefined ? DEFAULT_MIN_GROUP : Number(options.minGroup);
  if (!Number.isInteger(minGroup) || minGroup < 1) throw new ReportUsageError('--min-group must be a whole number of at least 1');
  const since = options.since === undefined ? undefined : Date.parse(options.since);
  if (since !== undefined && Number.isNaN(since)) throw new ReportUsageError(`--since ${options.since}: give a date such as 2026-09-01 or 2026-09-01T08:00:00Z`);
  let uiLang: string;
  try {
    uiLang = chooseUiLanguage(options.uiLang, options.lang);
  } catch (error) {
    throw new ReportUsageError((error as Error).message);
  }
  const kind = sourceKind(options.from, io.cwd);
  if (kind === 'moodle' && since !== undefined) throw new ReportUsageError('--since cannot filter a Moodle export (it has no answer times): filter the attempts in Moodle before downloading');

  const loaded = loadCourse(resolve(io.cwd, courseDir));
  const printAll = (list: Diagnostic[], files?: Map<string, string>) => {
    for (const d of list) io.stderr(`${formatDiagnostic(d, { color: io.color, readSource: (file) => files?.get(file) })}\n\n`);
  };
  if (!loaded.course) {
    printAll(loaded.diagnostics, loaded.files);
    return 1;
  }
  const course = loaded.course;
  if (options.lang && !course.languages.includes(options.lang)) throw new ReportUsageError(`--lang ${options.lang}: the course's languages are ${course.languages.join(', ')}`);
  const index = indexCourse(course, options.lang ?? course.languages[0]);
  if (kind !== 'moodle' && !index.iri) throw new ReportUsageError('the course has no xapi.activityBase in course.yaml: statements cannot be matched to it (docs/xapi-cmi5.md)');

  let data: SourceData;
  const problems: Diagnostic[] = [];
  if (kind === 'lrs') {
    const env = options.env ?? process.env;
    const auth = options.auth ?? (env.COURSEPACK_LRS_KEY ? `${env.COURSEPACK_LRS_KEY}:${env.COURSEPACK_LRS_SECRET ?? ''}` : undefined);
    if (!auth) throw new ReportUsageError('an LRS needs credentials: --auth key:secret, or COURSEPACK_LRS_KEY and COURSEPACK_LRS_SECRET in the environment');
    try {
      const read = await readLrs({
        endpoint: options.from,
        authorization: authorizationOf(auth),
        activity: index.iri!,
        cacheDir: resolve(io.cwd, options.cache ?? '.coursepack/report-cache'),
        progress: (n, pages) => io.stderr(`lrs: ${n} new statement${n === 1 ? '' : 's'} (${pages} page${pages === 1 ? '' : 's'})\n`),
      });
      io.stderr(`lrs: ${read.statements.length} statements in the cache, ${read.fetched} fetched now\n`);
      data = fromStatements(read.statements, index, since);
    } catch (error) {
      if (!(error instanceof LrsError)) throw error;
      io.stderr(`coursepack: ${error.message}\n`);
      return 1;
    }
  } else if (kind === 'statements') {
    const read = readStatementFiles(resolve(io.cwd, options.from), io.cwd);
    problems.push(...read.diagnostics);
    data = fromStatements(read.statements, index, since);
  } else {
    const file = resolve(io.cwd, options.from);
    const read = readMoodleFile(file, relative(io.cwd, file), index, options.lang ?? (course.languages.length === 1 ? course.languages[0] : undefined));
    problems.push(...read.diagnostics);
    data = read;
  }
  printAll(problems);
  if (problems.some((d) => d.severity === 'error')) return 1;
  if (options.lang) data = { ...data, events: data.events.filter((e) => e.lang === undefined || e.lang === options.lang) };

  const figures = analyse(data, index, { kind, minGroup, learners: options.learners === true });
  if (options.json) io.stdout(`${JSON.stringify(figures, null, 2)}\n`);
  if (options.out || !options.json) {
    const out = resolve(io.cwd, options.out ?? 'report.html');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(`${out}.tmp`, renderHtml(figures, uiLang));
    renameSync(`${out}.tmp`, out);
    io.stderr(`wrote ${relative(io.cwd, out)}: ${figures.source.learners} learners, ${figures.flags.length} flag${figures.flags.length === 1 ? '' : 's'}\n`);
  }
  return 0;
}
