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
  'file-encoding': { severity: 'error', hint: 'Save the file as UTF-8 (in Notepad: Save as, Encoding: UTF-8).' },
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
  'state-too-large': { severity: 'error', hint: 'Lower the maxLength of fill-in and free-text questions (learners\' text is most of the state) or draw fewer of them, or build for a target with more room (scorm2004, xapi).' },
  'save-too-large': { severity: 'warning', hint: 'Record fewer interactions (`tracking: { checks: none }` in course.yaml), draw fewer questions or allow fewer attempts; docs/moodle.md explains the limit.' },
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
  'xliff-cue-text': { severity: 'error', hint: 'A caption cue is one block of lines: remove the empty line (a new cue needs its own timing, in the source language\'s captions), and write → instead of "-->".' },
  'xapi-activity-base-missing': { severity: 'error', hint: 'Add `xapi: { activityBase: https://<a domain your organisation controls>/courses/ }` or `xapi: { activityBase: urn:uuid:<a new UUID> }` to course.yaml: activity ids derive from it. Choose it once and never change it, or the LRS sees a new course.' },
  // Hostile input (issue 13): characters, limits of the loader, rules authors need
  'invalid-character': { severity: 'error', hint: 'Remove the character: XML manifests and web pages cannot carry it.' },
  'yaml-too-deep': { severity: 'error', hint: 'A course file needs about 8 levels of indentation; check for a runaway paste or an unclosed [ or {.' },
  'yaml-alias-limit': { severity: 'error', hint: 'Write the repeated text out, or use fewer aliases (*name) of aliases: each may expand to at most 100 values.' },
  'duplicate-language': { severity: 'error', hint: 'List each language once: one package is built per language.' },
  'invalid-language': { severity: 'error', hint: 'Write a BCP 47 language tag: a language (en, fr, pt), optionally a script and a region (pt-BR, zh-Hant, es-419).' },
  'empty-alt': { severity: 'error', hint: 'Say what the image shows, for learners who cannot see it; if it is only decoration, write `decorative: true` instead of `alt`.' },
  'empty-label': { severity: 'error', hint: 'Write the words of the button, tab or player: screen readers announce a control by this text, and say only "button" without it.' },
  'wrong-file-kind': { severity: 'error', hint: 'List module files under `modules:` and assessment files under `assessment:`/`assessments:`; course.yaml itself is never listed.' },
  'asset-large': { severity: 'warning', hint: 'Learners on a slow connection wait for it: compress the file (or export the image smaller), or link to it from a web page instead.' },
  'package-too-large': { severity: 'error', hint: 'Compress or remove large files, or split the course: Moodle refuses uploads above its limit unless an administrator raises it.' },
  'title-too-long': { severity: 'warning', hint: 'SCORM 1.2 manifests hold titles of at most 200 characters: LMSs show the first 199 and an ellipsis. Shorten the title, and put the rest in `description`.' },
  // Asset safety (src/package/asset-safety.ts; docs/authoring.md "Files in a package are inert")
  'asset-script-removed': { severity: 'warning', hint: 'A script, event handler or `javascript:` link in this file would run on the LMS\'s site when a learner opens the file on its own; it was removed from the package. Remove it from your file (in a design tool: export as plain SVG, without interactivity) to silence this warning.' },
  'asset-external-reference': { severity: 'warning', hint: 'The file loads something from another site (a font, an image, a stylesheet) when opened on its own; it was removed from the package, so no learner data reaches that site. Put the resource in the drawing itself (embed images and convert text to paths), or ignore this if the picture looks right.' },
  'asset-content-removed': { severity: 'warning', hint: 'The sanitiser removed an element or attribute it does not know to be safe; check that the picture in the built package still looks right, or simplify the drawing (plain SVG export).' },
  'asset-foreign-object': { severity: 'error', hint: 'A <foreignObject> draws HTML inside the picture; removing it would change the picture. Export the drawing with its labels as plain SVG text rather than HTML labels, or export it as PNG.' },
  'asset-active-format': { severity: 'error', hint: 'Files of this kind can run scripts when opened on their own, on the LMS\'s site. Put the content in a course page, link to it on the web (https://…), or give it as PDF or an image.' },
  'asset-unreadable': { severity: 'error', hint: 'coursepack reads every SVG to remove active content: save it as UTF-8 XML from your design tool (plain SVG), without a DOCTYPE that defines entities.' },
  'external-request': { severity: 'warning', hint: 'A page of the package loads this from another site whenever a learner opens it, which tells that site who is learning what and when. Put the file in the course folder instead, or tell your data-protection officer about it.' },
  // coursepack report (docs/analytics.md)
  'report-input': { severity: 'error', hint: 'Each line of a statements file holds one xAPI statement as JSON (or an array of them); export the statements again from the LRS.' },
  'report-moodle-columns': { severity: 'error', hint: 'Download the SCORM activity\'s Interactions report from Moodle (Download: in text, ODS or Excel format), with "Response" and "Result" ticked in its settings, and do not edit the header row.' },
  'report-unknown-answer': { severity: 'warning', hint: 'The export has answers to a question id this course does not have: report against the course version the learners played.' },
  'yaml-too-large': { severity: 'error', hint: 'A course file holds a few thousand values; split the content into several module files, or look for a runaway paste.' },
  'more-problems': { severity: 'info', hint: 'Fix the problems shown (often one mistake repeated), then check again.' },
  'markdown-too-complex': { severity: 'error', hint: 'No real text needs this: look for a runaway paste; split a long text into several blocks.' },
  // Question banks in and out (docs/questions.md)
  'question-syntax': { severity: 'error', hint: 'The file is not valid Moodle XML, GIFT or Aiken at this place: fix it there, or export it again from Moodle.' },
  'question-invalid': { severity: 'error', hint: 'The question cannot work as it is (no answer, no correct answer, an empty text): fix it in the bank and import again.' },
  'question-unsupported': { severity: 'warning', hint: 'This question is not imported: coursepack has no question type for it. Rewrite it as a type docs/questions.md lists, or leave it in Moodle.' },
  'question-approximated': { severity: 'warning', hint: 'The question is imported, but it works a little differently in the course: check it against docs/questions.md.' },
  'question-export-unsupported': { severity: 'warning', hint: 'The question is left out of the file: the format has no such question type (docs/questions.md).' },
  // coursepack report: Moodle's ODS and Excel downloads (docs/analytics.md)
  'report-spreadsheet': { severity: 'error', hint: 'Give the ODS or Excel (.xlsx) file exactly as Moodle downloaded it, or download the Interactions report again ("Download in text format" if the spreadsheet was edited and saved by another program).' },
  // Video and audio (issue 15; docs/authoring.md "Video and audio")
  'media-format': { severity: 'error', hint: 'Video blocks play .mp4 or .webm files; audio blocks play .mp3, .m4a, .ogg, .opus or .webm files. Convert the file (e.g. with ffmpeg) and give its new name.' },
  'media-content': { severity: 'error', hint: 'The file\'s bytes are not the format its name says (a renamed file, or a download that failed): export it again in that format.' },
  'media-url': { severity: 'error', hint: 'Give an https:// address of the video file itself (ending in .mp4 or .webm), not of a web page about it; or put the file in the course folder and use `src`.' },
  'untranslated-media': { severity: 'error', hint: 'This media has one file per language: add the missing language, or give one path for every language.' },
  'caption-missing': { severity: 'error', hint: 'Add `captions: { <lang>: assets/<name>.<lang>.vtt }`, a WebVTT file per course language (learners who cannot hear it need them), or write `speech: false` if nothing is said.' },
  'caption-language-missing': { severity: 'error', hint: 'Add the WebVTT file of this language to `captions` (`coursepack i18n extract` gives translators the cues, and `i18n import` writes the file).' },
  'caption-format': { severity: 'error', hint: 'Captions are WebVTT files (.vtt). Convert an .srt file: add the line WEBVTT at the top, and write the milliseconds with a dot (00:00:01.500).' },
  'caption-invalid': { severity: 'error', hint: 'Fix the WebVTT file at this place: it starts with WEBVTT, a blank line separates cues, each cue is a timing line "00:00:01.000 --> 00:00:04.000" and its text.' },
  'transcript-missing': { severity: 'error', hint: 'Learners who cannot hear the audio read it: add `transcript:` (Markdown), or `captions:` (WebVTT) from which the transcript is made, or write `speech: false` if nothing is said.' },
  // Scenarios (issue 15; src/course/scenario-graph.ts, docs/authoring.md "Scenarios")
  'scenario-duplicate-node': { severity: 'error', hint: 'Give each node of the scenario its own id (ids only need to be unique within the scenario); keep the id of a node already published, so learners resume where they were.' },
  'scenario-missing-node': { severity: 'error', hint: 'Write the id of a node of the same scenario, or add the node.' },
  'scenario-unreachable-node': { severity: 'error', hint: 'Add a choice that leads to this node, or remove the node (or change `start` if the scenario should begin there).' },
  'scenario-dead-end': { severity: 'error', hint: 'Give a node of this loop a choice that leads towards an ending (`end: good`, `poor` or `neutral`), so a learner can always finish.' },
  'scenario-no-ending': { severity: 'error', hint: 'Add at least one ending: a node with `end: good`, `poor` or `neutral` (and optionally a `score` and a debrief in `feedback`).' },
  'scenario-node-kind': { severity: 'error', hint: 'A node has `choices` (what the learner can say next) or `end` (it closes the scenario), never both and never neither.' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;
