/**
 * A scenario's node-kind problems (a score or a debrief on a node that is not an ending) are
 * reported in the same run as the graph's other problems, even when the graph has no ending or no
 * start: found by tests/property/hostile-strings.test.ts (seed 8), where a scenario with no ending
 * and a scored talking node earned only `scenario-no-ending`, and the author met the second
 * mistake only after fixing the first.
 */
import { describe, expect, it } from 'vitest';
import { scenarioProblems, type GraphNode } from '../../src/course/scenario-graph.js';

const talking = (id: string, next: string, extra: Record<string, unknown>) => ({ id, choices: [{ id: 'c', next }], ...extra }) as GraphNode;

describe('scenario node kinds beside other graph problems', () => {
  it('a score and a debrief on a talking node are reported in a scenario with no ending', () => {
    const problems = scenarioProblems([talking('a', 'b', { score: 5 }), talking('b', 'a', { feedback: 'Well done' })]);
    expect(problems.map((p) => [p.code, p.at])).toEqual([
      ['scenario-node-kind', { node: 0, key: 'score' }],
      ['scenario-node-kind', { node: 1, key: 'feedback' }],
      ['scenario-no-ending', { nodes: true }],
    ]);
  });

  it('and when `start` names no node', () => {
    const problems = scenarioProblems([talking('a', 'end', { score: 5 }), { id: 'end', end: 'good' }], 'nowhere');
    expect(problems.map((p) => p.code).sort()).toEqual(['scenario-missing-node', 'scenario-node-kind']);
  });
});
