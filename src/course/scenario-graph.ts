/**
 * The build-time checks of a scenario's graph (issue 15): every `next` and `start` names a node,
 * node ids are unique, each node is a line with choices or an ending (never both, never neither),
 * the scenario has an ending, every node is reachable from the start and an ending is reachable
 * from every node (a loop always has a way out). `scenarioProblems` works on the graph alone (the
 * property test compares it with a brute-force reference); `checkScenario` places its problems in
 * the source file.
 */
import { diag, type Code, type Diagnostic } from '../diagnostics/index.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { ScenarioSource } from './schema.js';
import { keyPositionOf, pathString, positionOf, type DataPath, type SourceFile } from './source-file.js';

/** The part of a scenario node the graph checks read. */
export interface GraphNode {
  id: string;
  choices?: ReadonlyArray<{ id: string; next: string }>;
  end?: string;
}

/** Where a problem is: a node (its id, or a key of it), a choice's `next`, `start`, or the node list. */
export type ProblemPlace =
  | { node: number; key?: 'end' | 'score' | 'feedback' }
  | { node: number; choice: number; key: 'id' | 'next' }
  | { start: true }
  | { nodes: true };

export interface ScenarioProblem {
  code: Code;
  message: string;
  at: ProblemPlace;
  hint?: string;
}

/** The problems of one scenario graph; none means every node is reachable and can reach an ending. */
export function scenarioProblems(nodes: readonly GraphNode[], start?: string): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const index = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (index.has(node.id)) {
      problems.push({ code: 'scenario-duplicate-node', message: `node id "${node.id}" is used twice in this scenario`, at: { node: i } });
    } else index.set(node.id, i);
  });
  const ids = [...index.keys()];
  const suggest = (id: string) => {
    const close = didYouMean(id, ids);
    return close ? `Did you mean "${close}"?` : `The nodes of this scenario are: ${ids.join(', ')}.`;
  };

  nodes.forEach((node, i) => {
    const choices = node.choices ?? [];
    const hasChoices = node.choices !== undefined && choices.length > 0;
    if (hasChoices && node.end !== undefined) {
      problems.push({ code: 'scenario-node-kind', message: `node "${node.id}" has both choices and an end`, at: { node: i, key: 'end' } });
    } else if (!hasChoices && node.end === undefined) {
      problems.push({ code: 'scenario-node-kind', message: `node "${node.id}" has neither choices nor an end`, at: { node: i } });
    }
    // Here, not with reachability below: reported even when the graph has no ending or no start.
    if (index.get(node.id) === i) {
      if (node.end === undefined && (node as { feedback?: unknown }).feedback !== undefined) problems.push({ code: 'scenario-node-kind', message: `node "${node.id}" has a debrief (feedback) but is not an ending`, at: { node: i, key: 'feedback' }, hint: 'A node\'s `feedback` is the debrief of an ending; the consequence of a choice goes in that choice\'s `feedback`.' });
      if (node.end === undefined && (node as { score?: unknown }).score !== undefined) problems.push({ code: 'scenario-node-kind', message: `node "${node.id}" has a score but is not an ending`, at: { node: i, key: 'score' }, hint: 'Only an ending (a node with `end`) has a score: move it to the ending, or remove it.' });
    }
    const seen = new Set<string>();
    choices.forEach((choice, j) => {
      if (seen.has(choice.id)) problems.push({ code: 'duplicate-id', message: `choice id "${choice.id}" is used twice in node "${node.id}"`, at: { node: i, choice: j, key: 'id' }, hint: 'Give each choice of a node its own id (ids only need to be unique within the node).' });
      seen.add(choice.id);
      if (!index.has(choice.next)) problems.push({ code: 'scenario-missing-node', message: `no node of this scenario has the id "${choice.next}"`, at: { node: i, choice: j, key: 'next' }, hint: suggest(choice.next) });
    });
  });

  const startIndex = start === undefined ? (nodes.length ? 0 : -1) : (index.get(start) ?? -1);
  if (start !== undefined && startIndex < 0) problems.push({ code: 'scenario-missing-node', message: `"start" names no node of this scenario: "${start}"`, at: { start: true }, hint: suggest(start) });
  const endings = nodes.map((n, i) => (n.end !== undefined && index.get(n.id) === i ? i : -1)).filter((i) => i >= 0);
  if (endings.length === 0) {
    problems.push({ code: 'scenario-no-ending', message: 'this scenario has no ending', at: { nodes: true } });
    return problems;
  }
  if (startIndex < 0) return problems;

  // Edges between first occurrences only: a duplicate is reported once, not as unreachable too.
  const out = nodes.map((n) => (n.choices ?? []).map((c) => index.get(c.next)).filter((j): j is number => j !== undefined));
  const reachable = new Set([startIndex]);
  for (const queue = [startIndex]; queue.length; ) for (const j of out[queue.pop()!]!) if (!reachable.has(j)) (reachable.add(j), queue.push(j));
  const into: number[][] = nodes.map(() => []);
  out.forEach((targets, i) => targets.forEach((j) => into[j]!.push(i)));
  // A node with a dangling `next` is reported there; it is not also called a dead end, nor are the nodes before it.
  const dangling = nodes.flatMap((n, i) => ((n.choices ?? []).some((c) => !index.has(c.next)) && index.get(n.id) === i ? [i] : []));
  const ending = new Set([...endings, ...dangling]);
  for (const queue = [...ending]; queue.length; ) for (const j of into[queue.pop()!]!) if (!ending.has(j)) (ending.add(j), queue.push(j));

  nodes.forEach((node, i) => {
    if (index.get(node.id) !== i) return;
    if (!reachable.has(i)) {
      problems.push({ code: 'scenario-unreachable-node', message: `node "${node.id}" cannot be reached from the start ("${nodes[startIndex]!.id}")`, at: { node: i } });
    } else if (!ending.has(i) && (node.choices?.length ?? 0) > 0) {
      problems.push({ code: 'scenario-dead-end', message: `no ending can be reached from node "${node.id}": a learner there loops for ever`, at: { node: i } });
    }
  });
  return problems;
}

/** Checks one scenario block at `path` of `file`, pushing positioned diagnostics. */
export function checkScenario(block: ScenarioSource, file: SourceFile, path: DataPath, out: Diagnostic[]): void {
  for (const problem of scenarioProblems(block.nodes, block.start)) {
    const where = place(file, path, problem.at);
    out.push(diag(problem.code, problem.message, where, problem.hint ? { hint: problem.hint } : {}));
  }
}

function place(file: SourceFile, path: DataPath, at: ProblemPlace) {
  const located = (p: DataPath) => ({ ...positionOf(file, p), path: pathString(p) });
  if ('start' in at) return located([...path, 'start']);
  if ('nodes' in at) return { ...keyPositionOf(file, path, 'nodes'), path: pathString([...path, 'nodes']) };
  const node: DataPath = [...path, 'nodes', at.node];
  if ('choice' in at) return located([...node, 'choices', at.choice, at.key]);
  if (at.key) return { ...keyPositionOf(file, node, at.key), path: pathString([...node, at.key]) };
  return located([...node, 'id']);
}
