/**
 * Generates the bench and scale-test courses: DESIGN.md's large course (1000 pages in 40 modules,
 * a knowledge check every 5 pages, a final assessment drawing 60 of 200 questions with 3 attempts)
 * and smaller ones of the same shape. Used by scripts/bench.ts and by tests (tests/support).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
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
}

/** DESIGN.md's large course. */
export const LARGE_COURSE: GeneratedCourseShape = { pages: 1000, modules: 40, checkEvery: 5, pool: 200, draw: 60, attempts: 3 };

export const pageId = (i: number): string => `page-${String(i).padStart(4, '0')}`;

const SVG = (i: number): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" role="img"><title>Diagram ${i}</title><rect width="400" height="200" fill="#f3f0fa"/><circle cx="${60 + (i % 280)}" cy="100" r="40" fill="#5b3fa0"/><text x="200" y="190" font-size="14" text-anchor="middle">Step ${i}</text></svg>\n`;

function page(i: number, shape: GeneratedCourseShape): string {
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
${check}`;
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
      text += page(i, shape);
      writeFileSync(join(dir, `assets/step-${i}.svg`), SVG(i));
    }
    first += count;
    writeFileSync(join(dir, path), text);
  }
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
