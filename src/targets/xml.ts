/** A tiny XML tree for manifests, serialised by xml-js: manifests are data, never string templates. */
import { js2xml, type Element } from 'xml-js';

export type XmlElement = Element;

/** Stands for " inside attribute values until serialisation (a private-use character). */
const QUOTE = '\uE000';
type Attrs = Record<string, string | number | undefined>;
type Child = XmlElement | string | null | undefined | false;

export function el(name: string, attributes: Attrs = {}, children: Child[] = []): XmlElement {
  const attrs = Object.fromEntries(
    Object.entries(attributes)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'string' ? v.replaceAll('"', QUOTE) : v]),
  ) as Record<string, string | number>;
  const elements = children.filter((c): c is XmlElement | string => c !== null && c !== undefined && c !== false).map((c) => (typeof c === 'string' ? { type: 'text', text: c } : c));
  return { type: 'element', name, ...(Object.keys(attrs).length ? { attributes: attrs } : {}), ...(elements.length ? { elements } : {}) };
}

/** One-line text: manifests keep titles on a single line (LMS-RULES.md rule 8). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** UTF-8 XML with a declaration, two-space indentation, `&amp;`-style escaping, raw non-ASCII. */
export function serializeXml(root: XmlElement): string {
  const xml = js2xml(
    { declaration: { attributes: { version: '1.0', encoding: 'UTF-8' } }, elements: [root] },
    {
      spaces: 2,
      // xml-js escapes & < > in text itself, but in attributes only ", before this function runs:
      // el() hides " as QUOTE so that every character is escaped here exactly once.
      attributeValueFn: (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replaceAll(QUOTE, '&quot;'),
    },
  );
  return `${xml}\n`;
}
