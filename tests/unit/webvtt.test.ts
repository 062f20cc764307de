/** The WebVTT reader: generated valid files parse to their cues; mutated files give positioned problems, never a throw. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cueText, formatTimestamp, parseTimestamp, parseVtt, writeVtt } from '../../src/course/webvtt.js';

const SEED = Number(process.env.COURSEPACK_PROPERTY_SEED ?? 15);
const RUNS = Number(process.env.COURSEPACK_PROPERTY_RUNS ?? 200);

/** Cue text: one or more non-empty lines without "-->" (any Unicode, including <, & and tags). */
const line = fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }).filter((s) => !/[\r\n]/.test(s) && !s.includes('-->') && s.trim() !== '' && s !== '');
const cueArb = fc.record({
  gap: fc.integer({ min: 0, max: 5000 }),
  length: fc.integer({ min: 1, max: 10_000 }),
  lines: fc.array(line, { minLength: 1, maxLength: 3 }),
  id: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), { nil: undefined }),
});
const cuesArb = fc.array(cueArb, { minLength: 1, maxLength: 8 }).map((list) => {
  let t = 0;
  return list.map((c) => {
    const start = (t += c.gap);
    const end = start + c.length;
    return { start, end, text: c.lines.join('\n'), ...(c.id !== undefined ? { id: c.id } : {}) };
  });
});

describe('parseVtt', () => {
  it('reads a file with hours, an id, settings, a NOTE and a BOM', () => {
    const text = '\uFEFFWEBVTT - synthetic narration\n\nNOTE made with espeak-ng\n\nintro\n00:00:00.500 --> 00:00:02.000 align:start\n<v Samira>I am not sure\nI can code.\n\n01:00.000 --> 01:02.250\nYes &amp; no\n';
    const { cues, problems } = parseVtt(text);
    expect(problems).toEqual([]);
    expect(cues).toEqual([
      { id: 'intro', start: 500, end: 2000, settings: 'align:start', text: '<v Samira>I am not sure\nI can code.', line: 6, textLine: 7 },
      { start: 60_000, end: 62_250, text: 'Yes &amp; no', line: 10, textLine: 11 },
    ]);
    expect(cueText(cues[0]!.text)).toBe('Samira: I am not sure I can code.');
    expect(cueText(cues[1]!.text)).toBe('Yes & no');
  });

  it.each([
    ['no header', 'WEBVT\n\n00:00.000 --> 00:01.000\nHi\n', 1, 1],
    ['header glued to text', 'WEBVTTX\n', 1, 1],
    ['timing without spaces', 'WEBVTT\n\n00:00.000-->00:01.000\nHi\n', 3, 10],
    ['bad start', 'WEBVTT\n\n00:0.000 --> 00:01.000\nHi\n', 3, 1],
    ['bad end', 'WEBVTT\n\n00:00.000 --> 00:61.000\nHi\n', 3, 15],
    ['end before start', 'WEBVTT\n\n00:02.000 --> 00:01.000\nHi\n', 3, 15],
    ['no text', 'WEBVTT\n\n00:00.000 --> 00:01.000\n', 3, 24],
    ['out of order', 'WEBVTT\n\n00:02.000 --> 00:03.000\nA\n\n00:01.000 --> 00:04.000\nB\n', 6, 1],
    ['missing blank line', 'WEBVTT\n\n00:00.000 --> 00:01.000\nA\n00:01.000 --> 00:02.000\nB\n', 5, 11],
    ['unknown setting', 'WEBVTT\n\n00:00.000 --> 00:01.000 bold:yes\nA\n', 3, 25],
    ['style block', 'WEBVTT\n\nSTYLE\n::cue { color: red }\n', 3, 1],
    ['stray line', 'WEBVTT\n\njust words\n', 3, 1],
  ])('%s: a problem at the place it is', (_, text, line, column) => {
    const { problems } = parseVtt(text);
    expect(problems[0]).toMatchObject({ line, column });
  });

  it('timestamps round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 * 3600_000 - 1 }), (ms) => parseTimestamp(formatTimestamp(ms)) === ms),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('generated valid files parse to the cues they were written from', () => {
    fc.assert(
      fc.property(cuesArb, (cues) => {
        const { cues: read, problems } = parseVtt(writeVtt(cues));
        expect(problems).toEqual([]);
        expect(read.map(({ id, start, end, text }) => ({ start, end, text, ...(id !== undefined ? { id } : {}) }))).toEqual(cues);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('mutated files never throw, and every problem is positioned inside the file', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('\n', '-->', ':', '.', '9', ' ', 'WEBVTT', '\r', '\uFEFF', 'NOTE ', 'x') }),
      fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), text: fc.constantFrom('0', '6', 'a', '-', '\n', ' ') }),
    );
    fc.assert(
      fc.property(cuesArb, fc.array(mutation, { minLength: 1, maxLength: 4 }), (cues, mutations) => {
        let text = writeVtt(cues);
        for (const m of mutations) {
          const at = m.at % (text.length + 1);
          if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + m.length);
          else if (m.kind === 'insert') text = text.slice(0, at) + m.text + text.slice(at);
          else text = text.slice(0, at) + m.text + text.slice(at + 1);
        }
        const result = parseVtt(text);
        const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
        for (const p of result.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines.length);
          expect(p.column).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeLessThanOrEqual(lines[p.line - 1]!.length + 1);
          expect(p.message).not.toBe('');
        }
        // What parses is well-formed: each cue ends after it starts, in order, with text.
        for (const [i, cue] of result.cues.entries()) {
          expect(cue.end).toBeGreaterThan(cue.start);
          expect(cue.text).not.toBe('');
          if (i > 0 && result.problems.length === 0) expect(cue.start).toBeGreaterThanOrEqual(result.cues[i - 1]!.start);
        }
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });
});
