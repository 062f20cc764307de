/**
 * One answer packed into fixed-width fields (by its question's shape) plus, for text answers, the
 * text itself. A response the shape cannot hold (not one the player writes) is kept as no answer.
 */
import { bitsFor, type BitReader } from './bits.js';
import { acceptText } from './input-limits.js';
import type { AnswerShape } from './state-layout.js';

export interface PackedAnswer {
  /** [value, width] pairs, written in order. */
  fields: Array<[number, number]>;
  /** Text stored after the bits ('' for none). */
  text: string;
}

/** Bits an answer to this shape always takes, answered or not. */
export function answerBits(shape: AnswerShape): number {
  switch (shape.kind) {
    case 'one':
      return bitsFor(shape.options.length + 1);
    case 'many':
      return shape.options.length;
    case 'pairs':
      return shape.sources.length * bitsFor(shape.targets.length + 1);
    case 'order':
      return 1 + orderWidths(shape.items.length).reduce((a, b) => a + b, 0);
    case 'number':
      return 64;
    case 'text':
      return bitsFor(shape.max + 1);
  }
}

/** Most characters of text an answer to this shape adds. */
export const answerMaxText = (shape: AnswerShape): number => (shape.kind === 'text' ? shape.max : 0);

/** Lehmer code digits of a permutation of n: digit i is below n - i. */
const orderWidths = (n: number): number[] => Array.from({ length: n }, (_, i) => bitsFor(n - i));

const NO_NUMBER: [number, number] = [0x7ff80001, 0];

export function packAnswer(shape: AnswerShape, response: string | undefined): PackedAnswer {
  const r = response ?? '';
  const none = (): PackedAnswer => ({ fields: noneFields(shape), text: '' });
  switch (shape.kind) {
    case 'one': {
      const i = shape.options.indexOf(r);
      return i < 0 ? none() : { fields: [[i + 1, answerBits(shape)]], text: '' };
    }
    case 'many': {
      const parts = r.split(',');
      const chosen = new Set(parts);
      if (r === '' || chosen.size !== parts.length || parts.some((p) => !shape.options.includes(p))) return none();
      return { fields: shape.options.map((o) => [chosen.has(o) ? 1 : 0, 1]), text: '' };
    }
    case 'pairs': {
      const parts = r.split(',');
      const width = bitsFor(shape.targets.length + 1);
      const fields = shape.sources.map((source, i): [number, number] => {
        const part = parts[i] ?? '';
        const target = part.startsWith(`${source}.`) ? shape.targets.indexOf(part.slice(source.length + 1)) : -1;
        return [target + 1, width];
      });
      return parts.length !== shape.sources.length || fields.some(([v]) => v === 0) ? none() : { fields, text: '' };
    }
    case 'order': {
      const order = r.split(',');
      const left = [...shape.items];
      const digits: number[] = [];
      for (const id of order) {
        const i = left.indexOf(id);
        if (i < 0) return none();
        digits.push(i);
        left.splice(i, 1);
      }
      if (left.length > 0) return none();
      const widths = orderWidths(shape.items.length);
      return { fields: [[1, 1], ...digits.map((d, i): [number, number] => [d, widths[i]!])], text: '' };
    }
    case 'number': {
      const value = Number(r);
      if (r === '' || !Number.isFinite(value) || String(value) !== r) return none();
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, value);
      return { fields: [[view.getUint32(0), 32], [view.getUint32(4), 32]], text: '' };
    }
    case 'text': {
      const text = acceptText(r, shape.max);
      return { fields: [[text.length, answerBits(shape)]], text };
    }
  }
}

function noneFields(shape: AnswerShape): Array<[number, number]> {
  if (shape.kind === 'number') return [[NO_NUMBER[0], 32], [NO_NUMBER[1], 32]];
  const width = answerBits(shape);
  // Wider than 32 bits (a multiple choice of many options): zeros in chunks.
  const fields: Array<[number, number]> = [];
  for (let left = width; left > 0; left -= 32) fields.push([0, Math.min(32, left)]);
  return fields;
}

/** Reads one answer; `takeText(n)` returns the next n characters of stored text. */
export function unpackAnswer(shape: AnswerShape, reader: BitReader, takeText: (n: number) => string): string | undefined {
  switch (shape.kind) {
    case 'one': {
      const v = reader.read(answerBits(shape));
      return v > 0 ? shape.options[v - 1] : undefined;
    }
    case 'many': {
      const chosen = shape.options.filter(() => reader.read(1) === 1);
      return chosen.length ? chosen.join(',') : undefined;
    }
    case 'pairs': {
      const width = bitsFor(shape.targets.length + 1);
      const targets = shape.sources.map(() => reader.read(width));
      if (targets.some((t) => t === 0 || t > shape.targets.length)) return undefined;
      return shape.sources.map((s, i) => `${s}.${shape.targets[targets[i]! - 1]}`).join(',');
    }
    case 'order': {
      const present = reader.read(1);
      const left = [...shape.items];
      const order = orderWidths(shape.items.length).map((w) => left.splice(Math.min(reader.read(w), left.length - 1), 1)[0]!);
      return present ? order.join(',') : undefined;
    }
    case 'number': {
      const view = new DataView(new ArrayBuffer(8));
      view.setUint32(0, reader.read(32));
      view.setUint32(4, reader.read(32));
      const value = view.getFloat64(0);
      return Number.isFinite(value) ? String(value) : undefined;
    }
    case 'text': {
      const text = takeText(reader.read(answerBits(shape)));
      return text === '' ? undefined : text;
    }
  }
}
