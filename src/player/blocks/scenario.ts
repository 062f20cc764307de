/**
 * The scenario block (issue 15): a branching conversation played one node at a time.
 *
 * The template (templates/blocks.eta) renders the whole script — every node in order, each
 * choice with its feedback and a link to where it leads — which reads and prints without this
 * script. Once mounted, the script is hidden on screen (print still shows it, player.css) and a
 * play area shows one node: the character's line (said through the live region), then the
 * choices as buttons (focus on the first). A choice shows what the learner said and its
 * feedback (focus moves there) and a Continue button; an ending shows its verdict, score and
 * debrief (focus moves there) and "Restart the scenario". Texts are cloned from the script, so
 * they exist once in the page; interface texts come from `context.strings`.
 *
 * Progress (where the play started and the choices made, core/scenario-path.ts) goes to the
 * learner state through `context.saveScenario` after every choice and every Continue, so a
 * relaunch resumes where the learner was: at the node reached, or, when they left with a choice's
 * feedback on screen, at that node with the choice, its feedback and Continue (`pending`). Focus
 * is not moved at launch (the player moves it only in answer to the learner); Continue is the
 * next Tab stop after the feedback. Reaching an ending sends one `scenario-ended` event through
 * `context.record`, once: a resumed feedback records nothing again.
 */
import { defineBlock, type BlockContext } from './contract.js';
import { format } from '../core/format.js';
import { continued, replay, resumePoint, withChoice, type ScenarioProgress } from '../core/scenario-path.js';
import type { PlayerScenario, PlayerScenarioNode, Result, ScenarioEnding } from '../core/types.js';

const RESULTS: Record<ScenarioEnding, Result> = { good: 'correct', poor: 'incorrect', neutral: 'neutral' };

