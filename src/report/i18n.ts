/**
 * The report's interface language: one table per language in templates/i18n/report/<lang>.json
 * (English and French complete), `{name}` placeholders, plural forms as `key.one`/`key.other`
 * chosen by Intl.PluralRules, and numbers, percentages and dates formatted by Intl in that language.
 * Course texts are not here: they come from the course in its own language.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../paths.js';

export const REPORT_I18N_DIR = join(TEMPLATES_DIR, 'i18n', 'report');
export const REPORT_SOURCE_LANGUAGE = 'en';
const cache = new Map<string, Record<string, string>>();

/** Languages the report's interface is translated into. */
export function reportUiLanguages(): string[] {
  return readdirSync(REPORT_I18N_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

/** The table for `lang` or its base language (fr-CA → fr), or undefined. */
export function reportTable(lang: string): Record<string, string> | undefined {
  for (const candidate of [lang, lang.split('-')[0]!]) {
    const cached = cache.get(candidate);
    if (cached) return cached;
    const file = join(REPORT_I18N_DIR, `${candidate}.json`);
    if (existsSync(file)) {
      const table = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      cache.set(candidate, table);
      return table;
    }
  }
  return undefined;
}

/**
 * The interface language: `--ui-lang` when given (it must have a table), else the `--lang` course
 * language when the report has a table for it, else English.
 */
export function chooseUiLanguage(uiLang: string | undefined, courseLang: string | undefined): string {
  if (uiLang) {
    if (!reportTable(uiLang)) throw new Error(`--ui-lang ${uiLang}: the report's interface is translated into ${reportUiLanguages().join(', ')}`);
    return uiLang;
  }
  return courseLang && reportTable(courseLang) ? courseLang : REPORT_SOURCE_LANGUAGE;
}

export type Values = Record<string, string | number>;

export interface ReportText {
  lang: string;
  /** The text of `key` with `{name}` replaced by `values` (not escaped: the caller escapes). */
  text(key: string, values?: Values): string;
  /** `key.one` or `key.other` by the language's plural rules for `n` (given to the text as `{n}`, formatted). */
  plural(key: string, n: number, values?: Values): string;
  /** `key.one` or `key.other` for `n`. */
  pluralKey(key: string, n: number): string;
  number(n: number, digits?: number): string;
  /** A share from 0 to 1 as a whole percentage. */
  percent(share: number): string;
  /** An ISO timestamp's day, in words. */
  date(iso: string): string;
}

export function reportText(lang: string): ReportText {
  const table = reportTable(lang) ?? reportTable(REPORT_SOURCE_LANGUAGE)!;
  const english = reportTable(REPORT_SOURCE_LANGUAGE)!;
  const rules = new Intl.PluralRules(lang);
  const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const number = (n: number, digits?: number) =>
    new Intl.NumberFormat(lang, digits === undefined ? { maximumFractionDigits: 2 } : { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
  const text = (key: string, values: Values = {}) => {
    const template = table[key] ?? english[key];
    if (template === undefined) throw new Error(`report interface text "${key}" is in no table`);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  };
  const pluralKey = (key: string, n: number) => `${key}.${rules.select(n) === 'one' ? 'one' : 'other'}`;
  return {
    lang,
    text,
    plural: (key, n, values = {}) => text(pluralKey(key, n), { n: number(n), ...values }),
    pluralKey,
    number,
    percent: (share) => pct.format(share),
    date: (iso) => day.format(new Date(iso)),
  };
}

/** A source's note in `lang`: a plural key when it counts something (`n`). */
export function noteText(text: ReportText, note: { key: string; values: Values }): string {
  return typeof note.values.n === 'number' ? text.plural(note.key, note.values.n, note.values) : text.text(note.key, note.values);
}
