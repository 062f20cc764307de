/**
 * Translation records: `i18n/<lang>.json` in the course folder, written by `i18n import` and
 * committed with the course. For each imported text it keeps a short hash of the source text the
 * translation was made from and of the translation itself, so `check` can tell when a source text
 * changed after it was translated (a stale translation).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { textIn, type TextField } from './text-field.js';

/** What one translation was made from. Hashes are the first 12 hex digits of SHA-256 (UTF-8). */
export interface TranslationRecord {
  /** The source language of the translation. */
  from: string;
  /** Hash of the source text. */
  source: string;
  /** Hash of the translation. */
  target: string;
}

export type Records = Map<string, TranslationRecord>;

export type TranslationStatus = 'current' | 'stale' | 'untracked';

const ABOUT = 'Written by `coursepack i18n import`; commit it with the course. Hashes of the source text each translation was made from: see docs/translating.md.';

export const recordsPath = (lang: string): string => `i18n/${lang}.json`;

export const shortHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12);

export function recordOf(from: string, source: string, target: string): TranslationRecord {
  return { from, source: shortHash(source), target: shortHash(target) };
}

/** The records of `lang` in the course folder `dir` (empty if there is no file). */
export function readRecords(dir: string, lang: string, out: Diagnostic[]): Records {
  const file = recordsPath(lang);
  const full = join(dir, file);
  const records: Records = new Map();
  if (!existsSync(full)) return records;
  const text = readFileSync(full, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    out.push(diag('translation-record-invalid', `${file} is not valid JSON`, { file, ...jsonErrorPosition(text, error) }));
    return records;
  }
  const texts = (data as { texts?: unknown } | null)?.texts;
  if (!texts || typeof texts !== 'object' || Array.isArray(texts)) {
    out.push(diag('translation-record-invalid', `${file} has no "texts" mapping`, { file, line: 1, column: 1 }));
    return records;
  }
  for (const [id, value] of Object.entries(texts as Record<string, unknown>)) {
    const r = value as Partial<TranslationRecord> | null;
    if (r && typeof r.from === 'string' && typeof r.source === 'string' && typeof r.target === 'string') {
      records.set(id, { from: r.from, source: r.source, target: r.target });
    } else {
      out.push(diag('translation-record-invalid', `the record of "${id}" needs "from", "source" and "target"`, { file, ...positionAt(text, text.indexOf(JSON.stringify(id))) }));
    }
  }
  return records;
}

/** The file's text: one line per record, sorted by id, so that diffs stay readable. */
export function serializeRecords(records: Records): string {
  const ids = [...records.keys()].sort();
  const lines = ids.map((id) => {
    const r = records.get(id)!;
    return `    ${JSON.stringify(id)}: { "from": ${JSON.stringify(r.from)}, "source": "${r.source}", "target": "${r.target}" }`;
  });
  return `{\n  "about": ${JSON.stringify(ABOUT)},\n  "texts": {${lines.length ? `\n${lines.join(',\n')}\n  ` : ''}}\n}\n`;
}

/**
 * Looks translations up by their own hash, so a record still applies after the text moved (a page
 * inserted before it changes its id). A translation edited by hand since the import is untracked.
 */
export class RecordIndex {
  private readonly byTarget = new Map<string, TranslationRecord[]>();

  constructor(records: Records) {
    for (const r of records.values()) {
      const list = this.byTarget.get(r.target) ?? [];
      list.push(r);
      this.byTarget.set(r.target, list);
    }
  }

  /**
   * current: made from today's source text; stale: made from another version of it (`from` is its
   * language); untracked: no record of this translation.
   */
  status(translation: string, field: TextField, languages: string[]): { status: TranslationStatus; from?: string } {
    let staleFrom: string | undefined;
    for (const r of this.byTarget.get(shortHash(translation)) ?? []) {
      const source = textIn(field, r.from, languages);
      if (source === undefined) continue;
      if (shortHash(source) === r.source) return { status: 'current' };
      staleFrom ??= r.from;
    }
    return staleFrom ? { status: 'stale', from: staleFrom } : { status: 'untracked' };
  }
}

function jsonErrorPosition(text: string, error: unknown): { line: number; column: number } {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  return positionAt(text, match ? Number(match[1]) : 0);
}

function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length))).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
