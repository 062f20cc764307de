/**
 * fast-check arbitraries for issue 15's blocks (accordion, tabs, flip-cards, stepper, hotspots,
 * video, audio, scenario), used by course-arbitrary.ts. Every text field takes the generator's
 * hostile strings; caption files (WebVTT) carry hostile cue texts. With `structures: 'any'` a block
 * may also be broken on purpose (lists empty or too long, hotspots off the picture, scenario graphs
 * with random edges, malformed caption files, missing or mislabelled media files); each breakage
 * names, in `expect`, an error code the build must report.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type Text = string | Record<string, string>;

/** What a block generator needs from the course generator. */
export interface BlockCtx {
  langs: string[];
  /** Whether texts hold any Unicode ('any') or only what the loader accepts. */
  anyChars: boolean;
  /** 'any': blocks may be invalid on purpose. */
  structures: 'valid' | 'any';
  text: () => fc.Arbitrary<Text>;
  /** A text with a non-blank value in every language (alt texts of accepted courses). */
  nonBlankText: () => fc.Arbitrary<Text>;
  /** A text that names a control (src/course/label-rules.ts): never blank in accepted courses. */
  labelText: () => fc.Arbitrary<Text>;
  /** A raw string (for one language), e.g. a caption cue. */
  string: () => fc.Arbitrary<string>;
  id: fc.Arbitrary<string>;
}

/**
 * A generated block: `captions` holds the WebVTT text of each language (course-arbitrary.ts gives
 * them file names), `expect` the error codes the build must report because of a breakage.
 */
export interface GeneratedBlock {
  block: Record<string, unknown>;
  captions?: Record<string, string | Uint8Array>;
  expect: string[];
}

const FIXTURES = resolve(import.meta.dirname, '../fixtures/courses/media/assets');

/**
 * Media files every generated course holds: real ones from the media fixture (a synthetic WebM and
 * Ogg), and the smallest files whose first bytes are what their names say (an MP4 `ftyp` box, an
 * MP3 ID3 tag); and two whose bytes lie about their names.
 */
export function mediaFiles(): Record<string, Uint8Array> {
  return {
    'assets/v.webm': readFileSync(resolve(FIXTURES, 'conversation.webm')),
    'assets/a.ogg': readFileSync(resolve(FIXTURES, 'narration.ogg')),
    'assets/v.mp4': Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'),
    'assets/a.mp3': Buffer.concat([Buffer.from('ID3', 'latin1'), Buffer.from([4, 0, 0, 0, 0, 0, 0])]),
    'assets/fake.mp4': Buffer.from('<!DOCTYPE html><title>Not found</title>', 'utf8'),
    'assets/fake.mp3': Buffer.from('<?xml version="1.0"?><Error>AccessDenied</Error>', 'utf8'),
  };
}

const clean = (o: object) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const valid = (block: Record<string, unknown>): GeneratedBlock => ({ block: clean(block), expect: [] });

/** A list of `min..max` items, or (structures 'any', sometimes) one outside those bounds. */
function listArb<T>(ctx: BlockCtx, item: fc.Arbitrary<T>, min: number, max: number, validMax = Math.min(max, 4)): fc.Arbitrary<{ list: T[]; broken: boolean }> {
  const ok = fc.array(item, { minLength: min, maxLength: validMax }).map((list) => ({ list, broken: false }));
  if (ctx.structures === 'valid') return ok;
  const tooFew = min > 0 ? [fc.array(item, { maxLength: min - 1 }).map((list) => ({ list, broken: true }))] : [];
  const tooMany = fc.array(item, { minLength: max + 1, maxLength: max + 1 }).map((list) => ({ list, broken: true }));
  return fc.oneof({ weight: 6, arbitrary: ok }, ...tooFew.map((a) => ({ weight: 1, arbitrary: a })), { weight: 1, arbitrary: tooMany });
}

function panelsArb(ctx: BlockCtx, type: 'accordion' | 'tabs' | 'stepper', min: number, max: number): fc.Arbitrary<GeneratedBlock> {
  // An accordion section's or a tab's title names its button; a step's title is a heading.
  const panel = fc.record({ title: ctx.labelText(), body: ctx.text() });
  const key = type === 'stepper' ? 'steps' : 'items';
  return fc.record({ title: opt(ctx.text()), panels: listArb(ctx, panel, min, max) }).map(({ title, panels }) => ({
    block: clean({ type, title, [key]: panels.list }),
    expect: panels.broken ? ['invalid-value'] : [],
  }));
}

