/**
 * Removes what CSS inside an asset could load from elsewhere (`url()` to another file, `@import`)
 * with lightningcss, a real CSS parser (escapes such as `u\72l(` are read as the browser reads them).
 * A removed `url()` becomes `url("")`, which CSS resolves to nothing and never fetches.
 */
import { transform, transformStyleAttribute, type CustomAtRules, type Visitor } from 'lightningcss';
import { isLocalRef } from './svg-scan.js';

export interface CleanCss {
  css: string;
  /** The addresses removed, in order. */
  removed: string[];
}

/** A style sheet (`sheet`) or a style attribute's declarations (`attribute`), without external loads; null when it cannot be read safely. */
export function cleanCss(css: string, kind: 'sheet' | 'attribute'): CleanCss | null {
  const removed: string[] = [];
  const visitor: Visitor<CustomAtRules> = {
    Url(url) {
      if (url.url === '' || isLocalRef(url.url, true)) return url;
      removed.push(url.url);
      return { ...url, url: '' };
    },
    Rule: {
      import(rule) {
        removed.push(rule.value.url);
        return [];
      },
    },
  };
  try {
    const code = Buffer.from(css);
    const out =
      kind === 'sheet'
        ? transform({ filename: 'style.css', code, minify: false, errorRecovery: true, visitor }).code.toString()
        : transformStyleAttribute({ filename: 'style', code, minify: true, errorRecovery: true, visitor }).code.toString();
    // image-set() and src() take plain strings as addresses, which the Url visitor does not see.
    if (/image-set|(?:^|[^\w-])src\s*\(/i.test(out)) return null;
    return { css: out, removed };
  } catch {
    return null;
  }
}
