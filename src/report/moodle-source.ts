/**
 * Moodle's SCORM "Interactions report" downloaded as a text file (mod/scorm/report/interactions:
 * Moodle writes it with `csv_export_writer("tab")`, a tab-separated `.txt`; a comma-separated copy
 * saved from a spreadsheet is read too), or as ODS or Excel: the same cells, read into rows by
 * spreadsheet.ts and given to `readMoodleRows`. Columns, by their English headers: `Name`, the site's
 * identity fields (e.g. `Email address`), `Attempt`, `Started on`, `Last accessed on`, `Score`, one
 * column per SCO, then per interaction n (from 0) `Question n`, `Response n`, `Right answer n`,
 * `Result n` — the report settings choose which of the four appear; this reader needs Question,
 * Response and Result. Cells are HTML-escaped by Moodle (`s()`). Moodle writes the headers in the
 * language of the person downloading: `MOODLE_HEADERS` holds those this reader knows (English, French).
 *
 * SCORM 1.2 interactions carry no page views and no times: the report says so instead of guessing.
 * Assessment attempts are rebuilt from the order of the answers: a new attempt starts when a
 * question repeats or the attempt already holds the assessment's `draw` answers.
 */
import { createHash } from 'node:crypto';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import type { CourseIndex } from './course-index.js';
import type { LearnerEvent, SourceData } from './events.js';
import { fromScorm12Response } from './scorm12-response.js';
import { scenarios } from '../course/model.js';
import { playerResponse, scenarioPath } from './from-statements.js';