function flipCardsArb(ctx: BlockCtx): fc.Arbitrary<GeneratedBlock> {
  const card = fc.record({ front: ctx.labelText(), back: ctx.text() });
  return fc.record({ title: opt(ctx.text()), cards: listArb(ctx, card, 1, 12) }).map(({ title, cards }) => ({
    block: clean({ type: 'flip-cards', title, cards: cards.list }),
    expect: cards.broken ? ['invalid-value'] : [],
  }));
}

/** A coordinate in 0..100, or (structures 'any') sometimes just outside or far outside. */
function coordinateArb(ctx: BlockCtx): fc.Arbitrary<{ value: number; broken: boolean }> {
  const inside = fc.oneof(fc.constantFrom(0, 100, 50), fc.double({ min: 0, max: 100, noNaN: true })).map((value) => ({ value, broken: false }));
  if (ctx.structures === 'valid') return inside;
  const outside = fc.oneof(fc.constantFrom(-0.001, 100.001, -1e9, 1e12, 101), fc.double({ min: 100.0001, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: -0.0001, noNaN: true }));
  return fc.oneof({ weight: 5, arbitrary: inside }, { weight: 1, arbitrary: outside.map((value) => ({ value, broken: true })) });
}

/**
 * A file path, or (in a course of several languages, sometimes) one path per language; with
 * structures 'any', sometimes a language is left out, which must earn `missing`.
 */
function perLanguageArb(ctx: BlockCtx, path: string, missing: string, other = path): fc.Arbitrary<{ src: string | Record<string, string>; expect: string[] }> {
  const one = fc.constant({ src: path as string | Record<string, string>, expect: [] as string[] });
  if (ctx.langs.length < 2) return one;
  const all = Object.fromEntries(ctx.langs.map((l, i) => [l, i % 2 ? other : path]));
  const choices = [{ weight: 2, arbitrary: one }, { weight: 1, arbitrary: fc.constant({ src: all as string | Record<string, string>, expect: [] as string[] }) }];
  if (ctx.structures === 'any') choices.push({ weight: 1, arbitrary: fc.constant({ src: { [ctx.langs[0]!]: path }, expect: [missing] }) });
  return fc.oneof(...choices);
}

function hotspotsArb(ctx: BlockCtx): fc.Arbitrary<GeneratedBlock> {
  const spot = fc.record({ x: coordinateArb(ctx), y: coordinateArb(ctx), label: ctx.labelText(), body: ctx.text() });
  return fc.record({ title: opt(ctx.text()), alt: ctx.nonBlankText(), spots: listArb(ctx, spot, 1, 20), src: perLanguageArb(ctx, 'assets/pic.svg', 'untranslated-image') }).map(({ title, alt, spots, src }) => ({
    block: clean({ type: 'hotspots', title, image: { src: src.src, alt }, spots: spots.list.map((s) => ({ x: s.x.value, y: s.y.value, label: s.label, body: s.body })) }),
    expect: spots.broken || spots.list.some((s) => s.x.broken || s.y.broken) ? ['invalid-value'] : src.expect,
  }));
}

// ---- captions -------------------------------------------------------------------------------

/** Cue text the WebVTT reader must accept: no blank line, no "-->", not empty. */
export function asCueText(text: string): string {
  const lines = text.replace(/-->/g, '->').split(/\r\n|\r|\n/).filter((l) => l !== '');
  return lines.length ? lines.join('\n') : '·';
}

const stamp = (ms: number) => {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
};

/** A valid WebVTT file whose cues hold hostile texts (with voice and italic tags sometimes). */
function vttArb(ctx: BlockCtx): fc.Arbitrary<string> {
  const cue = fc.tuple(ctx.string(), fc.constantFrom('', '<v Samira>', '<i>', '<v.loud <b>>', '<c.x>'), opt(fc.constantFrom('1', 'intro', 'cue <b>', '😀')));
  return fc.array(cue, { minLength: 1, maxLength: 4 }).map((cues) => {
    const blocks = cues.map(([text, tag, id], i) => [...(id === undefined ? [] : [`${id}-${i}`]), `${stamp(i * 2000)} --> ${stamp(i * 2000 + 1500)}`, `${tag}${asCueText(text)}`].join('\n'));
    return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
  });
}

