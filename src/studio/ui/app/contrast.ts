/**
 * WCAG 2.1 contrast ratios for the theme form's live check, from the formulas `check` uses
 * (src/course/contrast.ts, import-free so the browser bundle does not pull the compiler).
 */

/** The colours of a theme with their defaults (the player's, src/course/contrast.ts). */
export const THEME_DEFAULTS: Record<string, string> = DEFAULTS;

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

export { luminance as relativeLuminance, contrast as contrastRatio } from '../../../course/contrast.js';
import { contrast as contrastRatio, THEME_DEFAULTS as DEFAULTS } from '../../../course/contrast.js';

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
