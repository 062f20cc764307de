/** The player theme: defaults, WCAG contrast checks, and the CSS variables it becomes. */
import { contrast, THEME_DEFAULTS } from './contrast.js';
export { contrast, luminance } from './contrast.js';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import type { CourseSource } from './schema.js';
import { pathString, positionOf, type SourceFile } from './source-file.js';

export interface ThemeColors {
  text: string;
  background: string;
  surface: string;
  accent: string;
  accentText: string;
  muted: string;
}

export const DEFAULT_COLORS: ThemeColors = THEME_DEFAULTS;

const FONTS: Record<string, string> = {
  system: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  sans: '"Helvetica Neue", Arial, "Liberation Sans", sans-serif',
  serif: 'Georgia, "Times New Roman", "Liberation Serif", serif',
  readable: '"Atkinson Hyperlegible", Verdana, Tahoma, sans-serif',
};

export function fontStack(font: string | undefined): string {
  return FONTS[font ?? 'system'] ?? font!;
}

/** Pairs of (foreground, background) that carry text, with the ratio WCAG AA asks of each. */
const PAIRS: Array<[keyof ThemeColors, keyof ThemeColors, number, string]> = [
  ['text', 'background', 4.5, 'body text on the page background'],
  ['text', 'surface', 4.5, 'text in questions and the menu'],
  ['muted', 'background', 4.5, 'hints and captions on the page background'],
  ['muted', 'surface', 4.5, 'hints in questions'],
  ['accent', 'background', 4.5, 'links on the page background'],
  ['accent', 'surface', 4.5, 'links and the current page in the menu'],
  ['accentText', 'accent', 4.5, 'button labels on the accent colour'],
];

export function themeColors(theme: CourseSource['theme']): ThemeColors {
  return { ...DEFAULT_COLORS, ...(theme?.colors ?? {}) };
}

/** Every text colour pair below WCAG AA, reported at the colour the author set (or at `theme`). */
export function checkTheme(file: SourceFile, theme: CourseSource['theme'], out: Diagnostic[]): void {
  if (!theme) return;
  const colors = themeColors(theme);
  for (const [fg, bg, min, what] of PAIRS) {
    const ratio = contrast(colors[fg], colors[bg]);
    if (ratio >= min) continue;
    const key = theme.colors?.[fg] !== undefined ? fg : theme.colors?.[bg] !== undefined ? bg : undefined;
    const path = key ? ['theme', 'colors', key] : ['theme'];
    out.push(
      diag('theme-contrast', `${what}: ${colors[fg]} on ${colors[bg]} has a contrast of ${ratio.toFixed(2)}:1; WCAG AA needs ${min}:1`, {
        ...positionOf(file, path),
        path: pathString(path),
      }),
    );
  }
  // A font stack goes into theme.css as written: an unclosed quote would run on into the next declaration.
  const font = theme.font;
  if (font !== undefined && !(font in FONTS) && ((font.match(/"/g) ?? []).length % 2 !== 0 || (font.match(/'/g) ?? []).length % 2 !== 0)) {
    out.push(diag('invalid-value', `the font list ${font} has a quote that is never closed`, { ...positionOf(file, ['theme', 'font']), path: 'theme.font' }, { hint: 'Quote each font name with a space in it on both sides, e.g. "Open Sans", Arial, sans-serif.' }));
  }
  if (theme.logo !== undefined && theme.logoAlt === undefined) {
    out.push(diag('missing-field', '"logoAlt" is required with "logo": it is what a screen reader says for the logo', { ...positionOf(file, ['theme']), path: 'theme' }));
  }
}

/** The theme as CSS custom properties, loaded after player.css. */
export function themeCss(colors: ThemeColors, font: string | undefined): string {
  return `:root {\n  --cp-text: ${colors.text};\n  --cp-bg: ${colors.background};\n  --cp-surface: ${colors.surface};\n  --cp-accent: ${colors.accent};\n  --cp-accent-text: ${colors.accentText};\n  --cp-muted: ${colors.muted};\n  --cp-font: ${fontStack(font)};\n}\n`;
}
