/** The edit ops the studio sends: texts per language, ids, moves, and the ops applied as the server would. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOps, idsIn, stepMove, textOf, textSetOp, uniqueId, withCopiedIds } from '../../../src/studio/ui/app/ops.js';

describe('textSetOp', () => {
  it('sets only the language key of a map (one line changes)', () => {
    expect(textSetOp(['title'], { en: 'Hi', fr: 'Salut' }, 'fr', 'Bonjour', ['en', 'fr'])).toEqual({ op: 'set', path: ['title', 'fr'], value: 'Bonjour' });
  });
  it('keeps a plain string in a one-language course', () => {
    expect(textSetOp(['pages', 0, 'title'], 'Hi', 'en', 'Hello', ['en'])).toEqual({ op: 'set', path: ['pages', 0, 'title'], value: 'Hello' });
  });
  it('turns a plain string into a map, keeping it as the source text, when a second language is written', () => {
    expect(textSetOp(['title'], 'Hi', 'fr', 'Salut', ['en', 'fr'])).toEqual({ op: 'set', path: ['title'], value: { en: 'Hi', fr: 'Salut' } });
    expect(textSetOp(['title'], undefined, 'en', 'Hi', ['en', 'fr'])).toEqual({ op: 'set', path: ['title'], value: { en: 'Hi' } });
  });
  it('reads a text in a language the way the compiler does', () => {
    expect(textOf('Hi', 'en', ['en', 'fr'])).toBe('Hi');
    expect(textOf('Hi', 'fr', ['en', 'fr'])).toBe('');
    expect(textOf({ fr: 'Salut' }, 'fr', ['en', 'fr'])).toBe('Salut');
  });
});

describe('ids', () => {
  it('makes valid, unique ids from any title', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string()), (title, others) => {
        const taken = new Set(others);
        const id = uniqueId(title, taken);
        expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        expect(taken.has(id)).toBe(false);
        expect(id.length).toBeLessThanOrEqual(64);
      }),
    );
    expect(uniqueId('Écouter les récits', new Set())).toBe('ecouter-les-recits');
    expect(uniqueId('Page', new Set(['page', 'page-2']))).toBe('page-3');
  });
  it('gives every id of a copy a -copy suffix, unique in the course', () => {
    const page = { id: 'intro', blocks: [{ type: 'check', id: 'c1', questions: [{ id: 'q1' }] }] };
    const taken = new Set(['intro', 'c1', 'q1', 'intro-copy']);
    const copy = withCopiedIds(page, taken);
    expect(idsIn(copy)).toEqual(new Set(['intro-copy-2', 'c1-copy', 'q1-copy']));
  });
});

describe('applyOps', () => {
  it('moves, inserts, deletes, duplicates and sets', () => {
    const data = { pages: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] };
    expect(applyOps(data, [{ op: 'move', path: ['pages'], from: 0, to: 2 }])).toEqual({ pages: [{ id: 'b' }, { id: 'c' }, { id: 'a' }] });
    expect(applyOps(data, [{ op: 'insert', path: ['pages'], index: 1, value: { id: 'x' } }])).toEqual({ pages: [{ id: 'a' }, { id: 'x' }, { id: 'b' }, { id: 'c' }] });
    expect(applyOps(data, [{ op: 'delete', path: ['pages', 1] }])).toEqual({ pages: [{ id: 'a' }, { id: 'c' }] });
    expect(applyOps(data, [{ op: 'duplicate', path: ['pages', 0] }])).toEqual({ pages: [{ id: 'a' }, { id: 'a-copy' }, { id: 'b' }, { id: 'c' }] });
    expect(applyOps(data, [{ op: 'set', path: ['theme', 'colors', 'text'], value: '#000' }])).toMatchObject({ theme: { colors: { text: '#000' } } });
    expect(data.pages.map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });
  it('steps a move up or down, and not past either end', () => {
    expect(stepMove(['pages'], 1, 3, -1)).toEqual({ op: 'move', path: ['pages'], from: 1, to: 0 });
    expect(stepMove(['pages'], 0, 3, -1)).toBeNull();
    expect(stepMove(['pages'], 2, 3, 1)).toBeNull();
  });
  it('keeps every item when moves are applied in any order (a permutation)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(9), fc.nat(9)), { maxLength: 20 }), (moves) => {
        const data = { list: Array.from({ length: 10 }, (_, i) => i) };
        const out = applyOps(data, moves.map(([from, to]) => ({ op: 'move' as const, path: ['list'], from, to }))) as { list: number[] };
        expect([...out.list].sort((a, b) => a - b)).toEqual(data.list);
      }),
    );
  });
});
