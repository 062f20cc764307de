/** `external-request` warnings: what raw HTML in Markdown loads from other sites, and where it is written. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestsInHtml } from '../../src/package/external-requests.js';
import { buildInMemory } from '../support/build.js';
import { testdir, validCourse } from '../support/testdir.js';

describe('requestsInHtml', () => {
  it.each([
    ['<img src="https://t.example/p.gif" alt="">', ['https://t.example/p.gif']],
    ["<iframe src='//video.example/embed/1'></iframe>", ['//video.example/embed/1']],
    ['<link rel="stylesheet" href="https://fonts.example/css?family=A&amp;b=1">', ['https://fonts.example/css?family=A&b=1']],
    ['<img srcset="https://a.example/1.png 1x, assets/2.png 2x">', ['https://a.example/1.png']],
    ['<p style="background: url(\'https://b.example/b.png\')">x</p>', ['https://b.example/b.png']],
    ['<style>@import "https://c.example/c.css";</style>', ['https://c.example/c.css']],
    ['<a href="https://example.org/">a link is followed, not loaded</a>', []],
    ['<img src="assets/pic.svg" alt="in the package">', []],
  ])('%s', (html, expected) => {
    expect(requestsInHtml(html)).toEqual(expected);
  });

  it('finds every remote src among generated tags and attributes', () => {
    const tag = fc.record({
      name: fc.constantFrom('img', 'video', 'audio', 'script', 'iframe', 'source', 'embed'),
      url: fc.webUrl(),
      quote: fc.constantFrom('"', "'"),
      before: fc.constantFrom('', ' alt="x"', ' class="a b"', " title='y > z'"),
    });
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 6 }), (tags) => {
        const html = tags.map((t) => `<${t.name}${t.before} src=${t.quote}${t.url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}${t.quote}>`).join('\n');
        expect(requestsInHtml(html)).toEqual(tags.map((t) => t.url));
      }),
      { seed: 13, numRuns: 200 },
    );
  });
});

describe('check lists external requests', () => {
  it('warns at each place a remote address is written, only when raw HTML is allowed', async () => {
    const files = validCourse();
    files['course.yaml'] = `${String(files['course.yaml'])}allowHtml: true\n`;
    files['modules/one.yaml'] = String(files['modules/one.yaml']).replace(
      '          en: Hello, see [the quiz](#quiz-page).',
      '          en: Hello <img src="https://tracker.example/p.gif" alt=""> and <a href="https://example.org/">a link</a>.',
    ).replace('          fr: Bonjour, voir [le quiz](#quiz-page).', '          fr: Bonjour <img src="https://tracker.example/p.gif" alt="">.');
    const result = await buildInMemory(testdir(files), { checkOnly: true });
    const found = result.diagnostics.filter((d) => d.code === 'external-request').map((d) => [d.severity, d.file?.replace(/^.*\/(modules\/)/, '$1'), d.line, d.column]);
    expect(found).toEqual([
      ['warning', 'modules/one.yaml', 9, 31],
      ['warning', 'modules/one.yaml', 10, 33],
    ]);
    const escaped = validCourse();
    escaped['modules/one.yaml'] = files['modules/one.yaml']!;
    const quiet = await buildInMemory(testdir(escaped), { checkOnly: true });
    expect(quiet.diagnostics.filter((d) => d.code === 'external-request')).toEqual([]);
  });
});
