/** The studio's YAML edits (src/studio/server/yaml-ops.ts): the text each op writes, on small files and on the counsellor training. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyOps, OpError, type Op } from '../../src/studio/server/yaml-ops.js';
import { lineDiff } from '../support/line-diff.js';

const FILE = `# a module
id: one # the id
title: { en: One, fr: Un }
pages:
  # --- first
  - id: welcome
    title: 'Welcome'
    blocks:
      - type: text
        body: |
          Hello
          there
  # --- second
  - id: quiz
    title: "Quiz"
    blocks:
      - type: check
        id: check-one
        questions:
          - id: q-one
            type: single-choice
            prompt: Pick
            choices: [{ id: a, text: A }, { id: b, text: B, correct: true }]
`;

const apply = (ops: Op[], text = FILE) => applyOps(text, ops);

describe('studio YAML ops', () => {
  it('set replaces a scalar in place, keeping its quotes and the comments around', () => {
    const { text } = apply([{ op: 'set', path: ['pages', 0, 'title'], value: "It's here" }]);
    expect(lineDiff(FILE, text)).toEqual({ prefix: 6, removed: ["    title: 'Welcome'"], added: ["    title: 'It''s here'"] });
    expect(apply([{ op: 'set', path: ['id'], value: 'uno' }]).text).toBe(FILE.replace('id: one # the id', 'id: uno # the id'));
  });

  it('set in a flow mapping stays in the flow mapping; a new key goes at the end of its mapping', () => {
    expect(apply([{ op: 'set', path: ['title', 'fr'], value: 'Un !' }]).text).toBe(FILE.replace('{ en: One, fr: Un }', '{ en: One, fr: Un ! }'));
    expect(apply([{ op: 'set', path: ['title', 'de'], value: 'Eins' }]).text).toBe(FILE.replace('{ en: One, fr: Un }', '{ en: One, fr: Un, de: Eins }'));
    const added = apply([{ op: 'set', path: ['pages', 0, 'description'], value: 'About' }]).text;
    expect(lineDiff(FILE, added)).toEqual({ prefix: 12, removed: [], added: ['    description: About'] });
  });

  it('set creates missing parents, and a text turns into a language map', () => {
    const { text } = apply([{ op: 'set', path: ['pages', 1, 'blocks', 0, 'questions', 0, 'feedback', 'correct'], value: 'Yes' }]);
    expect(parse(text).pages[1].blocks[0].questions[0].feedback).toEqual({ correct: 'Yes' });
    const map = apply([{ op: 'set', path: ['pages', 1, 'title'], value: { en: 'Quiz', fr: 'Quiz !' } }]).text;
    expect(lineDiff(FILE, map)).toEqual({ prefix: 14, removed: ['    title: "Quiz"'], added: ['    title:', '      en: Quiz', '      fr: Quiz !'] });
  });

  it('a set of a mapping to a mapping changes only the keys that differ', () => {
    const page = parse(FILE).pages[0];
    const { text } = apply([{ op: 'set', path: ['pages', 0], value: { ...page, title: 'Hi' } }]);
    expect(lineDiff(FILE, text)).toEqual({ prefix: 6, removed: ["    title: 'Welcome'"], added: ["    title: 'Hi'"] });
  });

  it('a text a folded block cannot hold (only spaces) is written double-quoted in its place', () => {
    const folded = 'intro: >-\n  A long text\n  folded.\nid: x\n';
    for (const value of [' ', ' \n', '  ']) expect(applyOps(folded, [{ op: 'set', path: ['intro'], value }])).toEqual({ text: `intro: ${JSON.stringify(value)}\nid: x\n`, data: { intro: value, id: 'x' }, reformatted: false });
  });

  it('a no-op set writes the same bytes', () => {
    expect(apply([{ op: 'set', path: [], value: parse(FILE) }]).text).toBe(FILE);
  });

  it('delete removes an item with its comment lines, a flow item with its comma, and the last item leaves []', () => {
    const deleted = apply([{ op: 'delete', path: ['pages', 1] }]).text;
    expect(deleted).toBe(FILE.slice(0, FILE.indexOf('  # --- second')));
    expect(apply([{ op: 'delete', path: ['pages', 1, 'blocks', 0, 'questions', 0, 'choices', 0] }]).text).toBe(FILE.replace('[{ id: a, text: A }, { id: b', '[{ id: b'));
    expect(apply([{ op: 'delete', path: ['pages', 0, 'blocks', 0] }]).text).toContain("    title: 'Welcome'\n    blocks: []\n  # --- second");
  });

  it('insert writes a block item at the list\'s column, before the comments of the item it goes before', () => {
    const { text } = apply([{ op: 'insert', path: ['pages'], index: 1, value: { id: 'new', title: 'New', blocks: [{ type: 'text', body: 'Two\nlines' }] } }]);
    expect(lineDiff(FILE, text)).toEqual({
      prefix: 12,
      removed: [],
      added: ['  - id: new', '    title: New', '    blocks:', '      - type: text', '        body: |-', '          Two', '          lines'],
    });
  });

  it('move carries an item with its comments; in a flow list it reorders the items', () => {
    const moved = apply([{ op: 'move', path: ['pages'], from: 1, to: 0 }]).text;
    expect(parse(moved).pages.map((p: { id: string }) => p.id)).toEqual(['quiz', 'welcome']);
    expect(moved.indexOf('# --- second')).toBeLessThan(moved.indexOf('id: quiz'));
    expect(moved.split('\n').sort()).toEqual(FILE.split('\n').sort());
    expect(apply([{ op: 'move', path: ['pages', 1, 'blocks', 0, 'questions', 0, 'choices'], from: 1, to: 0 }]).text).toBe(FILE.replace('[{ id: a, text: A }, { id: b, text: B, correct: true }]', '[{ id: b, text: B, correct: true }, { id: a, text: A }]'));
  });

  it('duplicate inserts a copy after the item with its ids made unique, choice ids kept', () => {
    const { text } = apply([{ op: 'duplicate', path: ['pages', 1] }]);
    const pages = parse(text).pages;
    expect(pages.map((p: { id: string }) => p.id)).toEqual(['welcome', 'quiz', 'quiz-copy']);
    expect(pages[2].blocks[0].id).toBe('check-one-copy');
    expect(pages[2].blocks[0].questions[0].id).toBe('q-one-copy');
    expect(pages[2].blocks[0].questions[0].choices.map((c: { id: string }) => c.id)).toEqual(['a', 'b']);
    expect(parse(applyOps(text, [{ op: 'duplicate', path: ['pages', 1] }]).text).pages[2].id).toBe('quiz-copy-2');
    expect(text.startsWith(FILE)).toBe(true);
  });

  it('refuses ops that do not fit the file', () => {
    expect(() => apply([{ op: 'delete', path: ['nothing'] }])).toThrow(OpError);
    expect(() => apply([{ op: 'insert', path: ['pages'], index: 5, value: 'x' }])).toThrow(OpError);
    expect(() => apply([{ op: 'move', path: ['id'], from: 0, to: 1 }])).toThrow(OpError);
    expect(() => apply([{ op: 'set', path: ['id', 'deeper'], value: 1 }])).toThrow(OpError);
    expect(() => apply([{ op: 'set', path: ['x'], value: 1 }], 'a: [\n')).toThrow(OpError);
  });

  it('a one-field edit of the counsellor training touches only that field\'s lines', () => {
    const path = join(import.meta.dirname, '../../courses/counsellor-training/modules/05-guidance.yaml');
    const text = readFileSync(path, 'utf8');
    const result = applyOps(text, [{ op: 'set', path: ['pages', 0, 'title', 'fr'], value: 'Un accompagnement en plusieurs étapes' }]);
    expect(lineDiff(text, result.text)).toEqual({
      prefix: 19,
      removed: ['      fr: Un parcours en plusieurs rendez-vous'],
      added: ['      fr: Un accompagnement en plusieurs étapes'],
    });
    const folded = applyOps(text, [{ op: 'set', path: ['description', 'en'], value: 'How to guide a woman towards a coding career.' }]);
    expect(lineDiff(text, folded.text)).toMatchObject({ prefix: 7, added: ['    How to guide a woman towards a coding career.'] });
    expect(lineDiff(text, folded.text).removed).toHaveLength(3);
  });
});
