/**
 * Generates the bench and scale-test courses: DESIGN.md's large course (1000 pages in 40 modules,
 * a knowledge check every 5 pages, a final assessment drawing 60 of 200 questions with 3 attempts)
 * and smaller ones of the same shape. Used by scripts/bench.ts and by tests (tests/support).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GeneratedCourseShape {
  pages: number;
  /** Modules the pages are spread over (evenly, the first ones take the remainder). */
  modules: number;
  /** A knowledge check (one single-choice question) on every n-th page; 0 for none. */
  checkEvery: number;
  /** Final assessment pool size; 0 for no assessment. */
  pool: number;
  draw: number;
  attempts: number;
  /**
   * Issue 15's blocks with scripts on a few pages (`BLOCK_PAGES`): accordion, tabs, stepper, flip
   * cards, hotspots, scenarios and a captioned video, spread over modules 5 to 40.
   */
  blocks?: boolean;
}

/** DESIGN.md's large course. */
export const LARGE_COURSE: GeneratedCourseShape = { pages: 1000, modules: 40, checkEvery: 5, pool: 200, draw: 60, attempts: 3 };

/** DESIGN.md's large course with issue 15's blocks (the scale tests of the block scripts). */
export const LARGE_COURSE_BLOCKS: GeneratedCourseShape = { ...LARGE_COURSE, blocks: true };

export const pageId = (i: number): string => `page-${String(i).padStart(4, '0')}`;

const SVG = (i: number): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" role="img"><title>Diagram ${i}</title><rect width="400" height="200" fill="#f3f0fa"/><circle cx="${60 + (i % 280)}" cy="100" r="40" fill="#5b3fa0"/><text x="200" y="190" font-size="14" text-anchor="middle">Step ${i}</text></svg>\n`;

const accordion = (i: number): string => `      - type: accordion
        title: Questions at step ${i}
        items:
          - { title: How long does step ${i} take?, body: About **ten minutes**. }
          - { title: What does she bring to step ${i}?, body: Her notes from the last meeting. }
          - { title: Who else is at step ${i}?, body: Only the counsellor. }
`;
const tabs = (i: number): string => `      - type: tabs
        title: Routes at step ${i}
        items:
          - { title: Bootcamp, body: "Intensive: **three to six months**." }
          - { title: Degree, body: Two to three years. }
          - { title: Apprenticeship, body: Work and study at the same time. }
`;
const stepper = (i: number): string => `      - type: stepper
        title: Four moves at step ${i}
        steps:
          - { title: Welcome, body: Say who you are. }
          - { title: Listen, body: Ask open questions. }
          - { title: Explore, body: Look at the routes together. }
          - { title: Agree, body: Agree on one next step. }
`;
const flipCards = (i: number): string => `      - type: flip-cards
        title: Words of step ${i}
        cards:
          - { front: Front end, back: What runs in the browser. }
          - { front: Back end, back: What runs on the server. }
`;
const hotspots = (i: number): string => `      - type: hotspots
        title: The diagram of step ${i}
        image:
          src: assets/step-${i}.svg
          alt: Diagram of step ${i}, a circle on a pale band.
        spots:
          - { x: 20, y: 50, label: Start, body: Where step ${i} begins. }
          - { x: 80, y: 50, label: Finish, body: Where step ${i} ends. }
`;
/** A scenario of 4 nodes, 2 choices each, a loop back, a good and a poor ending. */
const scenario = (i: number): string => `      - type: scenario
        id: scenario-${i}
        title: A conversation at step ${i}
        start: opening
        nodes:
          - id: opening
            speaker: Samira
            line: "At step ${i}, I am not sure I can do this."
            choices:
              - { id: ask, text: Ask what she already does, feedback: You start from her skills., next: skills }
              - { id: lecture, text: Explain why she can, feedback: She hears a lecture., next: pushback }
          - id: pushback
            speaker: Samira
            line: It is easy for you to say.
            choices:
              - { id: again, text: Apologise and start again, next: opening }
              - { id: insist, text: Insist, next: poor-end }
          - id: skills
            speaker: Samira
            line: I keep the accounts of the association.
            choices:
              - { id: build, text: Ask what she would like to build, next: good-end }
              - { id: list, text: List the courses, next: poor-end }
          - id: good-end
            line: Samira leaves with a project of her own.
            end: good
            score: 100
          - id: poor-end
            line: Samira says she will think about it.
            end: poor
            score: 0
`;
const video = (i: number): string => `      - type: video
        id: video-${i}
        title: The first meeting at step ${i} (synthetic voice)
        src: assets/conversation.webm
        captions:
          en: assets/conversation.en.vtt
`;

/**
 * Where `blocks` puts issue 15's blocks: [module (1-based), page within it (1-based), blocks].
 * Modules 20 and 40 hold every kind (the scale tests open them); the others spread the kinds.
 */
export const BLOCK_PAGES: ReadonlyArray<readonly [number, number, ReadonlyArray<(i: number) => string>]> = [
  [5, 2, [accordion]],
  [10, 2, [tabs, scenario]],
  [20, 2, [accordion, tabs]],
  [20, 3, [stepper, flipCards]],
  [20, 4, [scenario]],
  [30, 2, [flipCards]],
  [40, 2, [hotspots, video]],
  [40, 3, [scenario, accordion]],
];

/** The media fixtures the generated video uses (a WebM with English captions). */
const MEDIA = join(import.meta.dirname, '../tests/fixtures/courses/media/assets');

