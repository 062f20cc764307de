/**
 * A first read of an SVG with sax: is it well-formed, where does each element start, and is it
 * plainly inert (only drawing elements and attributes from a short allow-list)? An inert file goes
 * into the package byte for byte, without loading a DOM; anything else goes to DOMPurify
 * (svg-sanitize.ts). The allow-list only decides what may skip the sanitiser, so a gap in it costs
 * time, never safety.
 */
import sax, { type QualifiedAttribute, type QualifiedTag } from 'sax';
import { lineIndex } from '../diagnostics/line-index.js';

declare module 'sax' {
  interface SAXParser {
    ondoctype: (doctype: string) => void;
  }
  /** An attribute when the parser runs with `xmlns: true`. */
  interface QualifiedAttribute {
    name: string;
    value: string;
    prefix: string;
    local: string;
    uri: string;
  }
  interface QualifiedTag {
    name: string;
    local: string;
    uri: string;
    attributes: Record<string, QualifiedAttribute>;
  }
}

export const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

export interface SvgScan {
  /** Not well-formed XML: what and where (1-based). */
  error?: { message: string; line: number; column: number };
  /** Line and column (1-based) of each element's "<", in document order. */
  elements: { line: number; column: number }[];
  /** Processing instructions other than the XML declaration (e.g. xml-stylesheet), which the sanitised file drops. */
  instructions: { name: string; line: number; column: number }[];
  inert: boolean;
}

const DRAWING = new Set(
  ('svg g defs symbol use title desc rect circle ellipse line polyline polygon path text tspan textPath ' +
    'linearGradient radialGradient stop clipPath mask pattern marker filter switch image style ' +
    'feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting ' +
    'feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur ' +
    'feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence').split(' '),
);

/** CSS that can load something or hide it behind escapes; a local `url(#id)` is fine. */
export function cssMayRequest(css: string): boolean {
  const withoutLocal = css.replace(/url\(\s*(["']?)#[\w.:-]*\1\s*\)/gi, '');
  return /url\(|@import|image-set|(?:^|[^\w-])src\s*\(|\\|\/\*/i.test(withoutLocal);
}

/** A reference inside the drawing, or an embedded raster image. */
export function isLocalRef(value: string, image: boolean): boolean {
  const v = value.trim();
  return /^#[\w.:-]*$/.test(v) || (image && /^data:image\/(?:png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/=\s]*$/i.test(v));
}

function attributeInert(element: string, attr: QualifiedAttribute): boolean {
  const { uri, local, value } = attr;
  if (/^on/i.test(local) || value.includes('\\')) return false;
  if (local === 'href' && (uri === '' || uri === XLINK_NS)) return isLocalRef(value, element === 'image');
  if (uri === 'http://www.w3.org/2000/xmlns/') return value === SVG_NS || value === XLINK_NS;
  if (uri === 'http://www.w3.org/XML/1998/namespace') return local === 'space' || local === 'lang';
  if (uri === XLINK_NS) return local === 'title';
  if (uri !== '' || !/^[A-Za-z][\w.-]*$/.test(local)) return false;
  return !cssMayRequest(value);
}

/** Reads the SVG text once: well-formedness, element positions, and whether it is plainly inert. */
export function scanSvg(text: string): SvgScan {
  const parser = sax.parser(true, { xmlns: true, position: true });
  const at = lineIndex(text);
  const scan: SvgScan = { elements: [], instructions: [], inert: true };
  const open: string[] = [];
  parser.onopentag = (tag) => {
    const t = tag as unknown as QualifiedTag;
    scan.elements.push(at(parser.startTagPosition - 1));
    open.push(t.local);
    if (t.uri !== SVG_NS || !DRAWING.has(t.local)) scan.inert = false;
    for (const attr of Object.values(t.attributes)) if (!attributeInert(t.local, attr)) scan.inert = false;
  };
  parser.onclosetag = () => void open.pop();
  const onText = (value: string) => {
    if (open.at(-1) === 'style' && cssMayRequest(value)) scan.inert = false;
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  // Design tools write the SVG 1.1 DOCTYPE; browsers never fetch it. An internal subset can define entities.
  parser.ondoctype = (doctype) => void (doctype.includes('[') && (scan.inert = false));
  parser.onprocessinginstruction = (pi) => {
    if (pi.name.toLowerCase() === 'xml') return;
    scan.inert = false;
    scan.instructions.push({ name: pi.name, ...at(parser.startTagPosition - 1) });
  };
  parser.onerror = (error) => {
    if (!scan.error) scan.error = { message: error.message.split('\n')[0]!, line: parser.line + 1, column: parser.column + 1 };
    scan.inert = false;
    parser.error = null;
  };
  parser.write(text).close();
  if (!scan.error && scan.elements.length === 0) scan.error = { message: 'no root element', line: 1, column: 1 };
  return scan;
}
