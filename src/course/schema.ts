/**
 * The course format, version 1: the single source of truth. The JSON Schemas in `schema/` are
 * generated from these definitions (`coursepack schema`), and the loader validates with them.
 */
import { z } from 'zod';

const color = z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/).describe('A colour as #rrggbb or #rgb.');

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// BCP 47 language, optional script, optional region (en, pt-BR, zh-Hant, es-419): what packages, LMSs and LRSs all read.
export const LANG_PATTERN = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$/;

const id = z
  .string()
  .max(64)
  .regex(ID_PATTERN)
  .describe('Stable id: lowercase letters, digits and single hyphens. Keep it when you edit the text, so learners keep their progress.');

const lang = z.string().regex(LANG_PATTERN).describe('Language tag (BCP 47), e.g. en, fr, pl, fi, mt, pt-BR.');

/** A text: one string for a single-language course, or one string per declared language. */
export const text = z
  .union([z.string(), z.record(lang, z.string())])
  .describe('Text: a string, or a map from language code to string, e.g. { en: Hello, fr: Bonjour }.');

/** Rendered as Markdown blocks (paragraphs, lists, headings); raw HTML needs `allowHtml`. */
export const markdown = text.describe('Markdown text: a string, or a map from language code to Markdown.');
/** Rendered as one line of inline Markdown (emphasis, code, links). */
export const inlineMarkdown = text.describe('Text with inline Markdown (**bold**, *italic*, `code`, [links](#page-id)): a string, or a map from language code to text.');

export const choice = z.strictObject({
  id,
  text: inlineMarkdown,
  correct: z.boolean().optional().describe('true for a correct choice'),
  feedback: markdown.optional().describe('Shown when the learner picks this choice.'),
});

const questionFeedback = z.strictObject({
  correct: markdown.optional(),
  incorrect: markdown.optional(),
});

const questionBase = {
  id,
  prompt: inlineMarkdown,
  feedback: questionFeedback.optional(),
  weight: z.number().positive().max(100).optional().describe('Weight in the assessment score (default 1).'),
};

export const singleChoice = z.strictObject({
  ...questionBase,
  type: z.literal('single-choice'),
  choices: z.array(choice).min(2).max(100),
});

export const multipleChoice = z.strictObject({
  ...questionBase,
  type: z.literal('multiple-choice'),
  choices: z.array(choice).min(2).max(100),
  scoring: z
    .enum(['all-or-nothing', 'partial'])
    .default('all-or-nothing')
    .describe('all-or-nothing: every correct choice and no wrong one; partial: (right picks − wrong picks) / correct choices.'),
});

export const trueFalse = z.strictObject({
  ...questionBase,
  type: z.literal('true-false'),
  answer: z.boolean().describe('The correct answer.'),
});

export const fillIn = z.strictObject({
  ...questionBase,
  type: z.literal('fill-in'),
  answers: z.array(text).min(1).describe('Accepted answers (per language when the course has several).'),
  caseSensitive: z.boolean().default(false).describe('Compare letter case (default: no). Spaces are always trimmed and collapsed.'),
  pattern: z.string().min(1).optional().describe('A regular expression that also counts as correct, e.g. ^pa?ris$ (tested on the trimmed answer).'),
  maxLength: z.number().int().min(1).max(250).default(100),
});

const numericAnswer = z.union([
  z.number().describe('The exact value.'),
  z.strictObject({ min: z.number(), max: z.number() }).describe('Any value from min to max.'),
  z.strictObject({ value: z.number(), tolerance: z.number().min(0) }).describe('value ± tolerance.'),
]);

export const numeric = z.strictObject({
  ...questionBase,
  type: z.literal('numeric'),
  answer: numericAnswer,
});

const item = z.strictObject({ id, text });
/** An item shown as inline Markdown (sequencing items, likert points, matching sources); matching targets are plain text in a list box. */
const inlineItem = z.strictObject({ id, text: inlineMarkdown });

export const matching = z.strictObject({
  ...questionBase,
  type: z.literal('matching'),
  pairs: z
    .array(z.strictObject({ source: inlineItem, target: item }))
    .min(2)
    .max(36)
    .describe('Each source and the target it matches. The learner picks a target for every source.'),
  distractors: z.array(item).max(10).optional().describe('Extra targets that match no source.'),
});

