/**
 * WCAG 2.1 contrast: pure functions with no imports, shared by `check` (theme.ts) and the
 * studio's live contrast table (src/studio/ui/app/contrast.ts), which must not bundle the compiler.
 */

/** The player's default theme colours (theme.ts `DEFAULT_COLORS`; the studio's contrast table). */
export const THEME_DEFAULTS = {
  text: '#1f2328',
  background: '#fbfaf7',
  surface: '#ffffff',
  accent: '#5b3cc4',
  accentText: '#ffffff',
  muted: '#57606a',
};

/** WCAG 2.1 relative luminance of #rgb / #rrggbb. */
export function luminance(hex: string): number {
  const full = hex.length === 4 ? `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}` : hex;
  const channel = (i: number) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
