/**
 * The exported Moodle XML holds every element Moodle's importer reads (qformat_xml in moodle/moodle
 * question/format/xml/format.php: import_headers, import_answer, import_multichoice,
 * import_truefalse, import_shortanswer, import_numerical, import_match, import_essay,
 * import_category, import_files_as_draft), with values it accepts.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { childElements, parseXml, type XmlElement } from '../../src/i18n/xml-tree.js';
import { exportQuestions } from '../../src/questions/export.js';
import { emptyCourse } from '../fixtures/questions/empty-course.js';
import { testdir } from '../support/testdir.js';

const COURSE = resolve(import.meta.dirname, '../fixtures/questions/export-course');

function exported(lang?: string) {
  const diagnostics: Diagnostic[] = [];
  const result = exportQuestions({ courseDir: COURSE, format: 'moodlexml', ...(lang ? { lang } : {}) }, diagnostics);
  const root = parseXml('bank.xml', result.text!, diagnostics);
  return { root: root!, diagnostics, text: result.text! };
}

const one = (el: XmlElement, name: string): XmlElement => {
  const found = childElements(el, name);
  expect(found, `<${el.name}> has one <${name}>`).toHaveLength(1);
  return found[0]!;
};
const value = (el: XmlElement): string => el.children.filter((c): c is string => typeof c === 'string').join('').trim();
const textOf = (el: XmlElement, name: string): string => value(one(one(el, name), 'text'));

/** Moodle's trans_format() names; anything else is read as html with a debugging notice. */
const FORMATS = ['moodle_auto_format', 'html', 'plain_text', 'wiki_like', 'markdown'];
/** question_bank's grade list (fractions × 100) an answer's fraction must be in, or its negative. */
const GRADES = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0];
const isNumber = (s: string) => s !== '' && Number.isFinite(Number(s));

function richText(el: XmlElement) {
  expect(FORMATS).toContain(el.attributes.format);
  one(el, 'text');
}

function headers(q: XmlElement) {
  expect(textOf(q, 'name')).not.toBe('');
  richText(one(q, 'questiontext'));
  expect(textOf(q, 'questiontext')).not.toBe('');
  richText(one(q, 'generalfeedback'));
  expect(isNumber(value(one(q, 'defaultgrade')))).toBe(true);
  expect(isNumber(value(one(q, 'penalty')))).toBe(true);
  expect(value(one(q, 'hidden'))).toBe('0');
  expect(value(one(q, 'idnumber'))).toBe(textOf(q, 'name'));
}

function answers(q: XmlElement, withFormat: boolean): XmlElement[] {
  const list = childElements(q, 'answer');
  for (const a of list) {
    expect(GRADES).toContain(Math.abs(Number(a.attributes.fraction)));
    if (withFormat) expect(FORMATS).toContain(a.attributes.format);
    one(a, 'text');
    richText(one(a, 'feedback'));
  }
  return list;
}

function byType(root: XmlElement) {
  const questions = childElements(root, 'question');
  return (type: string) => questions.filter((q) => q.attributes.type === type);
}

