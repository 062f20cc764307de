/** Issue 15: the scenario graph checks, by code and position (src/course/scenario-graph.ts). */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { CODES } from '../../src/diagnostics/index.js';
import { testdir, validCourse } from '../support/testdir.js';

const where = (d: Diagnostic) => ({ code: d.code, line: d.line, column: d.column });
const T = (text: string) => `{ en: "${text}", fr: "${text}" }`;
/** A one-page module whose only block is a scenario made of these node lines (each already indented). */
function moduleWith(nodes: string, extra = ''): string {
  return `id: one
title: { en: One, fr: Un }
pages:
  - id: welcome
    title: { en: Welcome, fr: Bienvenue }
    blocks:
      - type: scenario
        id: talk
        title: ${T('Talk')}
${extra}        nodes:
${nodes}`;
}
const node = (id: string, rest: string) => `          - id: ${id}\n            line: ${T(id)}\n${rest}`;
const choices = (...list: Array<[string, string]>) => `            choices:\n${list.map(([id, next]) => `              - { id: ${id}, text: ${T(id)}, next: ${next} }\n`).join('')}`;
const ending = (kind = 'good') => `            end: ${kind}\n`;
const load = (module: string) => loadCourse(testdir(validCourse({ 'modules/one.yaml': module })));

describe('scenario graph checks', () => {
  it('accepts a scenario with a loop that has a way out, and loads it with its start', () => {
    const result = load(moduleWith(node('a', choices(['x', 'b'], ['y', 'end'])) + node('b', choices(['back', 'a'])) + node('end', ending())));
    expect(result.diagnostics).toEqual([]);
    expect(result.course!.modules[0]!.pages[0]!.blocks[0]).toMatchObject({ type: 'scenario', id: 'talk', start: 'a', nodes: [{ id: 'a' }, { id: 'b' }, { id: 'end', end: 'good', choices: [] }] });
  });

  it('reports a next to a missing node at that next, with a did-you-mean', () => {
    const d = load(moduleWith(node('a', choices(['x', 'ennd'])) + node('end', ending()))).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'scenario-missing-node', line: 14, column: 60 }, { code: 'scenario-unreachable-node', line: 15, column: 17 }]);
    expect(d[0]!.hint).toBe('Did you mean "end"?');
  });

  it('reports a start naming no node at start', () => {
    const d = load(moduleWith(node('a', choices(['x', 'end'])) + node('end', ending()), '        start: bgein\n')).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'scenario-missing-node', line: 10, column: 16 }]);
  });

  it('reports a duplicate node id at the second one', () => {
    const d = load(moduleWith(node('a', choices(['x', 'end'])) + node('end', ending()) + node('end', ending('poor')))).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'scenario-duplicate-node', line: 18, column: 17 }]);
  });

  it('reports an unreachable node and a loop without a way out', () => {
    const d = load(moduleWith(node('a', choices(['x', 'loop'], ['y', 'end'])) + node('loop', choices(['again', 'loop2'])) + node('loop2', choices(['back', 'loop'])) + node('end', ending()) + node('orphan', ending('poor')))).diagnostics;
    expect(d.map(where)).toEqual([
      { code: 'scenario-dead-end', line: 16, column: 17 },
      { code: 'scenario-dead-end', line: 20, column: 17 },
      { code: 'scenario-unreachable-node', line: 27, column: 17 },
    ]);
  });

  it('reports a scenario without an ending once, at nodes', () => {
    const d = load(moduleWith(node('a', choices(['x', 'b'])) + node('b', choices(['y', 'a'])))).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'scenario-no-ending', line: 10, column: 9 }]);
  });

  it('reports a node with both choices and end, and one with neither', () => {
    const d = load(moduleWith(node('a', choices(['x', 'b']) + ending()) + node('b', '') + node('c', ending()))).diagnostics;
    expect(d.map(where)).toContainEqual({ code: 'scenario-node-kind', line: 15, column: 13 });
    expect(d.map(where)).toContainEqual({ code: 'scenario-node-kind', line: 16, column: 17 });
  });

  it('refuses a score or a debrief on a node that is not an ending, and a scenario id used by a question', () => {
    const d = load(moduleWith(node('a', choices(['x', 'end']) + '            score: 10\n') + node('end', ending())).replace('id: talk', 'id: a-one')).diagnostics;
    expect(d.map((x) => x.code).sort()).toEqual(['duplicate-id', 'scenario-node-kind']);
  });

  it('every scenario code is in the catalogue with a hint', () => {
    for (const code of ['scenario-duplicate-node', 'scenario-missing-node', 'scenario-unreachable-node', 'scenario-dead-end', 'scenario-no-ending', 'scenario-node-kind'] as const) expect(CODES[code].hint.length).toBeGreaterThan(20);
  });
});
