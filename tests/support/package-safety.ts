/**
 * What every built package must be, whatever the author wrote: manifests well-formed and valid
 * against the official schemas, a page that parses with every author text where it belongs and no
 * script but the player's and, for issue 15's blocks, the shipped `blocks/<kind>.js` of the kinds
 * the page uses (byte for byte the build's bundles when `options.blockScripts` gives them); module
 * scripts of split courses hold only their data. Returns the problems found (empty when sound).
 */
import { SCRIPTED_BLOCKS } from '../../src/player/blocks/kinds.js';
import { blockShapes, executableMarkup, htmlStrings, parseHtml, type BlockShape } from './html-safety.js';
import { validateManifest } from './xsd.js';
import { readZip } from './zip-reader.js';

const MANIFESTS: Record<string, { file: string; standard: 'scorm12' | 'scorm2004' | 'tincan' | 'cmi5' } | undefined> = {
  scorm12: { file: 'imsmanifest.xml', standard: 'scorm12' },
  scorm2004: { file: 'imsmanifest.xml', standard: 'scorm2004' },
  xapi: { file: 'tincan.xml', standard: 'tincan' },
  cmi5: { file: 'cmi5.xml', standard: 'cmi5' },
  web: undefined,
};

/** Characters no text file of a package may hold (XML 1.0 cannot, HTML calls them parse errors). */
export interface SafetyOptions {
  /** The build's `blocks/<kind>.js` bundles, by kind: each shipped one must be exactly that. */
  blockScripts?: Record<string, string>;
  /** The blocks the course's pages hold, in order (html-safety.ts `blockShapes`): author text that escaped its element changes them. Only for a course whose pages are all in index.html (not split). */
  blocks?: BlockShape[];
}