function page(i: number, shape: GeneratedCourseShape, extra = ''): string {
  const next = i < shape.pages ? `[the next page](#${pageId(i + 1)})` : 'the end of the course';
  const check =
    shape.checkEvery > 0 && i % shape.checkEvery === 0
      ? `      - type: check
        id: check-${i}
        questions:
          - id: q-${i}
            type: single-choice
            prompt: Which statement about step ${i} is right?
            choices:
              - { id: a, text: "It comes before step ${i + 1}.", correct: true }
              - { id: b, text: "It comes after step ${i + 1}." }
              - { id: c, text: "It is optional." }
`
      : '';
  return `  - id: ${pageId(i)}
    title: Step ${i} of the guidance conversation
    blocks:
      - type: text
        body: |
          ## What happens at step ${i}

          A counsellor who reaches step ${i} has already listened to the person's story and
          knows **what she did before**, what she enjoys and what worries her. This step is about
          turning that into one concrete action she can take this week.

          - Name the action together, in her words.
          - Agree on a date to talk again.
          - Write down what could stop her, and one way around it.

          Continue with ${next}.
      - type: callout
        style: tip
        body: Keep the conversation about her choices; your role at step ${i} is to ask, not to decide.
      - type: image
        src: assets/step-${i}.svg
        alt: Diagram of step ${i}
${extra}${check}`;
}

/** Question n of the pool: the scored types in turn, so the state holds every kind of answer. */
function poolQuestion(n: number): string {
  const id = `fa-${String(n).padStart(3, '0')}`;
  switch (n % 6) {
    case 0:
      return `  - id: ${id}\n    type: single-choice\n    prompt: Question ${n}, pick B.\n    choices:\n      - { id: a, text: A }\n      - { id: b, text: B, correct: true }\n      - { id: c, text: C }\n      - { id: d, text: D }\n`;
    case 1:
      return `  - id: ${id}\n    type: multiple-choice\n    prompt: Question ${n}, pick A and C.\n    choices:\n      - { id: a, text: A, correct: true }\n      - { id: b, text: B }\n      - { id: c, text: C, correct: true }\n      - { id: d, text: D }\n`;
    case 2:
      return `  - id: ${id}\n    type: fill-in\n    prompt: Question ${n}, type "Paris".\n    answers: [Paris]\n`;
    case 3:
      return `  - id: ${id}\n    type: numeric\n    prompt: Question ${n}, a number from 10 to 20.\n    answer: { min: 10, max: 20 }\n`;
    case 4:
      return `  - id: ${id}\n    type: matching\n    prompt: Question ${n}, match.\n    pairs:\n      - source: { id: one, text: One }\n        target: { id: un, text: Un }\n      - source: { id: two, text: Two }\n        target: { id: deux, text: Deux }\n      - source: { id: three, text: Three }\n        target: { id: trois, text: Trois }\n`;
    default:
      return `  - id: ${id}\n    type: sequencing\n    prompt: Question ${n}, put them in order.\n    items:\n      - { id: first, text: First }\n      - { id: second, text: Second }\n      - { id: third, text: Third }\n      - { id: fourth, text: Fourth }\n`;
  }
}

/** Writes the course into `root/<id>` and returns its folder. */
export function generateCourse(root: string, shape: GeneratedCourseShape, id = `synthetic-${shape.pages}`): string {
  const dir = join(root, id);
  mkdirSync(join(dir, 'modules'), { recursive: true });
  mkdirSync(join(dir, 'assets'), { recursive: true });
  const modules: string[] = [];
  const base = Math.floor(shape.pages / shape.modules);
  const extra = shape.pages % shape.modules;
  let first = 1;
  for (let m = 0; m < shape.modules; m++) {
    const count = base + (m < extra ? 1 : 0);
    if (count === 0) continue;
    const path = `modules/module-${String(m + 1).padStart(3, '0')}.yaml`;
    modules.push(path);
    let text = `id: module-${m + 1}\ntitle: Module ${m + 1}\npages:\n`;
    for (let i = first; i < first + count; i++) {
      const kinds = shape.blocks ? BLOCK_PAGES.filter(([mod, at]) => mod === m + 1 && at === i - first + 1).flatMap(([, , b]) => b) : [];
      text += page(i, shape, kinds.map((b) => b(i)).join(''));
      writeFileSync(join(dir, `assets/step-${i}.svg`), SVG(i));
    }
    first += count;
    writeFileSync(join(dir, path), text);
  }
  if (shape.blocks) for (const file of ['conversation.webm', 'conversation.en.vtt']) copyFileSync(join(MEDIA, file), join(dir, 'assets', file));
  let assessment = '';
  if (shape.pool > 0) {
    let text = `id: final\ntitle: Final assessment\npassingScore: 80\nattempts: ${shape.attempts}\ndraw: ${shape.draw}\nshuffle: true\nquestions:\n`;
    for (let n = 1; n <= shape.pool; n++) text += poolQuestion(n);
    writeFileSync(join(dir, 'assessment.yaml'), text);
    assessment = 'assessment: assessment.yaml\n';
  }
  const course = `id: ${id}\nversion: 1.0.0\nlanguages: [en]\ntitle: Synthetic course of ${shape.pages} pages\nxapi:\n  activityBase: https://bench.example/courses/\nmodules:\n${modules.map((p) => `  - ${p}\n`).join('')}${assessment}`;
  writeFileSync(join(dir, 'course.yaml'), course);
  return dir;
}
