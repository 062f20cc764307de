/** Mapped question data in the course's text style: a plain string per text in a single-language course. */

const isLangMap = (value: unknown, languages: string[]): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0 && Object.entries(value).every(([k, v]) => languages.includes(k) && typeof v === 'string');

export function toCourseData(data: Record<string, unknown>, languages: string[]): Record<string, unknown> {
  const shape = (value: unknown): unknown => {
    if (isLangMap(value, languages)) return languages.length === 1 ? (value[languages[0]!] ?? '') : Object.fromEntries(languages.filter((l) => l in value).map((l) => [l, value[l]]));
    if (Array.isArray(value)) return value.map(shape);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
    return value;
  };
  return shape(data) as Record<string, unknown>;
}
