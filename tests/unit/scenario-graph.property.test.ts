/**
 * Issue 15: on random scenario graphs, the checker's verdict agrees with a brute-force reference —
 * no problem exactly when ids are unique, every `next` exists, every node has choices or an end,
 * and every node is reachable from the start and can reach an ending. On well-formed graphs the
 * nodes it calls unreachable and dead ends are exactly the reference's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioProblems, type GraphNode } from '../../src/course/scenario-graph.js';

const SEED = Number(process.env.SCENARIO_PROPERTY_SEED ?? 20261203);
const RUNS = Number(process.env.SCENARIO_PROPERTY_RUNS ?? 500);

const ID = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const graph = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.record({
    nodes: fc.array(
      fc.record({
        id: fc.oneof({ weight: 9, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(...ID.slice(0, n)) }),
        kind: fc.constantFrom('choices', 'choices', 'end', 'both', 'neither'),
        next: fc.array(fc.oneof({ weight: 19, arbitrary: fc.integer({ min: 0, max: n - 1 }).map((i) => ID[i]!) }, { weight: 1, arbitrary: fc.constant('zz') }), { minLength: 1, maxLength: 3 }),
      }),
      { minLength: n, maxLength: n },
    ),
    start: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...ID.slice(0, n), 'zz') }),
  }).map(({ nodes, start }) => ({
    start,
    // Mostly unique ids (the node's own letter), sometimes a repeat.
    nodes: nodes.map((x, i): GraphNode => ({
      id: x.id || ID[i]!,
      ...(x.kind === 'choices' || x.kind === 'both' ? { choices: x.next.map((next, j) => ({ id: `c${j}`, next })) } : {}),
      ...(x.kind === 'end' || x.kind === 'both' ? { end: 'good' } : {}),
    })),
  })),
);

/** Brute force: from every node, every walk of up to n steps. */
function reference(nodes: GraphNode[], start: string | undefined) {
  const ids = nodes.map((n) => n.id);
  const unique = new Set(ids).size === ids.length;
  const exists = nodes.every((n) => (n.choices ?? []).every((c) => ids.includes(c.next))) && (start === undefined || ids.includes(start));
  const kinds = nodes.every((n) => (n.choices !== undefined) !== (n.end !== undefined));
  const byId = (id: string) => nodes.find((n) => n.id === id);
  const walk = (from: GraphNode, steps: number, goal: (n: GraphNode) => boolean): boolean =>
    goal(from) || (steps > 0 && (from.choices ?? []).some((c) => byId(c.next) !== undefined && walk(byId(c.next)!, steps - 1, goal)));
  const first = start === undefined ? nodes[0]! : byId(start);
  const reachable = (n: GraphNode) => first !== undefined && walk(first, nodes.length, (x) => x === n);
  const ends = (n: GraphNode) => walk(n, nodes.length, (x) => x.end !== undefined);
  return {
    valid: unique && exists && kinds && nodes.some((n) => n.end !== undefined) && nodes.every(reachable) && nodes.every(ends),
    wellFormed: unique && exists && kinds,
    unreachable: nodes.filter((n) => !reachable(n)).map((n) => n.id),
    deadEnds: nodes.filter((n) => reachable(n) && !ends(n)).map((n) => n.id),
  };
}

describe('scenario graph checks against a brute-force reference', () => {
  it('agree on random graphs', () => {
    fc.assert(
      fc.property(graph, ({ nodes, start }) => {
        const problems = scenarioProblems(nodes, start);
        const ref = reference(nodes, start);
        expect(problems.length === 0).toBe(ref.valid);
        if (ref.wellFormed && nodes.some((n) => n.end !== undefined)) {
          const named = (code: string) => problems.filter((p) => p.code === code).map((p) => nodes[(p.at as { node: number }).node]!.id);
          expect(named('scenario-unreachable-node')).toEqual(ref.unreachable);
          expect(named('scenario-dead-end')).toEqual(ref.deadEnds);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
