/** A tiny XML tree for manifests, serialised by xml-js: manifests are data, never string templates. */
import { createRequire } from 'node:module';
import type { Element } from 'xml-js';

// xml-js (CommonJS) only serialises manifests, which `check` never writes: it is required on first
// use, not loaded with the targets at start-up.
const require = createRequire(import.meta.url);
let js2xml: typeof import('xml-js').js2xml | undefined;

export type XmlElement = Element;

/**
 * Stands for " inside attribute values until serialisation. U+FFFF is a noncharacter the loader
 * refuses in every source (src/course/characters.ts), so it never stands for anything an author wrote.
 */
const QUOTE = '\uFFFF';
type Attrs = Record<string, string | number | undefined>;
type Child = XmlElement | string | null | undefined | false;

export function el(name: string, attributes: Attrs = {}, children: Child[] = []): XmlElement {
  const attrs = Object.fromEntries(
    Object.entries(attributes)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'string' ? v.replaceAll('"', QUOTE) : v]),
  ) as Record<string, string | number>;
  // xml-js turns "&amp;" back into "&" before escaping text: escaping "&" first makes that step exact.
  const elements = children
    .filter((c): c is XmlElement | string => c !== null && c !== undefined && c !== false)
    .map((c) => (typeof c === 'string' ? { type: 'text', text: c.replace(/&/g, '&amp;') } : c));
  return { type: 'element', name, ...(Object.keys(attrs).length ? { attributes: attrs } : {}), ...(elements.length ? { elements } : {}) };
}

/** One-line text: manifests keep titles on a single line (LMS-RULES.md rule 8). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most `max` characters (code points, as XML Schema counts them), the last one an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** UTF-8 XML with a declaration, two-space indentation, `&amp;`-style escaping, raw non-ASCII. */
export function serializeXml(root: XmlElement): string {
  js2xml ??= (require('xml-js') as typeof import('xml-js')).js2xml;
  const xml = js2xml(
    { declaration: { attributes: { version: '1.0', encoding: 'UTF-8' } }, elements: [root] },
    {
      spaces: 2,
      // xml-js escapes & < > in text itself, but in attributes only ", before this function runs:
      // el() hides " as QUOTE so that every character is escaped here exactly once.
      attributeValueFn: (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replaceAll(QUOTE, '&quot;'),
    },
  );
  // The loader refuses these characters; one here is a coursepack bug, never a manifest to ship (LMS-RULES.md rule 44).
  const bad = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.exec(xml);
  if (bad) throw new Error(`a manifest would hold U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, which XML 1.0 cannot carry`);
  return `${xml}\n`;
}
