/**
 * The SVG sanitiser on its own: what it removes and where it says it was (codes and positions come
 * from asset-safety.ts; here the finding kinds and lines), with generated hostile drawings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeSvg, type FindingKind } from '../../src/package/svg-sanitize.js';
import { scanSvg } from '../../src/package/svg-scan.js';
import { COUNSELLOR } from '../support/build.js';

const OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">';

const url = fc.oneof(fc.webUrl(), fc.constantFrom('/track.png', '../x.svg#a', '//cdn.example/f.woff2', 'other.svg#id'));
const cssUrl = url.chain((u) => fc.constantFrom(`url(${u})`, `URL('${u}')`, `u\\72l("${u}")`, `url( "${u}" )`));
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** One line of a drawing and what the sanitiser must report for it (null: nothing). */
const piece: fc.Arbitrary<[string, FindingKind | null]> = fc.oneof(
  fc.constantFrom<[string, null]>(['<rect width="1" height="1" fill="#123"/>', null], ['<g><circle r="1"/></g>', null], ['<use href="#x"/>', null], ['<path id="x" d="M0 0L1 1" style="stroke:#000"/>', null], ['<text x="1" y="1">a &amp; b</text>', null]),
  fc.constant<[string, FindingKind]>(['<script>alert(1)</script>', 'script']),
  fc.constant<[string, FindingKind]>(['<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>', 'script']),
  fc.constantFrom('load', 'click', 'Focus', 'MOUSEOVER', 'error').map((e): [string, FindingKind] => [`<rect on${e}="alert(1)"/>`, 'script']),
  fc.constantFrom('javascript', 'JaVaScRiPt', ' javascript', 'vbscript').map((s): [string, FindingKind] => [`<a xlink:href="${s}:alert(1)"><rect width="1" height="1"/></a>`, 'script']),
  url.map((u): [string, FindingKind] => [`<image href="${escape(u)}" width="1" height="1"/>`, 'external']),
  url.map((u): [string, FindingKind] => [`<use xlink:href="${escape(u)}"/>`, 'external']),
  cssUrl.map((u): [string, FindingKind] => [`<rect width="1" height="1" style="${escape(`fill:${u}`)}"/>`, 'external']),
  cssUrl.map((u): [string, FindingKind] => [`<rect width="1" height="1" fill="${escape(u)}"/>`, 'external']),
  url.map((u): [string, FindingKind] => [`<style>${escape(`@import url(${u}); rect { fill: red }`)}</style>`, 'external']),
  fc.constant<[string, FindingKind]>(['<foreignObject width="1" height="1"><div xmlns="http://www.w3.org/1999/xhtml">Hi</div></foreignObject>', 'foreign-object']),
);

describe('sanitizeSvg', () => {
  it('reports every active part at its line, and its output is inert when sanitised again', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 8 }), async (pieces) => {
        const svg = [OPEN, ...pieces.map(([line]) => `  ${line}`), '</svg>'].join('\n');
        const result = await sanitizeSvg(svg);
        expect(result.error).toBeUndefined();
        pieces.forEach(([, kind], i) => {
          const line = i + 2;
          const here = result.findings.filter((f) => f.line === line).map((f) => f.kind);
          if (kind) expect(here, `line ${line}: ${pieces[i]![0]}`).toContain(kind);
          else expect(here, `line ${line}: ${pieces[i]![0]}`).toEqual([]);
        });
        if (pieces.every(([, kind]) => kind === null)) expect(result.unchanged).toBe(true);
        const again = await sanitizeSvg(result.text);
        expect(again.findings.filter((f) => f.kind !== 'removed')).toEqual([]);
        expect(result.text).not.toMatch(/<(?:\w+:)?script|\son\w+=|javascript:|foreignObject/i);
      }),
      { seed: 13, numRuns: 40 },
    );
  }, 120_000);

  it('gives the same bytes for the same drawing', async () => {
    const svg = `${OPEN}\n<script>x()</script><rect onclick="x()" style="fill:url(https://t.example/a)"/>\n</svg>`;
    expect((await sanitizeSvg(svg)).text).toBe((await sanitizeSvg(svg)).text);
  });

  it('says where an SVG is not well-formed', async () => {
    const result = await sanitizeSvg(`${OPEN}\n  <rect width="1">\n</svg>`);
    expect(result.error).toMatchObject({ line: 3 });
  });

  it('drops an xml-stylesheet instruction (XSLT could make the file a scripted page), at its place', async () => {
    const result = await sanitizeSvg(`<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="https://x.example/page.xsl"?>\n${OPEN}<rect width="1" height="1"/></svg>`);
    expect(result.findings.map((f) => [f.kind, f.what, f.line])).toEqual([['external', '<?xml-stylesheet?>', 2]]);
    expect(result.text).not.toContain('xml-stylesheet');
  });

  it('takes the SVG 1.1 DOCTYPE of design tools as inert, and refuses entities defined in a DOCTYPE', async () => {
    const doctype = '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">';
    expect(scanSvg(`<?xml version="1.0"?>\n${doctype}\n${OPEN}<rect width="1" height="1"/></svg>`).inert).toBe(true);
    const laughs = `<!DOCTYPE svg [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n${OPEN}\n<text>&b;</text></svg>`;
    expect((await sanitizeSvg(laughs)).error).toBeDefined();
  });

  it('keeps the counsellor training drawings byte for byte, without loading a DOM (plainly inert)', () => {
    const dir = join(COUNSELLOR, 'assets');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.svg'))) {
      expect(scanSvg(readFileSync(join(dir, file), 'utf8')).inert, file).toBe(true);
    }
  });

  it('sends anything off the allow-list to the sanitiser, and the sanitiser keeps the picture', async () => {
    const text = readFileSync(join(COUNSELLOR, 'assets/guidance-journey-en.svg'), 'utf8').replace('<svg ', '<svg onload="x()" ');
    expect(scanSvg(text).inert).toBe(false);
    const result = await sanitizeSvg(text);
    expect(result.findings.map((f) => [f.kind, f.what, f.line])).toEqual([['script', 'onload', 1]]);
    const shapes = (s: string) => s.match(/<(?:rect|circle|text|line|path|g)\b/g)?.length;
    expect(shapes(result.text)).toBe(shapes(text));
  });
});