const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function packageProblems(zip: Buffer, target: string, options: SafetyOptions = {}): string[] {
  const problems: string[] = [];
  const entries = new Map(readZip(zip).map((e) => [e.name, e.data]));
  for (const [name, data] of entries) {
    if (!/\.(?:html|xml|css|json|vtt)$/.test(name)) continue;
    const bad = ILLEGAL.exec(data.toString('utf8'));
    if (bad) problems.push(`${name} holds U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  const manifest = MANIFESTS[target];
  if (manifest) {
    const xml = entries.get(manifest.file);
    if (!xml) problems.push(`no ${manifest.file}`);
    else {
      const result = validateManifest(manifest.standard, xml.toString('utf8'));
      if (!result.ok) problems.push(`${manifest.file} is not valid: ${result.output.slice(0, 2000)}`);
    }
  }
  const html = entries.get('index.html')?.toString('utf8');
  if (html === undefined) return [...problems, 'no index.html'];
  const page = parseHtml(html);
  problems.push(...executableMarkup(page, { playerScripts: true }).map((m) => `index.html runs ${m}`));
  const scripts = [...page.querySelectorAll('script')].map((s) => s.getAttribute('src') ?? s.id);
  // The kinds in this page or in a module script (whose JSON escapes the quotes).
  const markup = [html, ...[...entries].filter(([name]) => name.startsWith('modules/')).map(([, data]) => data.toString('utf8'))].join('\n');
  const uses = (text: string) => SCRIPTED_BLOCKS.filter((kind) => new RegExp(`data-cp-block=\\\\?"${kind}\\\\?"`).test(text)).sort();
  const kinds = uses(markup);
  // index.html loads the scripts of the kinds its own pages use; a module script's kinds load with
  // it (its entry's `blocks` in the course data, src/player/core/module-loader.ts).
  const startKinds = uses(html);
  const expectedScripts = ['cp-data', ...startKinds.map((k) => `blocks/${k}.js`), 'player.js'];
  if (scripts.join(',') !== expectedScripts.join(',')) problems.push(`index.html scripts: ${scripts.join(', ')} (expected ${expectedScripts.join(', ')})`);
  let modules: Array<{ file?: string; blocks?: string[] }> = [];
  try {
    modules = (JSON.parse(page.getElementById('cp-data')?.textContent ?? '{}') as { modules?: typeof modules }).modules ?? [];
  } catch {
    // reported below with the rest of the course data
  }
  for (const [name, data] of entries) {
    if (!name.startsWith('modules/')) continue;
    const listed = modules.find((m) => m.file === name)?.blocks ?? [];
    const needed = uses(data.toString('utf8')).filter((k) => !startKinds.includes(k)).map((k) => `blocks/${k}.js`);
    if (listed.join(',') !== needed.join(',')) problems.push(`${name} lists block scripts ${listed.join(', ') || 'none'} (expected ${needed.join(', ') || 'none'})`);
  }
  problems.push(...scriptFileProblems(entries, kinds, options));
  if (options.blocks) {
    const found = JSON.stringify(blockShapes(page));
    if (found !== JSON.stringify(options.blocks)) problems.push(`index.html blocks ${found} differ from the course's ${JSON.stringify(options.blocks)}`);
  }
  let data: { pages: unknown[]; assessments: unknown[] } | undefined;
  try {
    data = JSON.parse(page.getElementById('cp-data')?.textContent ?? '') as { pages: unknown[]; assessments: unknown[] };
  } catch (error) {
    problems.push(`the course data does not parse: ${(error as Error).message}`);
  }
  if (data) {
    // An author text that escaped its element would add or swallow sections.
    const sections = page.querySelectorAll('section.cp-page').length + moduleHtmls(entries).reduce((n, html) => n + parseHtml(`<body>${html}`).querySelectorAll('section.cp-page').length, 0);
    const expected = data.pages.length + data.assessments.length;
    if (sections !== expected) problems.push(`index.html and its module scripts have ${sections} page sections for ${expected} pages and assessments`);
    for (const fragment of htmlStrings(data)) problems.push(...executableMarkup(parseHtml(fragment), { playerScripts: false }).map((m) => `course data runs ${m}`));
  }
  return problems;
}

/** Every script in the package is the player, a block kind the page uses (the build's bundle), or a module script holding only data. */
function scriptFileProblems(entries: Map<string, Buffer>, kinds: string[], options: SafetyOptions): string[] {
  const problems: string[] = [];
  for (const [name, data] of entries) {
    if (!/\.m?js$/i.test(name) || name === 'player.js') continue;
    const kind = /^blocks\/([a-z-]+)\.js$/.exec(name)?.[1];
    if (kind !== undefined && kinds.includes(kind)) {
      const shipped = options.blockScripts?.[kind];
      if (shipped !== undefined && data.toString('utf8') !== shipped) problems.push(`${name} is not the build's ${kind} block script`);
      continue;
    }
    const chunk = /^modules\/[a-z0-9-]+\.js$/.test(name) ? /^coursepackModule\((.*)\);\n$/s.exec(data.toString('utf8')) : null;
    if (!chunk) {
      problems.push(`${name} is a script the page does not need`);
      continue;
    }
    try {
      const module = JSON.parse(chunk[1]!) as { html: string; questions: Record<string, unknown> };
      problems.push(...executableMarkup(parseHtml(`<body>${module.html}`), { playerScripts: false }).map((m) => `${name} runs ${m}`));
      for (const fragment of htmlStrings(module)) problems.push(...executableMarkup(parseHtml(fragment), { playerScripts: false }).map((m) => `${name} data runs ${m}`));
    } catch (error) {
      problems.push(`${name} is not a module call with JSON: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** The page markup of a split course's module scripts (those that parse; scriptFileProblems reports the others). */
function moduleHtmls(entries: Map<string, Buffer>): string[] {
  return [...entries].flatMap(([name, data]) => {
    const chunk = /^modules\/[a-z0-9-]+\.js$/.test(name) ? /^coursepackModule\((.*)\);\n$/s.exec(data.toString('utf8')) : null;
    try {
      return chunk ? [(JSON.parse(chunk[1]!) as { html: string }).html] : [];
    } catch {
      return [];
    }
  });
}
