/** A tiny XML tree for manifests, serialised by xml-js: manifests are data, never string templates. */
import { js2xml, type Element } from 'xml-js';

export type XmlElement = Element;
type Attrs = Record<string, string | number | undefined>;
type Child = XmlElement | string | null | undefined | false;

export function el(name: string, attributes: Attrs = {}, children: Child[] = []): XmlElement {
  const attrs = Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
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
      attributeValueFn: (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
      textFn: (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    },
  );
  return `${xml}\n`;
}
