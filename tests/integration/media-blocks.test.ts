/** Video and audio blocks (issue 15): each author mistake is a diagnostic with its code and position; the fixture builds clean. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { buildInMemory, fileText, ROOT } from '../support/build.js';
import { testdir, type Files } from '../support/testdir.js';

const FIXTURE = join(ROOT, 'tests/fixtures/courses/media');
const asset = (name: string) => readFileSync(join(FIXTURE, 'assets', name));

/** A two-language course whose one page holds `blocks` (YAML, indented as a page's block list). */
function course(blocks: string, extra: Files = {}): string {
  return testdir({
    'course.yaml': 'id: media-test\nversion: 1.0.0\nlanguages: [en, fr]\ntitle: { en: Media, fr: Médias }\nmodules: [modules/m.yaml]\nxapi: { activityBase: https://learning.example.org/courses/ }\n',
    'modules/m.yaml': `id: m\ntitle: { en: M, fr: M }\npages:\n  - id: p\n    title: { en: P, fr: P }\n    blocks:\n${blocks}`,
    'assets/v.webm': asset('conversation.webm'),
    'assets/a.ogg': asset('narration.ogg'),
    'assets/poster.png': asset('conversation-poster.png'),
    'assets/v.en.vtt': asset('conversation.en.vtt'),
    'assets/v.fr.vtt': asset('conversation.fr.vtt'),
    ...extra,
  });
}

const VIDEO = `      - type: video
        id: v
        title: { en: A video, fr: Une vidéo }
        src: assets/v.webm
`;
const CAPTIONS = `        captions:
          en: assets/v.en.vtt
          fr: assets/v.fr.vtt
`;

