/**
 * The files of a new course (`coursepack new`): a course.yaml, one module with a page and a
 * knowledge check, and an assessment, in the given languages, ready to check and build for every
 * target (its xAPI activity base is a URN minted for it). Pure: the command writes the files.
 */
import { Document, isMap, isScalar, isSeq } from 'yaml';

export interface ScaffoldOptions {
  id: string;
  languages: string[];
  title?: string;
  /** A fresh UUID (crypto.randomUUID()), for the course's `urn:uuid:` activity base. */
  uuid: string;
  /** Path from the course folder to coursepack's `schema/` folder, for editor completion. */
  schemaDir: string;
}

type Starter = Record<'en' | 'fr', string>;

/** Starter texts in English and French; other languages start from the English, to be replaced. */
const TEXT = {
  description: { en: 'What the course teaches, in one or two sentences.', fr: 'Ce que le cours enseigne, en une ou deux phrases.' },
  module: { en: 'Module 1: Getting started', fr: 'Module 1 : Pour commencer' },
  page: { en: 'Welcome', fr: 'Bienvenue' },
  body: {
    en: 'Write the page in **Markdown**. Link to another page with [its id](#check-page).\n\n- One idea per paragraph\n- Short lists help',
    fr: 'Écrivez la page en **Markdown**. Un lien vers une autre page se fait par [son id](#check-page).\n\n- Une idée par paragraphe\n- Les listes courtes aident',
  },
  checkPage: { en: 'Check your understanding', fr: 'Vérifiez vos acquis' },
  checkPrompt: { en: 'A course is written in YAML and Markdown.', fr: 'Un cours s’écrit en YAML et en Markdown.' },
  right: { en: 'Right.', fr: 'Exact.' },
  wrong: { en: 'Not quite: course.yaml and the modules are YAML; page texts are Markdown.', fr: 'Pas tout à fait : course.yaml et les modules sont en YAML, les textes des pages en Markdown.' },
  assessment: { en: 'Final assessment', fr: 'Évaluation finale' },
  q1: { en: 'Which file lists the modules of a course?', fr: 'Quel fichier liste les modules d’un cours ?' },
  q2: { en: 'Which of these are question types? Select all that apply.', fr: 'Lesquels sont des types de questions ? Plusieurs réponses possibles.' },
} satisfies Record<string, Starter>;

export function scaffoldCourse(options: ScaffoldOptions): Record<string, string> {
  const langs = options.languages;
  /** A text: a plain string in a one-language course, else one entry per language. */
  const t = (starter: Starter, own?: string): string | Record<string, string> => {
    const pick = (lang: string) => own ?? (lang.startsWith('fr') ? starter.fr : starter.en);
    return langs.length === 1 ? pick(langs[0]!) : Object.fromEntries(langs.map((l) => [l, pick(l)]));
  };
  const title = t({ en: 'New course', fr: 'Nouveau cours' }, options.title);
  /** The file's text: the schema comment for editors, then the data (`shape` may style its nodes). */
  const yamlFile = (schema: string, data: unknown, shape?: (doc: Document) => void) => {
    const doc = new Document(data);
    shape?.(doc);
    return `# yaml-language-server: $schema=${schema}\n${doc.toString({ lineWidth: 100, blockQuote: 'literal', flowCollectionPadding: false })}`;
  };
  const course = yamlFile(`${options.schemaDir}/course.schema.json`, {
    id: options.id,
    version: '1.0.0',
    languages: langs,
    title,
    description: t(TEXT.description),
    modules: ['modules/01-getting-started.yaml'],
    assessment: 'assessment.yaml',
    xapi: { activityBase: `urn:uuid:${options.uuid}` },
  }, (doc) => {
    const languages = doc.get('languages', true);
    if (isSeq(languages)) languages.flow = true;
    const xapi = isMap(doc.contents) ? doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'xapi')?.key : undefined;
    if (isScalar(xapi)) {
      xapi.commentBefore =
        " Names the course's activities in xAPI and cmi5, minted for this course: never change it once a\n package is published (or, before that, use an https address under your domain: docs/xapi-cmi5.md).";
    }
  });
  const module = yamlFile(`../${options.schemaDir}/module.schema.json`, {
    id: 'getting-started',
    title: t(TEXT.module),
    pages: [
      { id: 'welcome', title: t(TEXT.page), blocks: [{ type: 'text', body: t(TEXT.body) }] },
      {
        id: 'check-page',
        title: t(TEXT.checkPage),
        blocks: [
          {
            type: 'check',
            id: 'check-getting-started',
            questions: [{ id: 'q-formats', type: 'true-false', prompt: t(TEXT.checkPrompt), answer: true, feedback: { correct: t(TEXT.right), incorrect: t(TEXT.wrong) } }],
          },
        ],
      },
    ],
  });
  const choice = (id: string, text: string, correct?: boolean) => ({ id, text: t({ en: text, fr: text }), ...(correct ? { correct: true } : {}) });
  const assessment = yamlFile(`${options.schemaDir}/assessment.schema.json`, {
    id: 'final',
    title: t(TEXT.assessment),
    passingScore: 80,
    attempts: 3,
    questions: [
      { id: 'a-course-file', type: 'single-choice', prompt: t(TEXT.q1), choices: [choice('course', 'course.yaml', true), choice('module', 'modules/01-getting-started.yaml'), choice('assessment', 'assessment.yaml')] },
      { id: 'a-question-types', type: 'multiple-choice', prompt: t(TEXT.q2), choices: [choice('matching', 'matching', true), choice('likert', 'likert', true), choice('essay-grid', 'essay-grid')] },
    ],
  });
  return { 'course.yaml': course, 'modules/01-getting-started.yaml': module, 'assessment.yaml': assessment };
}