/** Ways to break a caption file; each makes `caption-invalid`. */
const VTT_BREAKAGES: Array<(vtt: string) => string | Uint8Array> = [
  (v) => v.replace(/^WEBVTT/, 'WEBVT'),
  (v) => v.replace(/^WEBVTT/, 'WEBVTTX'),
  (v) => v.replace(' --> ', ' -> '),
  (v) => v.replace(/(\d{2}:\d{2}:\d{2}\.\d{3}) --> (\d{2}:\d{2}:\d{2}\.\d{3})/, '$2 --> $1'),
  (v) => v.replace(/\.(\d{3}) -->/, '.$1$1 -->'),
  (v) => `${v}\n00:00:00.000 --> 00:00:00.500\n<script>alert(1)</script>\n00:01:00.000 --> 00:01:01.000\nno blank line\n`,
  (v) => `${v}\n99:99:99.999 --> 00:00:01.000\n"><img src=x onerror=alert(1)>\n`,
  (v) => v.replace('WEBVTT\n\n', 'WEBVTT\n\nSTYLE\n::cue { color: red }\n\n'),
  (v) => `${v}\n00:00:09.000 --> 00:00:10.000\n`,
  (v) => `${v}\n00:00:09.000 --> 00:00:10.000 onerror=alert(1)\ntext\n`,
  (v) => Buffer.concat([Buffer.from(v, 'utf8'), Buffer.from([0xff, 0xfe, 0xc3])]),
  () => '',
  () => 'WEBVTT\n',
];

function captionsArb(ctx: BlockCtx): fc.Arbitrary<{ files: Record<string, string | Uint8Array>; expect: string[] }> {
  const one = ctx.structures === 'valid'
    ? vttArb(ctx).map((text) => ({ text: text as string | Uint8Array, broken: false }))
    : fc.oneof(
        { weight: 4, arbitrary: vttArb(ctx).map((text) => ({ text: text as string | Uint8Array, broken: false })) },
        { weight: 1, arbitrary: fc.tuple(vttArb(ctx), fc.nat(VTT_BREAKAGES.length - 1)).map(([text, i]) => ({ text: VTT_BREAKAGES[i]!(text), broken: true })) },
      );
  return fc.tuple(...ctx.langs.map(() => one), ctx.structures === 'any' ? fc.nat(9) : fc.constant(1)).map((parts) => {
    const drop = parts.pop() === 0 && ctx.langs.length > 1;
    const list = parts as Array<{ text: string | Uint8Array; broken: boolean }>;
    const files = Object.fromEntries(ctx.langs.map((l, i) => [l, list[i]!.text]).filter(([l]) => !(drop && l === ctx.langs[0])));
    const expect = [...(list.some((p, i) => p.broken && !(drop && i === 0)) ? ['caption-invalid'] : []), ...(drop ? ['caption-language-missing'] : [])];
    return { files, expect };
  });
}

// ---- media -------------------------------------------------------------------------------------

