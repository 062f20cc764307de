/**
 * WCAG 2.1 contrast ratios for the theme form's live check. The same formulas as
 * src/course/theme.ts (which `check` uses), written again here because importing theme.ts pulls
 * the compiler's diagnostics and YAML code into the browser bundle (~34 KB);
 * tests/unit/studio/contrast.test.ts holds both to the same results.
 */

/** The colours of a theme (src/course/theme.ts `ThemeColors`) with their defaults. */
export const THEME_DEFAULTS: Record<string, string> = {
  text: '#1f2328',
  background: '#fbfaf7',
  surface: '#ffffff',
  accent: '#5b3cc4',
  accentText: '#ffffff',
  muted: '#57606a',
};

/** The text pairs `check` holds to WCAG AA (4.5:1), as (foreground, background). */
export const TEXT_PAIRS: Array<[string, string]> = [
  ['text', 'background'],
  ['text', 'surface'],
  ['muted', 'background'],
  ['muted', 'surface'],
  ['accent', 'background'],
  ['accent', 'surface'],
  ['accentText', 'accent'],
];

export const AA_TEXT = 4.5;

export const isColor = (value: unknown): value is string => typeof value === 'string' && /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value);

/** Relative luminance of #rgb / #rrggbb. */
export function relativeLuminance(hex: string): number {
  const full = hex.length === 4 ? `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}` : hex;
  const channel = (i: number) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export interface PairResult {
  fg: string;
  bg: string;
  ratio: number;
  ok: boolean;
}

/** Each text pair's ratio for the colours set (`theme.colors`, partial) over the defaults; pairs with an invalid colour are left out. */
export function themePairs(colors: Record<string, unknown> | undefined): PairResult[] {
  const all: Record<string, unknown> = { ...THEME_DEFAULTS, ...(colors ?? {}) };
  return TEXT_PAIRS.flatMap(([fg, bg]) => {
    const [f, b] = [all[fg], all[bg]];
    if (!isColor(f) || !isColor(b)) return [];
    const ratio = contrastRatio(f, b);
    return [{ fg, bg, ratio, ok: ratio >= AA_TEXT }];
  });
}