describe('questions export: Moodle XML as Moodle reads it', () => {
  const { root, diagnostics, text } = exported();
  const of = byType(root);

  it('is a <quiz> of category switches and questions; what it cannot hold is a warning, by position', () => {
    expect(root.name).toBe('quiz');
    expect(childElements(root).every((c) => c.name === 'question')).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(childElements(root, 'question').map((q) => q.attributes.type)).toEqual(['category', 'multichoice', 'multichoice', 'truefalse', 'shortanswer', 'numerical', 'matching', 'essay', 'category', 'truefalse', 'ordering']);
  });

  it('category: <category><text> under $course$/top, named after the module or assessment, and <info>', () => {
    expect(of('category').map((c) => textOf(c, 'category'))).toEqual(['$course$/top/Lifting basics', '$course$/top/Final check']);
    for (const c of of('category')) richText(one(c, 'info'));
  });

  it('every question has the headers import_headers() reads', () => {
    for (const q of childElements(root, 'question').filter((x) => x.attributes.type !== 'category')) headers(q);
    expect(value(one(of('multichoice')[0]!, 'defaultgrade'))).toBe('2');
  });

  it('multichoice: single, shuffleanswers, answernumbering, combined feedback, answers with fractions from the grade list', () => {
    const [single, multiple] = of('multichoice');
    for (const q of [single!, multiple!]) {
      expect(['true', 'false']).toContain(value(one(q, 'single')));
      expect(['true', 'false']).toContain(value(one(q, 'shuffleanswers')));
      expect(['abc', 'ABCD', '123', 'iii', 'IIII', 'none']).toContain(value(one(q, 'answernumbering')));
      expect(['0', '1']).toContain(value(one(q, 'showstandardinstruction')));
      for (const f of ['correctfeedback', 'partiallycorrectfeedback', 'incorrectfeedback']) richText(one(q, f));
    }
    expect(answers(single!, true).map((a) => a.attributes.fraction)).toEqual(['0', '100']);
    expect(answers(multiple!, true).map((a) => a.attributes.fraction)).toEqual(['50', '-50', '50']);
    expect(value(one(multiple!, 'single'))).toBe('false');
    expect(textOf(single!, 'correctfeedback')).toBe('<span lang="en" class="multilang">Right.</span><span lang="fr" class="multilang">Exact.</span>');
  });

  it('images: a base64 <file> in the text that shows it, referenced through @@PLUGINFILE@@', () => {
    const questiontext = one(of('multichoice')[0]!, 'questiontext');
    const file = one(questiontext, 'file');
    expect(file.attributes).toEqual({ name: 'chart.png', path: '/', encoding: 'base64' });
    expect(Buffer.from(value(file), 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(textOf(of('multichoice')[0]!, 'questiontext')).toContain('![A chart of loads](@@PLUGINFILE@@/chart.png)');
    expect(text).not.toContain('#posture');
  });

  it('truefalse: the answers "true" and "false", one with fraction 100, feedback on each', () => {
    for (const q of of('truefalse')) {
      const list = answers(q, false);
      expect(list.map((a) => value(one(a, 'text')))).toEqual(['true', 'false']);
      expect(list.filter((a) => a.attributes.fraction === '100')).toHaveLength(1);
    }
    const bend = of('truefalse')[0]!;
    expect(childElements(bend, 'answer').map((a) => a.attributes.fraction)).toEqual(['0', '100']);
    expect(textOf(bend, 'generalfeedback')).toContain('bend your knees');
  });

  it('shortanswer: usecase, accepted answers of every language at 100, a * answer at 0 for the wrong-answer feedback', () => {
    const q = of('shortanswer')[0]!;
    expect(value(one(q, 'usecase'))).toBe('1');
    expect(answers(q, false).map((a) => [a.attributes.fraction, value(one(a, 'text'))])).toEqual([
      ['100', 'MHOR'],
      ['100', 'Manual Handling*'],
      ['100', 'Manutention*'],
      ['0', '*'],
    ]);
  });

  it('numerical: the value with its <tolerance>, and the unit settings for "no units"', () => {
    const q = of('numerical')[0]!;
    const [a] = answers(q, false);
    expect([value(one(a!, 'text')), value(one(a!, 'tolerance'))]).toEqual(['20', '5']);
    expect(['unitgradingtype', 'unitpenalty', 'showunits', 'unitsleft'].map((n) => value(one(q, n)))).toEqual(['0', '0.1000000', '3', '0']);
  });

  it('matching: <subquestion format> with <text> and <answer><text>, a distractor as an empty subquestion', () => {
    const q = of('matching')[0]!;
    expect(['true', 'false']).toContain(value(one(q, 'shuffleanswers')));
    const subs = childElements(q, 'subquestion');
    for (const s of subs) expect(FORMATS).toContain(s.attributes.format);
    expect(subs.map((s) => [value(one(s, 'text')) !== '', textOf(s, 'answer')])).toEqual([
      [true, '<span lang="en" class="multilang">Apart</span><span lang="fr" class="multilang">Écartés</span>'],
      [true, '<span lang="en" class="multilang">Bent</span><span lang="fr" class="multilang">Fléchis</span>'],
      [false, '<span lang="en" class="multilang">Twisted</span><span lang="fr" class="multilang">Tordus</span>'],
    ]);
  });

  it('essay: the response settings import_essay() reads', () => {
    const q = of('essay')[0]!;
    expect(['editor', 'editorfilepicker', 'plain', 'monospaced', 'noinline']).toContain(value(one(q, 'responseformat')));
    for (const n of ['responserequired', 'responsefieldlines', 'attachments', 'attachmentsrequired']) expect(isNumber(value(one(q, n)))).toBe(true);
    richText(one(q, 'graderinfo'));
    one(q, 'responsetemplate');
  });

  it('ordering (question/type/ordering import_from_xml): layout, select, grading settings, answers in order with their position as fraction', () => {
    const q = of('ordering')[0]!;
    expect(['layouttype', 'selecttype', 'selectcount', 'gradingtype', 'showgrading'].map((n) => value(one(q, n)))).toEqual(['VERTICAL', 'ALL', '2', 'ALL_OR_NOTHING', 'SHOW']);
    for (const f of ['correctfeedback', 'partiallycorrectfeedback', 'incorrectfeedback']) richText(one(q, f));
    expect(childElements(q, 'answer').map((a) => [a.attributes.fraction, a.attributes.format, value(one(a, 'text'))])).toEqual([
      ['1', 'html', '<span lang="en" class="multilang">Plan</span><span lang="fr" class="multilang">Planifier</span>'],
      ['2', 'html', '<span lang="en" class="multilang">Lift</span><span lang="fr" class="multilang">Soulever</span>'],
    ]);
  });

  it('with --lang, one language and no multilang markup', () => {
    const fr = exported('fr');
    expect(fr.text).not.toContain('multilang');
    expect(textOf(byType(fr.root)('matching')[0]!, 'questiontext')).toBe('Associez.');
    expect(byType(fr.root)('category').map((c) => textOf(c, 'category'))).toEqual(['$course$/top/Les bases', '$course$/top/Contrôle final']);
  });

  it('writes a choice that contains an entity one escaping level deeper than xml-js alone would', () => {
    const files = emptyCourse();
    const dir = testdir({
      ...files,
      'course.yaml': `${files['course.yaml']}assessment: final.yaml\n`,
      'final.yaml': 'id: final\ntitle: Final\npassingScore: 50\nquestions:\n  - { id: q, type: single-choice, prompt: P, choices: [{ id: a, text: "A &amp; B", correct: true }, { id: b, text: "<&#0>" }] }\n',
    });
    const diagnostics: Diagnostic[] = [];
    const root = parseXml('bank.xml', exportQuestions({ courseDir: dir, format: 'moodlexml' }, diagnostics).text!, diagnostics)!;
    const q = childElements(root, 'question')[1]!;
    expect(childElements(q, 'answer').map((a) => value(one(a, 'text')))).toEqual(['A &amp;amp; B', '&lt;&amp;#0&gt;']);
  });
});
