/**
 * Makes an SVG inert with DOMPurify (cure53) on jsdom, the DOM DOMPurify supports on Node (its
 * README calls happy-dom unsafe). Both are loaded on the first SVG that needs them: a plainly
 * inert drawing (svg-scan.ts) never pays for them. Our hooks add what DOMPurify leaves to the
 * page's CSP in a browser, but which a file opened on its own does not have: references to other
 * files (href, `url()` in attributes and CSS) are removed.
 */
import type { Config, DOMPurify } from 'dompurify';
import { cssMayRequest, isLocalRef, scanSvg, SVG_NS } from './svg-scan.js';

export type FindingKind = 'script' | 'external' | 'removed' | 'foreign-object';

export interface Finding {
  kind: FindingKind;
  /** What was found, in the file's own words (e.g. `<script>`, `onload`, the address). */
  what: string;
  line: number;
  column: number;
}

export interface SanitizedSvg {
  /** The text to ship; the original when it was already inert. */
  text: string;
  /** The file is shipped unchanged. */
  unchanged: boolean;
  findings: Finding[];
  /** The file cannot be read as XML. */
  error?: { message: string; line: number; column: number };
}

interface Run {
  positions: WeakMap<Element, { line: number; column: number }>;
  findings: Finding[];
  /** Attributes our hooks dealt with (reported already), by element. */
  handled: WeakMap<Element, Set<string>>;
}

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
// `use` is off DOMPurify's list because it can pull in other files; our href hook keeps only `#id` references.
// `role` is off its SVG list; drawings use it with aria-labelledby to be read as one image.
// A removed element goes with its content (a script's text would otherwise stay as text).
const CONFIG: Config = { IN_PLACE: true, USE_PROFILES: { svg: true, svgFilters: true }, ADD_TAGS: ['use'], ADD_ATTR: ['role'], KEEP_CONTENT: false };

let current: Run | undefined;
let loading: Promise<{ purify: DOMPurify; parse: (text: string) => Document; serialize: (node: Element) => string }> | undefined;

function note(run: Run, element: Element, kind: FindingKind, what: string, attribute?: string): void {
  const at = run.positions.get(element) ?? { line: 1, column: 1 };
  run.findings.push({ kind, what, ...at });
  if (attribute !== undefined) {
    const set = run.handled.get(element) ?? new Set<string>();
    set.add(attribute);
    run.handled.set(element, set);
  }
}

async function purifier() {
  loading ??= (async () => {
    // lightningcss too: a native module that a plainly inert drawing does not need.
    const [{ JSDOM }, { default: createDOMPurify }, { cleanCss }] = await Promise.all([import('jsdom'), import('dompurify'), import('./css-sanitize.js')]);
    const window = new JSDOM('').window;
    const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
    purify.addHook('uponSanitizeElement', (node) => {
      const run = current;
      const el = node as Element;
      if (!run || el.nodeType !== 1 || el.localName !== 'style' || !cssMayRequest(el.textContent ?? '')) return;
      const clean = cleanCss(el.textContent ?? '', 'sheet');
      if (clean) clean.removed.forEach((url) => note(run, el, 'external', url));
      else note(run, el, 'external', '<style> that loads from another site');
      el.textContent = clean?.css ?? '';
    });
    purify.addHook('uponSanitizeAttribute', (node, data) => {
      const run = current;
      if (!run) return;
      const el = node as Element;
      const name = data.attrName;
      const value = data.attrValue;
      if (/^on/i.test(name)) return;
      if (name === 'href' || name === 'xlink:href') {
        if (el.localName === 'a' || isLocalRef(value, el.localName === 'image' || el.localName === 'feImage')) return;
        const kind: FindingKind = /^\s*(?:javascript|vbscript):/i.test(value) ? 'script' : /^\s*data:/i.test(value) ? 'removed' : 'external';
        note(run, el, kind, `${name}="${value.slice(0, 80)}"`, name);
        data.keepAttr = false;
      } else if (name === 'style' && cssMayRequest(value)) {
        const clean = cleanCss(value, 'attribute');
        if (clean) {
          clean.removed.forEach((url) => note(run, el, 'external', url, name));
          data.attrValue = clean.css;
        } else {
          note(run, el, 'external', `style="${value.slice(0, 80)}"`, name);
          data.keepAttr = false;
        }
      } else if (!name.includes(':') && cssMayRequest(value)) {
        note(run, el, 'external', `${name}="${value.slice(0, 80)}"`, name);
        data.keepAttr = false;
      }
    });
    // One window for every SVG: a DOMParser document per file is far cheaper than a JSDOM each.
    const parser = new window.DOMParser();
    const parse = (text: string) => parser.parseFromString(text, 'image/svg+xml') as unknown as Document;
    const serializer = new window.XMLSerializer();
    return { purify, parse, serialize: (node: Element) => serializer.serializeToString(node as unknown as Parameters<typeof serializer.serializeToString>[0]) };
  })();
  return loading;
}