export const sequencing = z.strictObject({
  ...questionBase,
  type: z.literal('sequencing'),
  items: z.array(inlineItem).min(2).max(36).describe('The items in their correct order; the player shuffles them.'),
});

export const likert = z.strictObject({
  ...questionBase,
  type: z.literal('likert'),
  scale: z.array(inlineItem).min(2).max(11).describe('The scale points in order, e.g. strongly disagree … strongly agree. Never scored.'),
});

export const freeText = z.strictObject({
  ...questionBase,
  type: z.literal('free-text'),
  maxLength: z.number().int().min(1).max(2000).default(500).describe('Longest answer kept (characters). Never scored; kept in the learner state.'),
});

export const question = z.discriminatedUnion('type', [singleChoice, multipleChoice, trueFalse, fillIn, numeric, matching, sequencing, likert, freeText]);

const textBlock = z.strictObject({ type: z.literal('text'), body: markdown });
const imageBlock = z.strictObject({
  type: z.literal('image'),
  // A record first, then a string: not the shape of a text (schema-walk.ts), so a path is never sent for translation.
  src: z
    .union([z.record(lang, z.string().min(1)), z.string().min(1)])
    .describe('Path of the image, relative to the course folder (e.g. assets/map.svg), or one path per course language for an image with words in it: { en: assets/map-en.svg, fr: assets/map-fr.svg }.'),
  alt: text.optional().describe('What the image shows, for learners who cannot see it. Required, unless `decorative: true`.'),
  decorative: z.boolean().optional().describe('true for an image that only decorates and needs no alt text (screen readers skip it).'),
  caption: text.optional(),
  credit: text.optional(),
});
const calloutBlock = z.strictObject({
  type: z.literal('callout'),
  style: z.enum(['info', 'tip', 'warning', 'example']).default('info'),
  title: text.optional(),
  body: markdown,
});
const testimonyBlock = z.strictObject({
  type: z.literal('testimony'),
  name: text.describe('The persona\'s first name.'),
  role: text.optional(),
  quote: markdown,
});
const checkBlock = z.strictObject({
  type: z.literal('check'),
  id,
  title: text.optional(),
  questions: z.array(question).min(1).max(20),
});

// Issue 15: interactive blocks (accordion, tabs, flip-cards, stepper, hotspots), format in docs/authoring.md.
const titledPanel = z.strictObject({ title: text, body: markdown });
const accordionBlock = z.strictObject({
  type: z.literal('accordion'),
  title: text.optional().describe('A heading above the accordion.'),
  items: z.array(titledPanel).min(2).max(20).describe('The sections: each a title (the button) and a body shown when opened.'),
});
const tabsBlock = z.strictObject({
  type: z.literal('tabs'),
  title: text.optional().describe('Names the set of tabs (for screen readers, and shown as a heading).'),
  items: z.array(titledPanel).min(2).max(8).describe('The tabs: each a title (the tab) and a body (its panel).'),
});
const flipCardsBlock = z.strictObject({
  type: z.literal('flip-cards'),
  title: text.optional().describe('A heading above the cards.'),
  cards: z
    .array(z.strictObject({ front: inlineMarkdown.describe('What the card shows first: a term, a question.'), back: markdown.describe('What the card shows when turned.') }))
    .min(1)
    .max(12),
});
const stepperBlock = z.strictObject({
  type: z.literal('stepper'),
  title: text.optional().describe('A heading above the steps.'),
  steps: z.array(titledPanel).min(2).max(12).describe('The steps of a process or timeline, in order; shown one at a time.'),
});
const hotspotsBlock = z.strictObject({
  type: z.literal('hotspots'),
  title: text.optional().describe('A heading above the image.'),
  image: z
    .strictObject({ src: imageBlock.shape.src, alt: text.describe('What the image shows, for learners who cannot see it. Required.') })
    .describe('The picture the spots are placed on.'),
  spots: z
    .array(
      z.strictObject({
        x: z.number().min(0).max(100).describe('Across, in percent of the image width (0 = left edge, 100 = right edge).'),
        y: z.number().min(0).max(100).describe('Down, in percent of the image height (0 = top, 100 = bottom).'),
        label: text.describe('The name of the spot, read by screen readers and listed below the image.'),
        body: markdown.describe('What opening the spot shows.'),
      }),
    )
    .min(1)
    .max(20),
});

