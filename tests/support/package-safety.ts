/**
 * What every built package must be, whatever the author wrote: manifests well-formed and valid
 * against the official schemas, a page that parses with every author text where it belongs and no
 * script but the player's. Returns the problems found (empty when the package is sound).
 */
import { executableMarkup, htmlStrings, parseHtml } from './html-safety.js';
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
const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function packageProblems(zip: Buffer, target: string): string[] {
  const problems: string[] = [];
  const entries = new Map(readZip(zip).map((e) => [e.name, e.data]));
  for (const [name, data] of entries) {
    if (!/\.(?:html|xml|css|json)$/.test(name)) continue;
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
  if (scripts.join(',') !== 'cp-data,player.js') problems.push(`index.html scripts: ${scripts.join(', ')}`);
  let data: { pages: unknown[]; assessments: unknown[] } | undefined;
  try {
    data = JSON.parse(page.getElementById('cp-data')?.textContent ?? '') as { pages: unknown[]; assessments: unknown[] };
  } catch (error) {
    problems.push(`the course data does not parse: ${(error as Error).message}`);
  }
  if (data) {
    // An author text that escaped its element would add or swallow sections.
    const sections = page.querySelectorAll('section.cp-page').length;
    const expected = data.pages.length + data.assessments.length;
    if (sections !== expected) problems.push(`index.html has ${sections} page sections for ${expected} pages and assessments`);
    for (const fragment of htmlStrings(data)) problems.push(...executableMarkup(parseHtml(fragment), { playerScripts: false }).map((m) => `course data runs ${m}`));
  }
  return problems;
}
