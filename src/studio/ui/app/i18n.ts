/**
 * The studio's interface strings: a flat table (templates/i18n/studio/<lang>.json, the same format
 * as the player's tables) served by `GET /api/strings`, and `{name}` placeholders.
 */
export type Strings = Record<string, string>;

/** The interface languages there are tables for. */
export const UI_LANGUAGES = ['en', 'fr'] as const;

/** The table language for a browser language list: the first one with a table, else English. */
export function pickLanguage(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0]!;
    if ((UI_LANGUAGES as readonly string[]).includes(base)) return base;
  }
  return 'en';
}

/** `strings[key]` with `{name}` replaced by `params.name`; the key itself when the table lacks it (visible, so a gap is noticed). */
export function format(strings: Strings, key: string, params: Record<string, string | number> = {}): string {
  const template = strings[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
