/**
 * A learner's way through a scenario (issue 15): where the play started (`from`: the start node,
 * or the first node kept) and the choices made since. Pure and DOM-free: the learner state
 * (scenario-state.ts), the player and the scenario block script (blocks/scenario.ts) share it.
 *
 * The path is capped: a learner looping in a scenario keeps its last `MAX_SCENARIO_STEPS`
 * choices; `from` then moves to the node where the kept part begins and `truncated` says so. The
 * learner plays on from the same node; only the recorded path loses its oldest steps. This keeps
 * the saved state, and the interaction written at the ending, of a bounded size.
 */

/** Choices a path keeps (the state's bound, state-bound.ts, and the SCORM 2004 `performance` limit of 250 steps both allow it). */
export const MAX_SCENARIO_STEPS = 64;

/** The learner's progress in one scenario. */
export interface ScenarioProgress {
  /** The node the kept path starts at (the scenario's start unless `truncated`). */
  from: string;
  /** Ids of the choices made from `from` on, in order. */
  choices: string[];
  /** Older choices were dropped (more than MAX_SCENARIO_STEPS). */
  truncated?: boolean;
  /** An ending of this scenario has been reached before (it stays set after a restart). */
  ended?: boolean;
  /**
   * The last choice's feedback is on screen: the learner has not pressed Continue yet. A relaunch
   * then shows that node with the choice made, its feedback and Continue, as the learner left it.
   */
  pending?: boolean;
}

/** The graph a path is played on (PlayerScenario and LayoutScenario both fit). */
export interface ScenarioGraph {
  start: string;
  nodes: ReadonlyArray<{ id: string; choices: ReadonlyArray<{ id: string; next: string }> }>;
}

export interface PathStep {
  node: string;
  choice: string;
}

/** The steps the progress holds and the node it leads to, stopping at the first choice the graph does not have. */
export function replay(graph: ScenarioGraph, progress: ScenarioProgress | null | undefined): { steps: PathStep[]; current: string } {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  let current = progress && byId.has(progress.from) ? progress.from : graph.start;
  const steps: PathStep[] = [];
  for (const choiceId of progress && byId.has(progress.from) ? progress.choices : []) {
    const choice = byId.get(current)?.choices.find((c) => c.id === choiceId);
    if (!choice || !byId.has(choice.next)) break;
    steps.push({ node: current, choice: choiceId });
    current = choice.next;
  }
  return { steps, current };
}

/** The progress reduced to what the graph allows, keeping the last MAX_SCENARIO_STEPS choices. */
export function capped(graph: ScenarioGraph, progress: ScenarioProgress): ScenarioProgress {
  const { steps } = replay(graph, progress);
  const from = graph.nodes.some((n) => n.id === progress.from) ? progress.from : graph.start;
  const drop = Math.max(0, steps.length - MAX_SCENARIO_STEPS);
  const kept = steps.slice(drop);
  return {
    from: drop > 0 ? kept[0]!.node : from,
    choices: kept.map((s) => s.choice),
    ...(progress.truncated || drop > 0 ? { truncated: true } : {}),
    ...(progress.ended ? { ended: true } : {}),
    // Pending only when every choice replayed: the feedback shown is the last choice's.
    ...(progress.pending && steps.length > 0 && steps.length === progress.choices.length ? { pending: true } : {}),
  };
}

/** The progress after one more choice (capped), its feedback showing (`pending`) until the learner continues. */
export function withChoice(graph: ScenarioGraph, progress: ScenarioProgress | null | undefined, choiceId: string): ScenarioProgress {
  const base = progress ?? { from: graph.start, choices: [] };
  return capped(graph, { ...base, choices: [...replay(graph, base).steps.map((s) => s.choice), choiceId], pending: true });
}

/** The progress once the learner has pressed Continue (no feedback showing). */
export function continued(progress: ScenarioProgress): ScenarioProgress {
  const { pending: _, ...rest } = progress;
  return rest;
}

/** Where a resumed play shows: the node reached, or, while a choice's feedback is pending, the node chosen at and that choice. */
export function resumePoint(graph: ScenarioGraph, progress: ScenarioProgress | null | undefined): { node: string; choice?: string } {
  const { steps, current } = replay(graph, progress);
  const last = steps[steps.length - 1];
  return progress?.pending && last ? { node: last.node, choice: last.choice } : { node: current };
}