/** Splits delimited text into rows (quotes, doubled quotes and line breaks inside quotes). */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) row.push(cell), (cell = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows.filter((r) => r.some((c) => c !== ''));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#039': "'", '#39': "'", nbsp: '\u00a0' };
export const unescapeHtml = (text: string) => text.replace(/&(amp|lt|gt|quot|#0?39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '');

const RESULTS: Record<string, 'correct' | 'incorrect' | 'neutral'> = { correct: 'correct', wrong: 'incorrect', incorrect: 'incorrect', neutral: 'neutral' };

/**
 * The headers this reader needs, by the language of the Moodle that wrote the export: Moodle's
 * strings `attempt` and `score` (mod_scorm) and `questionx`, `responsex`, `resultx`
 * (scormreport_interactions), `{n}` the interaction's number. English: moodle/moodle's own
 * lang/en files. French: the French language pack as published in moodle-langpacks (branch
 * MOODLE_30_STABLE, the newest stored; docs/analytics.md): it has no `resultx`, and Moodle shows a
 * string missing from a pack in English, so a French export's result columns read `Result n`.
 */
export const MOODLE_HEADERS: Record<string, { attempt: string; score: string; question: string; response: string; result: string }> = {
  en: { attempt: 'Attempt', score: 'Score', question: 'Question {n}', response: 'Response {n}', result: 'Result {n}' },
  fr: { attempt: 'Tentative', score: 'Résultat', question: 'Question {n}', response: 'Réponse {n}', result: 'Result {n}' },
};

export interface MoodleRead extends SourceData {
  diagnostics: Diagnostic[];
}

export function readMoodleExport(text: string, file: string, index: CourseIndex, lang?: string): MoodleRead {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  return readMoodleRows(parseDelimited(body, firstLine.includes('\t') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ','), file, index, lang);
}

/** The report's rows, from the text download or a spreadsheet (spreadsheet.ts): the header first. */
export function readMoodleRows(rows: string[][], file: string, index: CourseIndex, lang?: string): MoodleRead {
  const diagnostics: Diagnostic[] = [];
  const header = (rows[0] ?? []).map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const fail = (message: string): MoodleRead => {
    diagnostics.push(diag('report-moodle-columns', message, { file, line: 1, column: 1 }));
    return { events: [], identities: new Map(), lacks: ['pages', 'time'], notes: [], diagnostics };
  };
  const names = Object.values(MOODLE_HEADERS).find((h) => col(h.attempt) >= 0 && col(h.score) >= 0);
  if (!names) {
    const known = Object.entries(MOODLE_HEADERS).map(([lang, h]) => `"${h.attempt}" and "${h.score}" (${lang})`).join(' or ');
    return fail(`this is not a Moodle SCORM interactions report, or its Moodle was in a language this reader does not know: the header has no ${known} columns (found: ${header.slice(0, 8).join(', ')}); download it with your Moodle language set to English`);
  }
  const attemptCol = col(names.attempt);
  const nth = (name: string, n: number | string) => name.replace('{n}', String(n));
  const slots: Array<{ n: number; question: number; response: number; result: number }> = [];
  for (let n = 0; col(nth(names.question, n)) >= 0 || col(nth(names.response, n)) >= 0; n++) {
    const slot = { n, question: col(nth(names.question, n)), response: col(nth(names.response, n)), result: col(nth(names.result, n)) };
    if (slot.question < 0 || slot.response < 0 || slot.result < 0) {
      const missing = [slot.question < 0 && nth(names.question, n), slot.response < 0 && nth(names.response, n), slot.result < 0 && nth(names.result, n)].filter(Boolean).join(', ');
      return fail(`the export lacks ${missing}: tick "${nth(names.question, '').trim()}", "${nth(names.response, '').trim()}" and "${nth(names.result, '').trim()}" in the report's settings before downloading`);
    }
    slots.push(slot);
  }
  // Everything before "Attempt" identifies the learner (Name and the site's identity fields).
  const identityCols = header.map((_, i) => i).filter((i) => i < attemptCol);
  const events: LearnerEvent[] = [];
  const identities = new Map<string, string>();
  const unknown = new Set<string>();
  const scenarioIds = new Set(scenarios(index.course).map((x) => x.id));
  rows.slice(1).forEach((row, r) => {
    const attempt = row[attemptCol]?.trim() ?? '';
    if (!/^\d+$/.test(attempt)) return; // "-": enrolled, never started
    const who = identityCols.map((i) => unescapeHtml(row[i] ?? '').trim());
    const learner = createHash('sha256').update(who.join('\u0000')).digest('hex').slice(0, 16);
    identities.set(learner, who.filter(Boolean).join(' · '));
    const session = `moodle-attempt-${attempt}`;
    const base = { learner, session, ...(lang ? { lang } : {}) };
    const current = new Map<string, { n: number; ids: Set<string> }>();
    const numbers = new Map<string, number>();
    for (const slot of slots) {
      const id = unescapeHtml(row[slot.question] ?? '').trim();
      if (!id) continue;
      const info = index.questions.get(id);
      // A scenario's ending (issue 15) is an interaction too: its response is the path taken (SCORM 1.2 `.` and `,`; 2004 `[.]` and `[,]`).
      if (!info && scenarioIds.has(id)) {
        const path = scenarioPath(playerResponse(unescapeHtml(row[slot.response] ?? '').trim(), 'performance'));
        if (path) events.push({ ...base, kind: 'scenario-end', scenarioId: id, ...path });
        continue;
      }
      if (!info) {
        if (!unknown.has(id)) diagnostics.push(diag('report-unknown-answer', `question "${id}" is not in this course`, { file, line: r + 2, column: slot.question + 1 }));
        unknown.add(id);
        continue;
      }
      const resultText = (row[slot.result] ?? '').trim().toLowerCase();
      const result = RESULTS[resultText] ?? (/^-?\d+(\.\d+)?$/.test(resultText) ? (Number(resultText) > 0 ? 'correct' : 'incorrect') : 'neutral');
      const response = fromScorm12Response(info.question, unescapeHtml(row[slot.response] ?? ''));
      const assessment = info.assessmentId ? index.assessments.find((a) => a.id === info.assessmentId) : undefined;
      if (!assessment) {
        events.push({ ...base, kind: 'answer', questionId: id, response, result });
        continue;
      }
      let open = current.get(assessment.id);
      if (!open || open.ids.has(id) || open.ids.size >= assessment.draw) {
        const n = (numbers.get(assessment.id) ?? 0) + 1;
        numbers.set(assessment.id, n);
        current.set(assessment.id, (open = { n, ids: new Set() }));
      }
      open.ids.add(id);
      events.push({ ...base, kind: 'answer', questionId: id, response, result, assessmentId: assessment.id, attempt: open.n });
    }
  });
  return { events, identities, lacks: ['pages', 'time'], notes: [{ key: 'note.moodle-answers-only', values: {} }], diagnostics };
}