/** Issue 15: a branching conversation (docs/authoring.md "Scenarios"); its graph is checked by scenario-graph.ts. */
export const SCENARIO_ENDINGS = ['good', 'poor', 'neutral'] as const;
const scenarioChoice = z.strictObject({
  id: id.describe('Stable id within the node (the learner state and the recorded path use it).'),
  text: inlineMarkdown.describe('What the learner says or does.'),
  feedback: markdown.optional().describe('Shown after the learner picks this choice: its consequence.'),
  next: id.describe('The id of the node this choice leads to (a node of the same scenario).'),
});
const scenarioNode = z.strictObject({
  id: id.describe('Stable id within the scenario.'),
  speaker: text.optional().describe('Who speaks (a composite persona).'),
  line: markdown.describe('What the character says, or the situation.'),
  choices: z.array(scenarioChoice).min(1).max(6).optional().describe('1 to 6 choices; a node has `choices` or `end`, never both.'),
  end: z.enum(SCENARIO_ENDINGS).optional().describe('Makes the node an ending: good, poor or neutral.'),
  score: z.number().min(0).max(100).optional().describe('An ending\'s score, 0..100 (recorded, never counted in the course score).'),
  feedback: markdown.optional().describe('An ending\'s debrief, shown with its verdict.'),
});
const scenarioBlock = z.strictObject({
  type: z.literal('scenario'),
  id,
  title: text,
  intro: markdown.optional().describe('Shown before the first node.'),
  start: id.optional().describe('The id of the first node (default: the first node listed).'),
  nodes: z.array(scenarioNode).min(1).max(100),
});

export const block = z.discriminatedUnion('type', [textBlock, imageBlock, calloutBlock, testimonyBlock, checkBlock, accordionBlock, tabsBlock, flipCardsBlock, stepperBlock, hotspotsBlock, scenarioBlock]);

export const page = z.strictObject({
  id,
  title: text,
  blocks: z.array(block).min(1),
});

export const moduleFile = z.strictObject({
  id,
  title: text,
  description: text.optional(),
  pages: z.array(page).min(1),
});

export const assessmentFile = z.strictObject({
  id,
  title: text,
  intro: markdown.optional(),
  passingScore: z.number().min(0).max(100).describe('Percentage needed to pass, 0..100.'),
  attempts: z.number().int().min(1).max(99).default(3).describe('How many attempts a learner has.'),
  showCorrectAnswers: z.boolean().default(true).describe('Show the correct answers in the review after an attempt.'),
  draw: z.number().int().min(1).optional().describe('Questions drawn from the pool for each attempt (default: all). A resume keeps the same draw.'),
  shuffle: z.boolean().default(false).describe('Shuffle question order and choices, once per attempt (stable across a resume).'),
  counts: z.enum(['best', 'last']).default('best').describe('Which attempt counts for the score: the best or the last.'),
  questions: z.array(question).min(1).describe('The question pool.'),
});

export const STATUS_POLICIES = ['passed-failed', 'passed-incomplete', 'completed-failed', 'completed-incomplete'] as const;

