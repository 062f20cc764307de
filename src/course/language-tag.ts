/**
 * Language tags (BCP 47) as coursepack accepts them: a language, an optional script and an optional
 * region, in their usual case (en, pt-BR, zh-Hant, es-419). A tag that is not one gets a message
 * that says what to write instead, never the regular expression.
 */

/** What a wrong tag probably meant: `fr_FR` → `fr-FR`, `EN` → `en`, `zh-hant-tw` → `zh-Hant-TW`. */
export function suggestLanguageTag(value: string, pattern: RegExp): string | undefined {
  const parts = value.trim().split(/[-_\s]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 3) return undefined;
  const [language, ...rest] = parts;
  const fixed = [
    language!.toLowerCase(),
    ...rest.map((p) => (/^[A-Za-z]{4}$/.test(p) ? p[0]!.toUpperCase() + p.slice(1).toLowerCase() : p.toUpperCase())),
  ].join('-');
  return fixed !== value && pattern.test(fixed) ? fixed : undefined;
}

/** `"fr_FR" is not a language tag: write "fr-FR"`, or what a tag looks like. */
export function languageTagMessage(value: string, pattern: RegExp): { message: string; hint?: string } {
  const suggestion = suggestLanguageTag(value, pattern);
  if (suggestion) return { message: `"${value}" is not a language tag: write "${suggestion}"` };
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return { message: `"${shown}" is not a language tag such as en, fr, pt-BR or zh-Hant` };
}
