/** French typography at render time: non-breaking spaces where French puts a space, nothing else touched. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMarkdown } from '../../src/render/markdown.js';
import { typographyFor } from '../../src/render/typography.js';
import { buildInMemory, COUNSELLOR, fileText } from '../support/build.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const fr = typographyFor('fr');

describe('typographyFor', () => {
  it('French: a narrow no-break space before ; ! ? and inside « », a no-break space before : and %', () => {
    expect(fr('Vraiment ? Oui ! Enfin ; voilà : « le code » à 80 %.')).toBe(
      `Vraiment${NNBSP}? Oui${NNBSP}! Enfin${NNBSP}; voilà${NBSP}: «${NNBSP}le code${NNBSP}» à 80${NBSP}%.`,
    );
  });

  it("French: the typographic apostrophe between letters, never in code", () => {
    expect(fr("l'image d'aujourd'hui")).toBe('l’image d’aujourd’hui');
    expect(createMarkdown({ allowHtml: false, typography: fr }).inline("l'outil `git commit -m 'x'`")).toBe("l’outil <code>git commit -m &#39;x&#39;</code>");
    expect(typographyFor('en')("it's")).toBe("it's");
  });

  it('keeps a placeholder of an interface string with its %: "{percent} %"', () => {
    expect(fr('{percent} % consultés')).toBe(`{percent}${NBSP}% consultés`);
  });

  it('replaces the spaces authors type (a soft line break too) but never adds one', () => {
    expect(fr('Et si je prenais la mauvaise décision\n? »')).toBe(`Et si je prenais la mauvaise décision${NNBSP}?${NNBSP}»`);
    expect(fr('Prête?')).toBe('Prête?');
    expect(fr('https://example.org/a?b=1 à 10:30, ratio 3:2')).toBe('https://example.org/a?b=1 à 10:30, ratio 3:2');
  });

  it('applies to every French variant and to no other language', () => {
    expect(typographyFor('fr-BE')('Quoi ?')).toBe(`Quoi${NNBSP}?`);
    for (const lang of ['en', 'pl', 'fi', 'mt']) expect(typographyFor(lang)('Quoi ? « x »')).toBe('Quoi ? « x »');
  });

  it('in Markdown, changes prose only: code spans, code blocks and link targets keep their spaces', () => {
    const md = createMarkdown({ allowHtml: false, typography: fr });
    expect(md.inline('Pourquoi **pas** ? Tapez `a ? b : c` ou [ce lien](https://example.org/?q=a%20b) !')).toBe(
      `Pourquoi <strong>pas</strong>${NNBSP}? Tapez <code>a ? b : c</code> ou <a href="https://example.org/?q=a%20b" target="_blank" rel="noopener noreferrer">ce lien</a>${NNBSP}!`,
    );
    expect(md.block('```\nif (a ? b : c) {}\n```')).toContain('if (a ? b : c) {}');
    expect(md.inline('<b> ? </b>')).toBe(`&lt;b&gt;${NNBSP}? &lt;/b&gt;`);
  });
});

describe('the counsellor training', () => {
  it('French pages show no breakable space before a high mark or inside « »; the sources keep ordinary spaces; English is untouched', async () => {
    const result = await buildInMemory(COUNSELLOR, { targets: ['web'] });
    const page = (lang: string) => {
      const html = fileText(result.packages.find((p) => p.lang === lang)!, 'index.html');
      return html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ');
    };
    const frText = page('fr');
    expect(frText.match(/\S [?!;:»](?=\s|$)|« /g) ?? []).toEqual([]);
    expect(frText).toContain(`${NNBSP}?`);
    expect(frText).toContain(`«${NNBSP}`);
    expect(page('en')).not.toMatch(/[\u00a0\u202f]/);
    // The build never rewrites courses/: the source still has the spaces the author typed.
    const sources = readdirSync(join(COUNSELLOR, 'modules')).map((f) => readFileSync(join(COUNSELLOR, 'modules', f), 'utf8'));
    expect(sources.some((text) => /« \S/.test(text))).toBe(true);
  });
});
