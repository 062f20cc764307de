/** Interface strings of the player, one table per language in templates/i18n/<lang>.json. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../paths.js';

const I18N_DIR = join(TEMPLATES_DIR, 'i18n');
export const SOURCE_UI_LANGUAGE = 'en';
const cache = new Map<string, Record<string, string>>();

/** Languages that have an interface table. */
export function uiLanguages(): string[] {
  return readdirSync(I18N_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

/** The table for `lang` (falling back to the base language, e.g. fr-CA → fr), or undefined. */
export function uiStrings(lang: string): Record<string, string> | undefined {
  const base = lang.split('-')[0]!;
  for (const candidate of [lang, base]) {
    const cached = cache.get(candidate);
    if (cached) return cached;
    const file = join(I18N_DIR, `${candidate}.json`);
    if (existsSync(file)) {
      const table = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      cache.set(candidate, table);
      return table;
    }
  }
  return undefined;
}

/** Replaces `{name}` placeholders: the player's own function, so build and player agree. */
export { format } from '../player/core/format.js';