function mediaArb(ctx: BlockCtx, type: 'video' | 'audio'): fc.Arbitrary<GeneratedBlock> {
  const sources = type === 'video' ? ['assets/v.webm', 'assets/v.mp4'] : ['assets/a.mp3', 'assets/a.ogg', 'assets/v.webm'];
  const badSources: Array<[string, string]> = [
    [type === 'video' ? 'assets/fake.mp4' : 'assets/fake.mp3', 'media-content'],
    ['assets/pic.svg', 'media-format'],
    ['assets/none.webm', 'missing-asset'],
  ];
  const good = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...sources).map((s) => ({ src: s as string | Record<string, string>, expect: [] as string[] })) },
    { weight: 1, arbitrary: perLanguageArb(ctx, sources[0]!, 'untranslated-media', sources[1]) },
  );
  const src = ctx.structures === 'valid'
    ? good
    : fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: fc.constantFrom(...badSources).map(([s, code]) => ({ src: s as string | Record<string, string>, expect: [code] })) });
  const words = fc.constantFrom('captions', 'transcript', 'both', ...(ctx.structures === 'any' ? ['neither'] : []));
  return fc
    .record({ id: ctx.id, title: ctx.labelText(), src, words, captions: captionsArb(ctx), transcript: ctx.text(), speech: fc.boolean(), completion: fc.boolean(), poster: fc.boolean(), external: fc.boolean() })
    .map((m) => {
      const expect = [...m.src.expect];
      const withCaptions = m.words === 'captions' || m.words === 'both' || (type === 'video' && m.speech && m.words !== 'neither');
      const withTranscript = m.words === 'transcript' || m.words === 'both';
      if (withCaptions) expect.push(...m.captions.expect);
      else if (m.speech && type === 'video') expect.push('caption-missing');
      else if (m.speech && !withTranscript) expect.push('transcript-missing');
      const external = type === 'video' && m.external && m.src.expect.length === 0;
      return {
        block: clean({
          type,
          id: m.id,
          title: m.title,
          ...(external ? { url: 'https://media.example.org/talks/a%22b.mp4?x=<y>' } : { src: m.src.src }),
          ...(type === 'video' && m.poster ? { poster: 'assets/pic.svg' } : {}),
          ...(m.speech ? {} : { speech: false }),
          ...(withTranscript ? { transcript: m.transcript } : {}),
          ...(m.completion ? { completion: 'watched' } : {}),
        }),
        ...(withCaptions ? { captions: m.captions.files } : {}),
        expect,
      };
    });
}

// ---- scenario ----------------------------------------------------------------------------------

const NODE_IDS = ['start', 'n1', 'n2', 'n3', 'n4', 'n5', 'end-good', 'end-poor'];

/**
 * A valid graph: non-endings in a chain to the last of them, which leads to every ending; extra
 * random edges (loops back, jumps ahead) never cut a way out. Listed in a random order, with
 * `start` named when the first node listed is not the start.
 */
function validScenarioArb(ctx: BlockCtx) {
  return fc
    .record({
      talk: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.constant(0) }),
      ends: fc.integer({ min: 1, max: 2 }),
      extra: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }),
      order: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
    })
    .map(({ talk, ends, extra, order }) => {
      // talk 0: one node, an ending (the scenario is over as it starts).
      if (talk === 0) return { ids: ['end-good'], edges: [[]], talk, listed: [0], broken: false };
      const ids = [...NODE_IDS.slice(0, talk), ...NODE_IDS.slice(6, 6 + ends)];
      const edges: Array<Array<number>> = ids.map(() => []);
      for (let i = 0; i < talk - 1; i++) edges[i]!.push(i + 1);
      for (let e = talk; e < ids.length; e++) edges[talk - 1]!.push(e);
      for (const [from, to] of extra) if (edges[from % talk]!.length < 6) edges[from % talk]!.push(to % ids.length);
      const listed = ids.map((_, i) => i).sort((a, b) => (order[a] ?? 0) - (order[b] ?? 0) || a - b);
      return { ids, edges, talk, listed, broken: false };
    });
}

/** Any graph: random edges (to missing ids too), random endings, maybe a duplicate id or a missing start. */
function randomScenarioArb() {
  const target = fc.oneof(fc.constantFrom(...NODE_IDS), fc.constantFrom('nowhere', 'starts', 'n9'));
  return fc
    .record({
      nodes: fc.array(fc.record({ id: fc.constantFrom(...NODE_IDS), end: fc.constantFrom(undefined, 'good', 'poor', 'neutral'), next: fc.array(target, { maxLength: 3 }), both: fc.boolean(), sameChoiceIds: fc.boolean(), scored: fc.boolean() }), { minLength: 1, maxLength: 6 }),
      start: opt(target),
    })
    .map(({ nodes, start }) => ({ nodes, start, broken: true }));
}

