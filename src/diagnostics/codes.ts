import type { Severity } from './diagnostic.js';

/**
 * The catalogue of diagnostic codes. A code's name never changes once published: authors search
 * for it and tests assert it. Add new codes; do not rename or reuse old ones.
 */
export interface CodeInfo {
  severity: Severity;
  /** What the author can do about it, when the message alone does not say. */
  hint: string;
}

export const CODES = {
  // Files and YAML syntax
  'course-not-found': { severity: 'error', hint: 'Give the folder that holds course.yaml, e.g. `coursepack build courses/my-course`.' },
  'file-not-found': { severity: 'error', hint: 'Check the path: it is relative to the file that names it, and case-sensitive.' },
  'file-encoding': { severity: 'error', hint: 'Save the file as UTF-8 (without a byte-order mark).' },
  'file-too-large': { severity: 'error', hint: 'Split the content into several module files.' },
  'yaml-syntax': { severity: 'error', hint: 'Check indentation (spaces, not tabs), colons after keys, and quotes around text that starts with a special character.' },
  'yaml-duplicate-key': { severity: 'error', hint: 'Each key may appear once in a mapping; remove or rename one of them.' },
  // Schema
  'unknown-key': { severity: 'error', hint: 'Remove the key or fix its spelling; docs/authoring.md lists every key.' },
  'missing-field': { severity: 'error', hint: 'Add the field; docs/authoring.md shows an example.' },
  'wrong-type': { severity: 'error', hint: 'Change the value to the expected type.' },
  'invalid-value': { severity: 'error', hint: 'Use one of the allowed values.' },
  'invalid-id': { severity: 'error', hint: 'Ids use lowercase letters, digits and single hyphens (e.g. `why-coding`); they become SCORM identifiers and file names.' },
  // Rules across the course
  'duplicate-id': { severity: 'error', hint: 'Ids must be unique in the whole course: rename one. Keep the id of content already published, so learners keep their progress.' },
  'dangling-reference': { severity: 'error', hint: 'Link to an existing page id with `#page-id`, or fix the spelling.' },
  'missing-asset': { severity: 'error', hint: 'Put the file in the course folder (usually `assets/`) or fix the path; paths are case-sensitive.' },
  'asset-outside-course': { severity: 'error', hint: 'Copy the file into the course folder: a package can only contain files from the course.' },
  'asset-name': { severity: 'error', hint: 'Rename the file using only letters, digits, `.`, `_` and `-`: LMSs rewrite or refuse other characters.' },
  'untranslated-text': { severity: 'error', hint: 'Add the missing language to this text, e.g. `{ en: "...", fr: "..." }`.' },
  'untranslated-image': { severity: 'error', hint: 'This image has one file per language: add the missing language (e.g. `pl: assets/map-pl.svg`), or give one path for every language if the image has no words in it.' },
  'unknown-language': { severity: 'error', hint: 'Use one of the languages declared in course.yaml, or declare this one.' },
  'empty-course': { severity: 'error', hint: 'Add at least one module with one page.' },
  'no-correct-answer': { severity: 'error', hint: 'Mark at least one choice with `correct: true`.' },
  'too-many-correct': { severity: 'error', hint: 'A single-choice question has exactly one correct choice; use `type: multiple-choice` for more.' },
  'pool-too-small': { severity: 'error', hint: 'Lower `draw`, or add questions to the pool.' },
  'response-too-long': { severity: 'error', hint: 'Shorten the choice ids or reduce the number of choices: SCORM 1.2 keeps responses of at most 255 characters.' },
  'theme-contrast': { severity: 'error', hint: 'Darken the text colour or lighten the background (or the reverse) until the contrast reaches 4.5:1; a contrast checker shows the ratio as you adjust.' },
  'unsafe-link': { severity: 'warning', hint: 'Link to a web page (https://…), a page of the course (#page-id) or a file in the course folder.' },
  'raw-html': { severity: 'warning', hint: 'Raw HTML is escaped unless course.yaml sets `allowHtml: true`.' },
  // Targets
  'location-too-long': { severity: 'error', hint: 'Shorten the page or assessment id (learners bookmarked on it start again from the first page), or build for a target with a longer bookmark.' },
  'state-too-large': { severity: 'error', hint: 'Shorten the course (fewer questions per module) or build for a target with more room (scorm2004, xapi).' },
  'state-key-collision': { severity: 'error', hint: 'Rename one of the two ids slightly: their short keys in the saved learner state collide.' },
  'target-skipped': { severity: 'info', hint: 'To build it, set the course up for it (docs/xapi-cmi5.md), or name the targets you want with --target.' },
  'unknown-target': { severity: 'error', hint: 'Choose targets from the list in `coursepack build --help`.' },
  'language-not-in-course': { severity: 'error', hint: 'Choose languages declared in course.yaml `languages`.' },
  // Languages and translation (docs/translating.md)
  'missing-ui-language': { severity: 'error', hint: 'The player has no interface strings for this language: add templates/i18n/<lang>.json with every key of en.json, or build with --allow-missing to use the English interface.' },
  'stale-translation': { severity: 'warning', hint: 'The source text changed after this translation was made: `coursepack i18n extract` marks it for review; review it and import the file again.' },
  'translation-record-invalid': { severity: 'warning', hint: 'i18n/<lang>.json is written by `coursepack i18n import`: restore it from version control, or delete it to stop tracking stale translations for this language.' },
  'xliff-syntax': { severity: 'error', hint: 'The file is not well-formed XML: export it again from your translation tool rather than editing it by hand.' },
  'xliff-invalid': { severity: 'error', hint: 'coursepack reads XLIFF 1.2 files made by `coursepack i18n extract`: translate that file in your tool and export the translated XLIFF 1.2.' },
  'xliff-mismatch': { severity: 'error', hint: 'Import the file into the course and language it was extracted for, or extract a new one with `coursepack i18n extract`.' },
  'xliff-unknown-unit': { severity: 'error', hint: 'The text this unit translates no longer exists (or moved): extract a new file; your tool\'s translation memory reuses the work already done.' },
  'xliff-source-changed': { severity: 'error', hint: 'The source text changed since the file was extracted: extract a new file and translate the changes; your tool\'s translation memory reuses the rest.' },
  'xliff-character': { severity: 'error', hint: 'XML cannot carry control characters: remove it from the text.' },
  'xapi-activity-base-missing': { severity: 'error', hint: 'Add `xapi: { activityBase: https://<a domain your organisation controls>/courses/ }` or `xapi: { activityBase: urn:uuid:<a new UUID> }` to course.yaml: activity ids derive from it. Choose it once and never change it, or the LRS sees a new course.' },
  // Question banks in and out (docs/questions.md)
  'question-syntax': { severity: 'error', hint: 'The file is not valid Moodle XML, GIFT or Aiken at this place: fix it there, or export it again from Moodle.' },
  'question-invalid': { severity: 'error', hint: 'The question cannot work as it is (no answer, no correct answer, an empty text): fix it in the bank and import again.' },
  'question-unsupported': { severity: 'warning', hint: 'This question is not imported: coursepack has no question type for it. Rewrite it as a type docs/questions.md lists, or leave it in Moodle.' },
  'question-approximated': { severity: 'warning', hint: 'The question is imported, but it works a little differently in the course: check it against docs/questions.md.' },
  'question-export-unsupported': { severity: 'warning', hint: 'The question is left out of the file: the format has no such question type (docs/questions.md).' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;
