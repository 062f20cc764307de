/**
 * `npx tsx scripts/state-sizes.ts`: the worst-case learner state of each bench course under each
 * target's limit, as Markdown (docs/performance.md, "Learner state: worst case per course and
 * target"), and whether compressing the state would pay.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateSync } from 'fflate';
import { loadCourse } from '../src/course/load-course.js';
import { courseStateLayout, worstCaseState, worstCaseStateSize } from '../src/package/limits.js';
import { rng } from '../src/player/core/random.js';
import { encodeState } from '../src/player/core/state.js';
import { TARGETS } from '../src/targets/index.js';
import { generateCourse, LARGE_COURSE, LARGE_COURSE_BLOCKS } from './generate-course.js';

const root = mkdtempSync(join(tmpdir(), 'state-sizes-'));
try {
  const courses: Array<[string, string]> = [['counsellor training', resolve(import.meta.dirname, '../courses/counsellor-training')]];
  for (const pages of [10, 100, 1000]) {
    courses.push([`synthetic ${pages} pages`, generateCourse(root, { pages, modules: Math.ceil(pages / 10), checkEvery: 5, pool: 0, draw: 0, attempts: 0 })]);
  }
  courses.push(['large course (1000 pages, 40 modules, 60 of 200, 3 attempts)', generateCourse(root, LARGE_COURSE, 'large-course')]);
  courses.push(["large course with issue 15's blocks (the same, 3 scenarios)", generateCourse(root, LARGE_COURSE_BLOCKS, 'large-course-blocks')]);

  const limited = TARGETS.filter((t) => t.limits.suspendData !== undefined);
  const free = TARGETS.filter((t) => t.limits.suspendData === undefined).map((t) => t.title);
  const lines = [
    `| course | worst case (characters) | ${limited.map((t) => `${t.title} (≤ ${t.limits.suspendData!.toLocaleString('en')})`).join(' | ')} | ${free.join(', ')} |`,
    `| --- | ---: | ${limited.map(() => '---').join(' | ')} | --- |`,
  ];
  let large = '';
  for (const [name, dir] of courses) {
    const course = loadCourse(dir).course!;
    const size = worstCaseStateSize(course);
    const cells = limited.map((t) => `${size <= t.limits.suspendData! ? 'fits' : '**too large**'}, ${((size / t.limits.suspendData!) * 100).toFixed(1)} %`);
    lines.push(`| ${name} | ${size.toLocaleString('en')} | ${cells.join(' | ')} | no limit |`);
    if (name.startsWith('large course (')) {
      // A learner of the large course answering everything, with text typed at random: printable
      // ASCII, then any letters of the Basic Multilingual Plane (what an adversarial learner can type).
      const sample = (first: number, count: number) => {
        const next = rng(14);
        const worst = worstCaseState(course);
        const noise = (text: string) => Array.from(text, () => String.fromCharCode(first + Math.floor(next() * count))).join('');
        for (const list of Object.values(worst.attempts)) for (const a of list) for (const id of Object.keys(a.answers)) if (a.answers[id]!.startsWith('\u20ac')) a.answers[id] = noise(a.answers[id]!);
        const text = encodeState(worst, courseStateLayout(course));
        const deflated = Buffer.from(deflateSync(new TextEncoder().encode(text), { level: 9 })).toString('base64url');
        return `${text.length.toLocaleString('en')} → ${deflated.length.toLocaleString('en')}`;
      };
      large = `Compression (fflate deflate level 9, then base64url, as a text field needs), the large course's learner answering everything: text typed in printable ASCII ${sample(33, 94)} characters; in letters of the Basic Multilingual Plane ${sample(0x100, 0xd700)}.`;
    }
  }
  console.log(lines.join('\n'));
  console.log(`\n${large}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
