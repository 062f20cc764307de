/**
 * Moodle's multilang filter syntax and the course's language maps. Moodle shows, of the marked
 * parts, the one in the learner's language; unmarked text shows in every language. Two syntaxes
 * exist: the core filter's `<span lang="fr" class="multilang">…</span>` and the popular
 * multilang2 filter's `{mlang fr}…{mlang}`.
 */
import type { LangMap } from './bank.js';

const SPAN = /<(span|lang)\b([^>]*)>([\s\S]*?)<\/\1>/gi;
const MLANG = /\{mlang\s+([A-Za-z0-9_-]+)\s*\}([\s\S]*?)\{mlang\s*\}/gi;

interface Segment {
  lang?: string;
  text: string;
}

function segments(text: string): Segment[] | null {
  const found: Array<{ start: number; end: number; lang: string; text: string }> = [];
  for (const m of text.matchAll(SPAN)) {
    const attrs = m[2]!;
    const lang = /\blang\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1];
    const isMultilang = m[1]!.toLowerCase() === 'lang' || /\bclass\s*=\s*["'][^"']*\bmultilang\b/i.test(attrs);
    if (lang && isMultilang) found.push({ start: m.index, end: m.index + m[0].length, lang, text: m[3]! });
  }
  for (const m of text.matchAll(MLANG)) found.push({ start: m.index, end: m.index + m[0].length, lang: m[1]!, text: m[2]! });
  if (!found.length) return null;
  found.sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const f of found) {
    if (f.start < at) continue;
    if (f.start > at) out.push({ text: text.slice(at, f.start) });
    out.push({ lang: normaliseLang(f.lang), text: f.text });
    at = f.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/** Moodle writes `fr_ca`, the course `fr-CA`. */
const normaliseLang = (code: string): string => {
  const [primary = '', region] = code.split(/[-_]/);
  return region ? `${primary.toLowerCase()}-${region.toUpperCase()}` : primary.toLowerCase();
};

export interface SplitText {
  map: LangMap;
  /** Languages marked in the text that the course does not have (their parts are left out). */
  otherLanguages: string[];
}

/**
 * A text of the bank as a language map over the course languages. Without multilang markup the
 * whole text is in `lang`; with it, each course language gets its parts and the unmarked text.
 */
export function splitMultilang(text: string, languages: string[], lang: string): SplitText {
  const parts = segments(text);
  if (!parts) return { map: { [lang]: text }, otherLanguages: [] };
  const marked = [...new Set(parts.flatMap((p) => (p.lang ? [p.lang] : [])))];
  const map: LangMap = {};
  for (const l of languages) {
    if (!marked.includes(l)) continue;
    map[l] = parts.filter((p) => !p.lang || p.lang === l).map((p) => p.text).join('').trim();
  }
  return { map, otherLanguages: marked.filter((l) => !languages.includes(l)) };
}

/**
 * A language map as one text: the text itself for one language, else one multilang span per
 * language, even where the languages agree, so an import can tell a text meant for every language
 * from a text written in one.
 */
export function joinMultilang(map: LangMap, languages: string[]): string {
  const values = languages.map((l) => map[l] ?? '');
  if (languages.length === 1 || values.every((v) => v === '')) return values[0] ?? '';
  return languages.map((l, i) => `<span lang="${l.replace('-', '_').toLowerCase()}" class="multilang">${values[i]}</span>`).join('');
}