function mount(root: HTMLElement, context: BlockContext): void {
  const id = root.dataset.scenarioId ?? '';
  const scenario = context.scenario?.(id);
  const script = root.querySelector<HTMLElement>('.cp-scenario-script');
  if (!scenario || !script) return;
  const doc = context.doc;
  const s = context.strings;
  let progress: ScenarioProgress | null = context.scenarioState?.(id) ?? null;

  const play = doc.createElement('div');
  play.className = 'cp-scenario-play';
  script.after(play);
  script.hidden = true;

  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] => {
    const el = doc.createElement(tag);
    el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  };
  const scripted = (nodeId: string) => script.querySelector<HTMLElement>(`[data-node-id="${nodeId}"]`);
  const cloneOf = (from: Element | null | undefined, selector: string) => from?.querySelector(selector)?.cloneNode(true) as HTMLElement | undefined;
  const button = (label: string, secondary: boolean, onClick: () => void) => {
    const b = element('button', secondary ? 'cp-button cp-button-secondary cp-scenario-option' : 'cp-button cp-scenario-action', label);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  };
  const node = (nodeId: string): PlayerScenarioNode | undefined => scenario.nodes.find((n) => n.id === nodeId);

  /** Shows a node; `focus`: the learner got here by a button (not at page load). */
  function show(nodeId: string, focus: boolean): void {
    const data = node(nodeId);
    const source = scripted(nodeId);
    if (!data || !source) return;
    const box = element('div', 'cp-scenario-current');
    box.dataset.nodeId = nodeId;
    const speaker = cloneOf(source, '.cp-scenario-speaker');
    const line = cloneOf(source, '.cp-scenario-line');
    if (speaker) box.append(speaker);
    if (line) box.append(line);
    play.replaceChildren(box);
    if (data.end) {
      showEnding(box, source, focus);
      return;
    }
    const label = element('p', 'cp-scenario-choices-label', s.scenarioChoices);
    label.id = `cp-sc-${id}-choices`;
    const list = element('ul', 'cp-scenario-options');
    list.setAttribute('aria-labelledby', label.id);
    for (const choice of data.choices) {
      const text = source.querySelector(`[data-choice-id="${choice.id}"] .cp-scenario-choice-text`);
      const b = button('', true, () => choose(nodeId, choice.id));
      b.innerHTML = text?.innerHTML ?? choice.id;
      b.dataset.choiceId = choice.id;
      const item = doc.createElement('li');
      item.append(b);
      list.append(item);
    }
    box.append(label, list);
    if (focus) {
      const said = [speaker?.textContent?.trim(), line?.textContent?.trim()];
      context.announce(said[0] ? format(s.scenarioLine!, { speaker: said[0], line: said[1] ?? '' }) : (said[1] ?? ''));
      list.querySelector('button')?.focus();
    }
  }

  function showEnding(box: HTMLElement, source: HTMLElement, focus: boolean): void {
    const ending = cloneOf(source, '.cp-scenario-ending');
    if (ending) box.append(ending);
    box.tabIndex = -1;
    box.append(button(s.scenarioRestart!, false, restart));
    if (focus) box.focus();
  }

  function choose(nodeId: string, choiceId: string): void {
    const choice = node(nodeId)?.choices.find((c) => c.id === choiceId);
    const next = choice && node(choice.next);
    if (!choice || !next) return;
    progress = withChoice(scenario!, progress, choiceId);
    context.record?.({ type: 'scenario-choice', scenario: scenario as PlayerScenario, node: nodeId, choice: choiceId, timestamp: new Date() });
    if (next.end) ended(next as PlayerScenarioNode & { end: ScenarioEnding });
    context.saveScenario?.(id, progress);
    respond(nodeId, choiceId, true);
  }

  /** Shows what the learner said at `nodeId`, its feedback and Continue (after a choice, or resumed with it pending). */
  function respond(nodeId: string, choiceId: string, focus: boolean): void {
    const choice = node(nodeId)?.choices.find((c) => c.id === choiceId);
    const box = play.querySelector<HTMLElement>('.cp-scenario-current');
    if (!choice || !box) return;
    box.querySelector('.cp-scenario-choices-label')?.remove();
    box.querySelector('.cp-scenario-options')?.remove();
    const response = element('div', 'cp-scenario-response');
    response.tabIndex = -1;
    const said = element('p', 'cp-scenario-said');
    said.append(element('strong', '', `${s.scenarioYou!} `));
    const text = doc.createElement('span');
    text.innerHTML = scripted(nodeId)?.querySelector(`[data-choice-id="${choiceId}"] .cp-scenario-choice-text`)?.innerHTML ?? '';
    said.append(text);
    response.append(said);
    const feedback = cloneOf(scripted(nodeId)?.querySelector(`[data-choice-id="${choiceId}"]`), '.cp-scenario-feedback');
    if (feedback) response.append(feedback);
    box.append(response, button(s.scenarioContinue!, false, () => {
      if (progress?.pending) {
        progress = continued(progress);
        context.saveScenario?.(id, progress);
      }
      show(choice.next, true);
    }));
    if (focus) response.focus();
  }

  /** Records the ending once per play; `repeat` when the learner had ended this scenario before. */
  function ended(ending: PlayerScenarioNode & { end: ScenarioEnding }): void {
    const repeat = progress!.ended === true;
    progress = { ...progress!, ended: true };
    context.record?.({ type: 'scenario-ended', scenario: scenario as PlayerScenario, steps: replay(scenario!, progress).steps, ending, result: RESULTS[ending.end], timestamp: new Date(), repeat });
  }

  function restart(): void {
    progress = { from: scenario!.start, choices: [], ...(progress?.ended ? { ended: true } : {}) };
    context.saveScenario?.(id, progress);
    show(scenario!.start, true);
  }

  const resumed = resumePoint(scenario, progress);
  show(resumed.node, false);
  if (resumed.choice) respond(resumed.node, resumed.choice, false);
}

defineBlock({ kind: 'scenario', mount });