/** What DOMPurify removed on its own, in the author's terms; editor metadata (other namespaces) is not worth a word. */
function classifyRemoved(run: Run, removed: DOMPurify['removed']): void {
  for (const entry of removed) {
    if ('element' in entry) {
      const el = entry.element as Element;
      if (el.nodeType !== 1) continue;
      const local = el.localName;
      if (/^(?:script|iframe|object|embed)$/.test(local) && (el.namespaceURI === SVG_NS || el.namespaceURI === XHTML_NS)) note(run, el, 'script', `<${el.nodeName}>`);
      else if (local === 'foreignObject' && el.namespaceURI === SVG_NS) note(run, el, 'foreign-object', '<foreignObject>');
      else if ((el.namespaceURI === SVG_NS && local !== 'metadata') || el.namespaceURI === XHTML_NS) note(run, el, 'removed', `<${el.nodeName}>`);
    } else {
      const el = entry.from as Element;
      const name = entry.attribute?.name ?? '';
      if (!name || run.handled.get(el)?.has(name)) continue;
      if (/^on/i.test(name)) note(run, el, 'script', name);
      else if (/href$/i.test(name)) note(run, el, 'script', `${name}="${(entry.attribute?.value ?? '').slice(0, 80)}"`);
      else if (!name.includes(':')) note(run, el, 'removed', name);
    }
  }
}

/** The SVG as it may go into a package, and what had to be removed from it. */
export async function sanitizeSvg(text: string): Promise<SanitizedSvg> {
  const scan = scanSvg(text);
  if (scan.error) return { text, unchanged: true, findings: [], error: scan.error };
  if (scan.inert) return { text, unchanged: true, findings: [] };
  const { purify, parse, serialize } = await purifier();
  let doc: Document;
  try {
    doc = parse(text);
  } catch (error) {
    return { text, unchanged: true, findings: [], error: { message: (error as Error).message.split('\n')[0]!, line: 1, column: 1 } };
  }
  const run: Run = { positions: new WeakMap(), findings: [], handled: new WeakMap() };
  const elements = [...doc.getElementsByTagName('*')];
  elements.forEach((el, i) => scan.elements[i] && run.positions.set(el, scan.elements[i]!));
  const root = doc.documentElement;
  if (root.localName === 'parsererror') {
    return { text, unchanged: true, findings: [], error: { message: 'not well-formed XML', line: 1, column: 1 } };
  }
  if (root.namespaceURI !== SVG_NS || root.localName !== 'svg') {
    return { text, unchanged: true, findings: [], error: { message: `the root element is <${root.nodeName}>, not <svg>`, line: 1, column: 1 } };
  }
  current = run;
  try {
    purify.sanitize(root, CONFIG);
    classifyRemoved(run, purify.removed);
  } finally {
    current = undefined;
  }
  // Only the root element is written back: an xml-stylesheet instruction (XSLT can turn the file into a scripted page) goes.
  for (const pi of scan.instructions) run.findings.push({ kind: pi.name.toLowerCase() === 'xml-stylesheet' ? 'external' : 'removed', what: `<?${pi.name}?>`, line: pi.line, column: pi.column });
  run.findings.sort((a, b) => a.line - b.line || a.column - b.column);
  const out = serialize(root);
  return { text: `${out}\n`, unchanged: false, findings: run.findings };
}