export const courseFile = z.strictObject({
  id,
  version: z.string().regex(/^\d+\.\d+\.\d+$/).describe('Semantic version, e.g. 1.0.0; part of the package file name.'),
  languages: z.array(lang).min(1).describe('Languages of the course; one package is built per language.'),
  title: text,
  description: text.optional(),
  author: z.string().optional(),
  modules: z.array(z.string().min(1)).min(1).describe('Module files, relative to course.yaml, in order.'),
  assessment: z.string().min(1).optional().describe('The final assessment file, relative to course.yaml (shorthand for a one-item `assessments`).'),
  assessments: z.array(z.string().min(1)).min(1).optional().describe('Assessment files, relative to course.yaml, in order.'),
  result: z
    .strictObject({
      from: z.string().default('all').describe('all: the course is passed when every assessment is passed, and its score is their average; or the id of the one assessment that decides.'),
    })
    .default({ from: 'all' })
    .describe('How the course result comes from its assessments.'),
  completion: z
    .strictObject({
      pages: z
        .union([z.literal('all'), z.number().int().min(0).max(100)])
        .default('all')
        .describe('Pages a learner must view to complete: all, or a percentage.'),
    })
    .default({ pages: 'all' }),
  status: z
    .enum(STATUS_POLICIES)
    .default('passed-failed')
    .describe('What the LMS is told when the assessment is passed / failed (without an assessment: completed/incomplete).'),
  allowHtml: z.boolean().default(false).describe('Let Markdown contain raw HTML (escaped otherwise).'),
  theme: z
    .strictObject({
      colors: z
        .strictObject({
          text: color.optional().describe('Body text (default #1f2328).'),
          background: color.optional().describe('Page background (default #fbfaf7).'),
          surface: color.optional().describe('Cards, menu and questions (default #ffffff).'),
          accent: color.optional().describe('Links, buttons, progress, current page (default #5b3cc4).'),
          accentText: color.optional().describe('Text on accent-coloured buttons (default #ffffff).'),
          muted: color.optional().describe('Secondary text: hints, captions (default #57606a).'),
        })
        .optional(),
      logo: z.string().min(1).optional().describe('Logo shown in the header, a file in the course folder (SVG or PNG).'),
      logoAlt: text.optional().describe('What the logo says, e.g. the organisation name. Required with `logo`.'),
      font: z
        .union([z.enum(['system', 'sans', 'serif', 'readable']), z.string().regex(/^[A-Za-z0-9 ,'"-]+$/)])
        .optional()
        .describe('system (default), sans, serif, readable (Atkinson Hyperlegible/Verdana-like), or a CSS font stack of fonts learners have installed.'),
    })
    .optional()
    .describe('Colours, logo and font of the player. Text colours must keep WCAG AA contrast (4.5:1).'),
  xapi: z
    .strictObject({
      activityBase: z
        .string()
        .regex(/^(?:https?:\/\/[^\s/#?]+(?:\/[^\s#?]*)?|urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/, {
          message: 'must be an http(s) URL without query or fragment, or a urn:uuid: URN in lower case',
        })
        .describe(
          'Base of the activity ids: an http(s) URL under a domain you control (e.g. https://learning.example.org/courses/), or a urn:uuid: URN minted once for this course. Never change it once published.',
        ),
    })
    .optional()
    .describe('xAPI and cmi5 settings (required to build the xapi and cmi5 targets).'),
  tracking: z
    .strictObject({
      checks: z
        .enum(['first', 'none'])
        .default('first')
        .describe('Knowledge-check answers sent to a SCORM LMS as interactions: the first answer to each check, or none (saves stay small: docs/moodle.md).'),
      scenarios: z
        .enum(['first', 'none'])
        .default('first')
        .describe('Scenario endings sent to a SCORM LMS as interactions: the first ending each learner reaches in each scenario, or none.'),
    })
    .default({ checks: 'first', scenarios: 'first' })
    .describe('What the course reports to the LMS besides its result.'),
  cmi5: z
    .strictObject({
      aus: z.enum(['course', 'module']).default('course').describe('One assignable unit for the whole course, or one per module.'),
    })
    .optional(),
});

export type TextValue = z.infer<typeof text>;
export type ChoiceSource = z.infer<typeof choice>;
export type QuestionSource = z.infer<typeof question>;
export type BlockSource = z.infer<typeof block>;
export type ScenarioSource = z.infer<typeof scenarioBlock>;
export type PageSource = z.infer<typeof page>;
export type ModuleSource = z.infer<typeof moduleFile>;
export type AssessmentSource = z.infer<typeof assessmentFile>;
export type CourseSource = z.infer<typeof courseFile>;
export type StatusPolicy = (typeof STATUS_POLICIES)[number];

/** The three kinds of source file and their schemas. */
export const FILE_SCHEMAS = { course: courseFile, module: moduleFile, assessment: assessmentFile } as const;
export type FileKind = keyof typeof FILE_SCHEMAS;
