/** The GIFT export parses back with gift-pegjs into the same questions, escaping included. */
import { resolve } from 'node:path';
import { parse, type GIFTQuestion } from 'gift-pegjs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { exportQuestions } from '../../src/questions/export.js';
import { escapeGift } from '../../src/questions/gift-write.js';
import { emptyCourse } from '../fixtures/questions/empty-course.js';
import { testdir } from '../support/testdir.js';

const COURSE = resolve(import.meta.dirname, '../fixtures/questions/export-course');

function exported(lang?: string) {
  const diagnostics: Diagnostic[] = [];
  const result = exportQuestions({ courseDir: COURSE, format: 'gift', ...(lang ? { lang } : {}) }, diagnostics);
  return { text: result.text!, diagnostics, parsed: parse(result.text!) };
}

type Of<T extends GIFTQuestion['type']> = Extract<GIFTQuestion, { type: T }>;

describe('questions export: GIFT', () => {
  it('escapes what GIFT reserves, as Moodle does', () => {
    expect(escapeGift('a\\b#c=d~e{f}g:h\ni')).toBe('a\\\\b\\#c\\=d~e\\{f\\}g\\:h\\ni'.replace('d~', 'd\\~'));
    const [q] = parse(`::x::${escapeGift('1 = 2: {not} ~ #3 \\ ok')}{T}`) as [Of<'TF'>];
    expect(q.stem.text).toBe('1 = 2: {not} ~ #3 \\ ok');
  });

  it('parses back question for question, with categories, answers and feedback', () => {
    const { parsed, diagnostics } = exported('en');
    expect(parsed.map((q) => q.type)).toEqual(['Category', 'MC', 'MC', 'TF', 'Short', 'Numerical', 'Matching', 'Essay', 'Category', 'TF']);
    expect((parsed[0] as Of<'Category'>).title).toBe('$course$/top/Lifting basics');
    const [, single, multiple, tf, short, numerical, matching] = parsed as [unknown, Of<'MC'>, Of<'MC'>, Of<'TF'>, Of<'Short'>, Of<'Numerical'>, Of<'Matching'>];
    expect(single.title).toBe('heaviest');
    expect(single.stem).toEqual({ format: 'markdown', text: 'Which load is the **heaviest** to lift alone? See the page.\n\n![A chart of loads](assets/chart.png)' });
    expect(single.choices.map((c) => [c.isCorrect, c.text.text, c.feedback?.text ?? null])).toEqual([
      [false, '50 kg', 'Too heavy.'],
      [true, '25 kg', null],
    ]);
    expect(multiple.choices.map((c) => c.weight)).toEqual([50, -50, 50]);
    expect([tf.isTrue, tf.globalFeedback?.text]).toEqual([false, 'Yes, bend your knees.']);
    expect(short.choices.map((c) => [c.weight, c.text.text, c.feedback?.text ?? null])).toEqual([
      [100, 'MHOR', null],
      [100, 'Manual Handling*', null],
      [0, '*', 'See section 3.'],
    ]);
    expect(numerical.choices).toEqual([{ isCorrect: true, weight: null, text: { type: 'range', number: 20, range: 5 }, feedback: null }]);
    expect(matching.matchPairs.map((p) => [p.subquestion.text, p.subanswer])).toEqual([
      ['Feet', 'Apart'],
      ['Knees', 'Bent'],
      ['', 'Twisted'],
    ]);
    expect(diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['question-approximated', 'modules/basics.yaml', 10],
      ['question-approximated', 'modules/basics.yaml', 10],
      ['question-approximated', 'modules/basics.yaml', 43],
      ['question-export-unsupported', 'final.yaml', 9],
    ]);
  });

  it('writes every language as multilang spans that survive the escaping', () => {
    const { parsed } = exported();
    const matching = parsed.find((q) => q.type === 'Matching') as Of<'Matching'>;
    expect(matching.stem.text).toBe('<span lang="en" class="multilang">Match.</span><span lang="fr" class="multilang">Associez.</span>');
  });

  it('leaves out, with a warning, a question whose answer contains "->" (GIFT reads it as a matching pair)', () => {
    const files = emptyCourse();
    const dir = testdir({
      ...files,
      'course.yaml': `${files['course.yaml']}assessment: final.yaml\n`,
      'final.yaml': 'id: final\ntitle: Final\npassingScore: 50\nquestions:\n  - { id: arrow, type: single-choice, prompt: P, choices: [{ id: a, text: "a -> b", correct: true }, { id: b, text: c }] }\n  - { id: fine, type: true-false, prompt: Q, answer: true }\n',
    });
    const diagnostics: Diagnostic[] = [];
    const text = exportQuestions({ courseDir: dir, format: 'gift' }, diagnostics).text!;
    expect(parse(text).filter((q) => q.type !== 'Category').map((q) => q.title)).toEqual(['fine']);
    expect(diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['question-export-unsupported', 'final.yaml', 5]]);
  });
});
