/**
 * The scenarios' part of the packed learner state (state.ts, versions 3 and 4). One entry per
 * scenario the learner started, each readable without the course (its field widths are written
 * first), so a state saved against another version of the course is skipped entry by entry:
 *
 *   key 24 (hash24 of the scenario id) · print 24 (hash of its nodes and choices) ·
 *   node width 4 · choice width 2 · from (node width) · ended 1 · truncated 1 ·
 *   pending 1 (version 4 only: the last choice's feedback was showing, Continue not pressed) ·
 *   step count (STEP_COUNT_BITS) · each step's choice index (choice width)
 *
 * Version 3 entries (packages before the pending bit) are read as not pending.
 *
 * A scenario whose nodes or choices changed starts again (its print differs). `scenariosBits` is
 * the exact worst case for state-bound.ts: every scenario started, every path at its cap.
 */
import { bitsFor, countBits, type BitReader, type BitWriter } from './bits.js';
import { hash24 } from './hash.js';
import { capped, MAX_SCENARIO_STEPS, replay, type ScenarioProgress } from './scenario-path.js';

/** A scenario as the state is laid out against it: node ids, and each node's choices in order. */
export interface LayoutScenario {
  id: string;
  start: string;
  nodes: Array<{ id: string; choices: Array<{ id: string; next: string }> }>;
}

const STEP_COUNT_BITS = bitsFor(MAX_SCENARIO_STEPS + 1);
const nodeWidth = (s: LayoutScenario) => bitsFor(s.nodes.length);
const choiceWidth = (s: LayoutScenario) => bitsFor(Math.max(1, ...s.nodes.map((n) => n.choices.length)));
const print = (s: LayoutScenario) => hash24(JSON.stringify(s.nodes.map((n) => [n.id, n.choices.map((c) => [c.id, c.next])])));
const HEADER_BITS = 24 + 24 + 4 + 2;

/** The state version whose entries carry the pending bit; version 3 entries lack it. */
export const PENDING_SINCE_VERSION = 4;

/** The most bits one scenario's entry takes (as written now: with the pending bit). */
const entryBits = (s: LayoutScenario) => HEADER_BITS + nodeWidth(s) + 1 + 1 + 1 + STEP_COUNT_BITS + MAX_SCENARIO_STEPS * choiceWidth(s);

/** The most bits the scenario section takes for these scenarios. */
export function scenariosBits(scenarios: readonly LayoutScenario[]): number {
  return countBits(scenarios.length) + scenarios.reduce((sum, s) => sum + entryBits(s), 0);
}

export function writeScenarios(w: BitWriter, scenarios: readonly LayoutScenario[], progress: Record<string, ScenarioProgress> | undefined): void {
  const started = scenarios.filter((s) => progress?.[s.id] !== undefined);
  w.writeCount(started.length);
  for (const s of started) {
    const kept = capped(s, progress![s.id]!);
    const index = new Map(s.nodes.map((n, i) => [n.id, i]));
    w.write(hash24(s.id), 24);
    w.write(print(s), 24);
    w.write(nodeWidth(s), 4);
    w.write(choiceWidth(s), 2);
    w.write(index.get(kept.from) ?? 0, nodeWidth(s));
    w.write(kept.ended ? 1 : 0, 1);
    w.write(kept.truncated ? 1 : 0, 1);
    w.write(kept.pending ? 1 : 0, 1);
    const steps = replay(s, kept).steps;
    w.write(steps.length, STEP_COUNT_BITS);
    for (const step of steps) w.write(s.nodes[index.get(step.node)!]!.choices.findIndex((c) => c.id === step.choice), choiceWidth(s));
  }
}

/** Reads the section (of a state of `version`) into `into`; entries of scenarios this course no longer has (or changed) are skipped. */
export function readScenarios(r: BitReader, scenarios: readonly LayoutScenario[], into: Record<string, ScenarioProgress>, version: number): void {
  const count = r.readCount();
  for (let n = 0; n < count; n++) {
    const key = r.read(24);
    const printed = r.read(24);
    const nodes = r.read(4);
    const choices = r.read(2);
    const from = r.read(nodes);
    const ended = r.read(1) === 1;
    const truncated = r.read(1) === 1;
    const pending = version >= PENDING_SINCE_VERSION && r.read(1) === 1;
    const indexes = Array.from({ length: r.read(STEP_COUNT_BITS) }, () => r.read(choices));
    const s = scenarios.find((x) => hash24(x.id) === key);
    if (!s || print(s) !== printed || from >= s.nodes.length) continue;
    let at = s.nodes[from]!;
    const ids: string[] = [];
    for (const i of indexes) {
      const choice = at.choices[i];
      const next = choice && s.nodes.find((x) => x.id === choice.next);
      if (!choice || !next) break;
      ids.push(choice.id);
      at = next;
    }
    const whole = ids.length === indexes.length && ids.length > 0;
    into[s.id] = { from: s.nodes[from]!.id, choices: ids, ...(truncated ? { truncated } : {}), ...(ended ? { ended } : {}), ...(pending && whole ? { pending } : {}) };
  }
}
