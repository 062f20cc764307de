/**
 * What a package's pages load from other sites by themselves (not links a learner follows): with
 * `allowHtml`, raw HTML in Markdown can embed images, frames, scripts, styles or fonts from
 * anywhere. Each is a warning (`external-request`) at every place its address is written, so
 * partners' data-protection officers see every third party a package talks to. Without
 * `allowHtml` raw HTML is escaped and remote Markdown images are refused (asset-outside-course);
 * SVG assets lose their external references at build time (asset-safety.ts).
 */
import type { Course } from '../course/model.js';
import { diag, type Diagnostic } from '../diagnostics/index.js';

/** Attributes that make the browser fetch, by the tags they fetch on (`*`: any tag). */
const FETCHING: Record<string, string[] | '*'> = {
  src: '*',
  srcset: '*',
  poster: '*',
  background: '*',
  data: ['object'],
  href: ['link', 'image', 'use'],
  'xlink:href': ['image', 'use'],
};
const REMOTE = /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i;

/** Remote addresses a fragment of HTML loads when shown. */
export function requestsInHtml(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.matchAll(/<([a-z][\w:-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi)) {
    const name = tag[1]!.toLowerCase();
    for (const attr of tag[2]!.matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
      const key = attr[1]!.toLowerCase();
      const value = decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? '');
      const tags = FETCHING[key];
      if (key === 'style') found.push(...requestsInCss(value));
      else if (tags && (tags === '*' || tags.includes(name))) {
        const urls = key === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [value];
        found.push(...urls.filter((u) => REMOTE.test(u)).map((u) => u.trim()));
      }
    }
  }
  for (const style of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) found.push(...requestsInCss(style[1]!));
  return found;
}

const NAMED: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|quot|apos|lt|gt));/gi, (_, dec: string, hex: string, name: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : NAMED[name.toLowerCase()]!,
  );
}

function requestsInCss(css: string): string[] {
  const urls = [...css.matchAll(/(?:url\(\s*["']?|@import\s+["'])([^"')\s]+)/gi)].map((m) => m[1]!);
  return urls.filter((u) => REMOTE.test(u));
}

function texts(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes('<')) out.push(value);
  } else if (Array.isArray(value)) value.forEach((v) => texts(v, out));
  else if (value && typeof value === 'object') for (const v of Object.values(value)) texts(v, out);
  return out;
}

/** A warning at each place (file, line, column) where a remote address the pages load is written. */
export function externalRequests(course: Course, files: Map<string, string>): Diagnostic[] {
  const media = externalMedia(course, files);
  if (!course.allowHtml) return media;
  const urls = new Set(texts([course.title, course.modules, course.assessments], []).flatMap(requestsInHtml));
  const out: Diagnostic[] = [];
  for (const url of [...urls].sort()) {
    let placed = false;
    for (const [file, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      for (let i = text.indexOf(url); i >= 0; i = text.indexOf(url, i + url.length)) {
        const before = text.slice(0, i);
        const line = before.split('\n').length;
        out.push(diag('external-request', `the page loads ${url} from another site`, { file, line, column: i - before.lastIndexOf('\n') }));
        placed = true;
      }
    }
    if (!placed) out.push(diag('external-request', `the page loads ${url} from another site`, { file: 'course.yaml', line: 1, column: 1 }));
  }
  return [...media, ...out];
}

/**
 * A video block's `url` (issue 15): the browser fetches the video from that site when the learner
 * plays it (and its first bytes with `preload="metadata"` when the page opens). One warning where
 * each `url:` is written; the package's CSP allows that origin in `media-src` (src/render/media-view.ts).
 */
function externalMedia(course: Course, files: Map<string, string>): Diagnostic[] {
  const urls = new Set(course.modules.flatMap((m) => m.pages.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'video' && b.url ? [b.url] : [])))));
  const out: Diagnostic[] = [];
  for (const url of [...urls].sort()) {
    for (const [file, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      for (const match of text.matchAll(/^([ \t-]*url:[ \t]*["']?)(\S+?)["']?[ \t]*(?:#.*)?$/gm)) {
        if (match[2] !== url) continue;
        const index = match.index + match[1]!.length;
        const before = text.slice(0, index);
        out.push(diag('external-request', `the video is loaded from ${new URL(url).origin} when the page opens and while it plays`, { file, line: before.split('\n').length, column: index - before.lastIndexOf('\n') }));
      }
    }
  }
  return out;
}