function scenarioArb(ctx: BlockCtx): fc.Arbitrary<GeneratedBlock> {
  const texts = fc.record({ speaker: opt(ctx.text()), line: ctx.text(), choice: ctx.labelText(), feedback: opt(ctx.text()), debrief: opt(ctx.text()), score: opt(fc.integer({ min: 0, max: 100 })) });
  const nodeTexts = fc.array(texts, { minLength: 8, maxLength: 8 });
  const head = fc.record({ id: ctx.id, title: ctx.text(), intro: opt(ctx.text()) });
  const ending = (i: number) => (['good', 'poor', 'neutral'] as const)[i % 3];
  const validOne = fc.tuple(head, nodeTexts, validScenarioArb(ctx)).map(([h, t, g]) => {
    const nodes = g.listed.map((i) => {
      const x = t[i]!;
      if (i >= g.talk) return clean({ id: g.ids[i], speaker: x.speaker, line: x.line, end: ending(i), score: x.score, feedback: x.debrief });
      return clean({ id: g.ids[i], speaker: x.speaker, line: x.line, choices: g.edges[i]!.map((to, c) => clean({ id: `c${c}`, text: t[(i + c) % 8]!.choice, feedback: t[(i + c + 1) % 8]!.feedback, next: g.ids[to] })) });
    });
    return valid({ type: 'scenario', ...h, ...(g.listed[0] === 0 || g.talk === 0 ? {} : { start: 'start' }), nodes });
  });
  if (ctx.structures === 'valid') return validOne;
  const randomOne = fc.tuple(head, nodeTexts, randomScenarioArb()).map(([h, t, g]) => {
    const nodes = g.nodes.map((n, i) => {
      const x = t[i]!;
      const choices = n.next.map((to, c) => clean({ id: n.sameChoiceIds && n.next.length > 1 && i % 4 === 0 ? 'c' : `c${c}`, text: x.choice, feedback: x.feedback, next: to }));
      const score = n.end || (n.scored && i % 3 === 0) ? x.score : undefined;
      return clean({ id: n.id, speaker: x.speaker, line: x.line, ...(n.end ? { end: n.end, feedback: x.debrief } : {}), score, ...(!n.end || n.both ? (choices.length ? { choices } : {}) : {}) });
    });
    return { block: clean({ type: 'scenario', ...h, start: g.start, nodes }), expect: scenarioExpectation(nodes, g.start) };
  });
  return fc.oneof({ weight: 2, arbitrary: validOne }, { weight: 3, arbitrary: randomOne });
}

/**
 * The code a random graph must be reported with, found independently of scenario-graph.ts: the
 * first problem in the order a reader would notice it (an empty expectation: the graph is valid).
 */
function scenarioExpectation(nodes: Array<Record<string, unknown>>, start: string | undefined): string[] {
  const ids = nodes.map((n) => n.id as string);
  const choiceIds = (n: Record<string, unknown>) => ((n.choices as Array<{ id: string }> | undefined) ?? []).map((c) => c.id);
  if (nodes.some((n) => new Set(choiceIds(n)).size !== choiceIds(n).length)) return ['duplicate-id'];
  if (nodes.some((n) => n.end === undefined && n.score !== undefined)) return ['scenario-node-kind'];
  if (new Set(ids).size !== ids.length) return ['scenario-duplicate-node'];
  const next = (n: Record<string, unknown>) => ((n.choices as Array<{ next: string }> | undefined) ?? []).map((c) => c.next);
  if (nodes.some((n) => (n.end !== undefined) === (n.choices !== undefined))) return ['scenario-node-kind'];
  if ((start !== undefined && !ids.includes(start)) || nodes.some((n) => next(n).some((t) => !ids.includes(t)))) return ['scenario-missing-node'];
  if (!nodes.some((n) => n.end !== undefined)) return ['scenario-no-ending'];
  const byId = new Map(nodes.map((n) => [n.id as string, n]));
  const reach = (from: string) => {
    const seen = new Set([from]);
    for (const todo = [from]; todo.length; ) for (const t of next(byId.get(todo.pop()!)!)) if (!seen.has(t)) seen.add(t), todo.push(t);
    return seen;
  };
  const reached = reach(start ?? ids[0]!);
  if (ids.some((id) => !reached.has(id))) return ['scenario-unreachable-node'];
  if (ids.some((id) => ![...reach(id)].some((r) => byId.get(r)!.end !== undefined))) return ['scenario-dead-end'];
  return [];
}

/** One of issue 15's blocks. */
export function newBlockArb(ctx: BlockCtx): fc.Arbitrary<GeneratedBlock> {
  return fc.oneof(
    panelsArb(ctx, 'accordion', 2, 20),
    panelsArb(ctx, 'tabs', 2, 8),
    panelsArb(ctx, 'stepper', 2, 12),
    flipCardsArb(ctx),
    hotspotsArb(ctx),
    mediaArb(ctx, 'video'),
    mediaArb(ctx, 'audio'),
    scenarioArb(ctx),
  );
}