async function check(dir: string): Promise<Array<Pick<Diagnostic, 'code' | 'file' | 'line' | 'column' | 'severity'>>> {
  const result = await buildInMemory(dir, { checkOnly: true });
  return result.diagnostics.filter((d) => d.severity !== 'info').map(({ code, file, line, column, severity }) => ({ code, file: file?.replace(/^.*coursepack-test-[^/]+\//, ''), line, column, severity }));
}

describe('media rules', () => {
  it('the media fixture checks clean', async () => {
    expect(await check(FIXTURE)).toEqual([]);
  });

  it('a video with speech needs captions, in every course language', async () => {
    expect(await check(course(VIDEO))).toEqual([{ code: 'caption-missing', file: 'modules/m.yaml', line: 7, column: 9, severity: 'error' }]);
    expect(await check(course(`${VIDEO}        captions: { en: assets/v.en.vtt }\n`))).toEqual([{ code: 'caption-language-missing', file: 'modules/m.yaml', line: 11, column: 19, severity: 'error' }]);
    expect(await check(course(`${VIDEO}        speech: false\n`))).toEqual([]);
  });

  it('captions are WebVTT: another format, or a broken file, is reported where the problem is', async () => {
    expect(await check(course(`${VIDEO}        captions: { en: assets/v.en.srt, fr: assets/v.fr.vtt }\n`, { 'assets/v.en.srt': '1\n00:00:00,000 --> 00:00:01,000\nHi\n' }))).toEqual([
      { code: 'caption-format', file: 'modules/m.yaml', line: 11, column: 25, severity: 'error' },
    ]);
    const broken = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nFine.\n\n00:00:03.000 --> 00:00:02.500\nEnds before it starts.\n';
    expect(await check(course(VIDEO + CAPTIONS, { 'assets/v.fr.vtt': broken }))).toEqual([{ code: 'caption-invalid', file: 'assets/v.fr.vtt', line: 6, column: 18, severity: 'error' }]);
    expect(await check(course(VIDEO + CAPTIONS, { 'assets/v.en.vtt': 'WEBVTT\n' }))).toEqual([{ code: 'caption-invalid', file: 'assets/v.en.vtt', line: 1, column: 1, severity: 'error' }]);
  });

  it('audio with speech needs a transcript or captions', async () => {
    const audio = '      - type: audio\n        id: a\n        title: { en: Audio, fr: Audio }\n        src: assets/a.ogg\n';
    expect(await check(course(audio))).toEqual([{ code: 'transcript-missing', file: 'modules/m.yaml', line: 7, column: 9, severity: 'error' }]);
    expect(await check(course(`${audio}        transcript: { en: Words., fr: Des mots. }\n`))).toEqual([]);
    expect(await check(course(audio + CAPTIONS))).toEqual([]);
    // Audio has no url.
    expect((await check(course(`${audio}        speech: false\n        url: https://media.example.org/a.mp3\n`))).map((d) => d.code)).toEqual(['unknown-key']);
  });

  it('media files: an extension the block plays, bytes of that format, one source', async () => {
    expect(await check(course(`${VIDEO.replace('v.webm', 'v.avi')}${CAPTIONS}`, { 'assets/v.avi': 'RIFF' }))).toEqual([{ code: 'media-format', file: 'modules/m.yaml', line: 10, column: 14, severity: 'error' }]);
    expect(await check(course(VIDEO + CAPTIONS, { 'assets/v.webm': '<!doctype html><title>404</title>' }))).toEqual([{ code: 'media-content', file: 'assets/v.webm', line: 1, column: 1, severity: 'error' }]);
    expect(await check(course(`${VIDEO}${CAPTIONS}        url: https://media.example.org/v.mp4\n`))).toEqual([{ code: 'invalid-value', file: 'modules/m.yaml', line: 14, column: 14, severity: 'error' }]);
    expect(await check(course(`${VIDEO}${CAPTIONS}        poster: assets/v.en.vtt\n`))).toEqual([{ code: 'media-format', file: 'modules/m.yaml', line: 14, column: 17, severity: 'error' }]);
    expect((await check(course(`${VIDEO.replace('src: assets/v.webm', 'src: assets/missing.webm')}${CAPTIONS}`))).map((d) => d.code)).toEqual(['missing-asset']);
  });

  it('a large media file gets asset-large', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    asset('conversation.webm').copy(big);
    expect(await check(course(VIDEO + CAPTIONS, { 'assets/v.webm': big }))).toEqual([{ code: 'asset-large', file: 'modules/m.yaml', line: 10, column: 14, severity: 'warning' }]);
  });

  it('an external url must be an https video file', async () => {
    const external = (url: string) => course(`      - type: video\n        id: v\n        title: { en: A video, fr: Une vidéo }\n        url: ${url}\n${CAPTIONS}`);
    expect(await check(external('http://media.example.org/v.mp4'))).toEqual([{ code: 'media-url', file: 'modules/m.yaml', line: 10, column: 14, severity: 'error' }]);
    expect(await check(external('https://www.youtube.com/watch?v=abc'))).toEqual([{ code: 'media-url', file: 'modules/m.yaml', line: 10, column: 14, severity: 'error' }]);
  });
});

describe('an external video', () => {
  it('warns (external-request) where the url is written, and opens media-src to its origin in that package only', async () => {
    const dir = course(`      - type: video\n        id: v\n        title: { en: A video, fr: Une vidéo }\n        url: https://media.example.org/talks/v.webm\n${CAPTIONS}`);
    const result = await buildInMemory(dir, { targets: ['scorm12', 'xapi', 'web'], langs: ['en'] });
    expect(result.diagnostics.filter((d) => d.severity !== 'info').map(({ code, line, column }) => ({ code, line, column }))).toEqual([{ code: 'external-request', line: 10, column: 14 }]);
    for (const pkg of result.packages) {
      const html = fileText(pkg, 'index.html');
      const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replace(/&#39;/g, "'");
      expect(csp, pkg.target).toContain("media-src 'self' https://media.example.org;");
      expect(csp).not.toContain('frame-src');
      expect(html).toContain('<source src="https://media.example.org/talks/v.webm" type="video/webm">');
    }
    const plain = await buildInMemory(FIXTURE, { targets: ['scorm12'], langs: ['en'] });
    expect(fileText(plain.packages[0]!, 'index.html')).toContain('media-src &#39;self&#39;;');
  });
});

describe('packages carry the media', () => {
  it('every target lists the media, posters and every language\'s captions; SCORM manifests name them', async () => {
    const result = await buildInMemory(FIXTURE, { targets: ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web'] });
    expect(result.ok).toBe(true);
    expect(result.packages).toHaveLength(10);
    const media = ['assets/conversation-poster.png', 'assets/conversation.en.vtt', 'assets/conversation.fr.vtt', 'assets/conversation.webm', 'assets/narration.ogg', 'blocks/audio.js', 'blocks/video.js'];
    for (const pkg of result.packages) {
      expect(pkg.files.map((f) => f.path).filter((p) => p.startsWith('assets/') || p.startsWith('blocks/')).sort(), `${pkg.target} ${pkg.lang}`).toEqual(media);
      if (pkg.target.startsWith('scorm')) for (const path of media) expect(fileText(pkg, 'imsmanifest.xml')).toContain(`href="${path}"`);
    }
  });
});

describe('--allow-missing', () => {
  it('builds a language without captions with the source language\'s as the default track, with a warning', async () => {
    const dir = course(`${VIDEO}        captions: { en: assets/v.en.vtt }\n`);
    const result = await buildInMemory(dir, { targets: ['web'], langs: ['fr'], allowMissing: true });
    expect(result.ok).toBe(true);
    expect(result.diagnostics.filter((d) => d.severity !== 'info').map((d) => [d.code, d.severity])).toEqual([['caption-language-missing', 'warning']]);
    expect(fileText(result.packages[0]!, 'index.html')).toContain('<track kind="captions" src="assets/v.en.vtt" srclang="en" label="English" default>');
  });
});

describe('cue text is text', () => {
  it('the transcript shows cue text escaped, WebVTT tags removed and references decoded: no markup of the cue reaches the page', async () => {
    const hostile = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Samira>Use <b>care</b> &lt;here&gt; <script>alert(1)</script><img src=x onerror=alert(2)>\n';
    const result = await buildInMemory(course(VIDEO + CAPTIONS, { 'assets/v.en.vtt': hostile }), { targets: ['web'], langs: ['en'] });
    expect(result.ok).toBe(true);
    const html = fileText(result.packages[0]!, 'index.html');
    expect(html).toContain('<span class="cp-cue-time">00:00</span> Samira: Use care &lt;here&gt; alert(1)</p>');
    expect(html).not.toMatch(/<script>alert|onerror=alert/);
  });
});

describe('preview serves media', () => {
  it('with their media types, and byte ranges for seeking', async () => {
    const { startPreview } = await import('../../src/preview/server.js');
    const preview = await startPreview({ course: FIXTURE, port: 0, cwd: ROOT, log: () => {} });
    try {
      const webm = asset('conversation.webm');
      const whole = await fetch(`${preview.url}course/assets/conversation.webm`);
      expect([whole.status, whole.headers.get('content-type'), Buffer.from(await whole.arrayBuffer()).equals(webm)]).toEqual([200, 'video/webm', true]);
      const part = await fetch(`${preview.url}course/assets/conversation.webm`, { headers: { Range: 'bytes=100-199' } });
      expect([part.status, part.headers.get('content-range')]).toEqual([206, `bytes 100-199/${webm.length}`]);
      expect(Buffer.from(await part.arrayBuffer()).equals(webm.subarray(100, 200))).toBe(true);
      expect((await fetch(`${preview.url}course/assets/conversation.en.vtt`)).headers.get('content-type')).toBe('text/vtt; charset=utf-8');
      expect((await fetch(`${preview.url}course/assets/narration.ogg`)).headers.get('content-type')).toBe('audio/ogg');
    } finally {
      await preview.close();
    }
  });
});
