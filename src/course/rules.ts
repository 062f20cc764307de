/** Rules across a whole course, run after each file passed its schema. */
import { posix } from 'node:path';
import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/index.js';
import { checkStaleTranslations } from '../i18n/staleness.js';
import { checkAsset } from './assets.js';
import { describeCodePoint, refusedClass, refusedHint } from './characters.js';
import { checkTheme } from './theme.js';
import { checkScenario } from './scenario-graph.js';
import { checkControlLabels } from './label-rules.js';
import { classifyLink, markdownRefs, stripHtmlComments } from './markdown-refs.js';
import { markdownExcess } from './markdown-limits.js';
import { FILE_SCHEMAS, type AssessmentSource, type CourseSource, type FileKind, type ModuleSource, type QuestionSource } from './schema.js';
import { visitTexts, type TextFormat } from './schema-walk.js';
import { keyPositionOf, pathString, positionOf, type DataPath, type SourceFile } from './source-file.js';

export interface Validated<T> {
  kind: FileKind;
  file: SourceFile;
  data: T;
}

export interface CourseSources {
  dir: string;
  course: Validated<CourseSource>;
  modules: Validated<ModuleSource>[];
  assessments: Validated<AssessmentSource>[];
}

type AnyValidated = Validated<CourseSource> | Validated<ModuleSource> | Validated<AssessmentSource>;

const at = (file: SourceFile, path: DataPath) => ({ ...positionOf(file, path), path: pathString(path) });

/** A file the course uses, for one language (an image or link inside that language's text) or for all. */
export interface AssetUse {
  path: string;
  lang?: string;
  /** Where the course names it. */
  at?: SourcePosition & { path: string };
}

/** Runs every rule; returns the assets the course uses (course-relative). */
export function runRules(all: CourseSources, out: Diagnostic[]): AssetUse[] {
  const sources = withoutRepeatedFiles(all, out);
  const files: AnyValidated[] = [sources.course, ...sources.modules, ...sources.assessments];
  checkLanguages(sources.course, out);
  checkTitleLength(sources.course, out);
  checkUniqueIds(sources, out);
  checkImages(sources, out);
  checkQuestions(sources, out);
  checkAssessments(sources, out);
  checkScenarios(sources, out);
  checkControlLabels(sources, out);
  checkTheme(sources.course.file, sources.course.data.theme, out);
  for (const f of files) checkTexts(f, sources.course.data.languages, out);
  checkStaleTranslations(sources.dir, sources.course.data.languages, files, out);
  return checkReferences(sources, files, out);
}

/** A file listed twice in course.yaml is one mistake, at its second listing, not a clash of every id inside it. */
function withoutRepeatedFiles(sources: CourseSources, out: Diagnostic[]): CourseSources {
  const course = sources.course;
  const listed: Array<[string, DataPath]> = [
    ...course.data.modules.map((path, i): [string, DataPath] => [path, ['modules', i]]),
    ...(course.data.assessment ? [[course.data.assessment, ['assessment']] as [string, DataPath]] : []),
    ...(course.data.assessments ?? []).map((path, i): [string, DataPath] => [path, ['assessments', i]]),
  ];
  const first = new Map<string, DataPath>();
  for (const [path, listPath] of listed) {
    const normal = posix.normalize(path);
    const earlier = first.get(normal);
    if (!earlier) {
      first.set(normal, listPath);
      continue;
    }
    const where = positionOf(course.file, earlier);
    out.push(diag('duplicate-id', `"${path}" is already listed at ${where.file}:${where.line}:${where.column}`, at(course.file, listPath), { hint: 'List each module and assessment file once.' }));
  }
  const once = <T extends { file: SourceFile }>(list: T[]) => list.filter((v, i) => list.findIndex((w) => w.file.path === v.file.path) === i);
  return { ...sources, modules: once(sources.modules), assessments: once(sources.assessments) };
}

/** Each language once: one package is built per language, and a repeat would write the same zip twice. */
function checkLanguages(course: Validated<CourseSource>, out: Diagnostic[]): void {
  const first = new Map<string, number>();
  course.data.languages.forEach((lang, i) => {
    const earlier = first.get(lang);
    if (earlier === undefined) first.set(lang, i);
    else out.push(diag('duplicate-language', `"${lang}" is already listed as language ${earlier + 1}`, at(course.file, ['languages', i])));
  });
}

/** SCORM 1.2's imscp_rootv1p1p2.xsd allows titles of 200 characters; the manifest clips longer ones. */
const MANIFEST_TITLE_CHARS = 200;

function checkTitleLength(course: Validated<CourseSource>, out: Diagnostic[]): void {
  const title = course.data.title;
  const entries: Array<[DataPath, string]> = typeof title === 'string' ? [[['title'], title]] : Object.entries(title).map(([l, v]) => [['title', l], v]);
  for (const [path, text] of entries) {
    const length = [...text.replace(/\s+/g, ' ').trim()].length;
    if (length > MANIFEST_TITLE_CHARS) out.push(diag('title-too-long', `the course title has ${length} characters; SCORM 1.2 manifests hold ${MANIFEST_TITLE_CHARS}`, at(course.file, path)));
  }
}

/** Every image says what it shows in every language, or is marked decorative. */
function checkImages(sources: CourseSources, out: Diagnostic[]): void {
  const blank = (text: string) => text.trim() === '';
  forEachImage(sources, (image, file, path) => {
    const alt = image.alt;
    if (image.decorative) {
      const said = alt !== undefined && (typeof alt === 'string' ? !blank(alt) : Object.values(alt).some((v) => !blank(v)));
      if (said) out.push(diag('invalid-value', 'this image is marked decorative but has an alt text', at(file, [...path, 'decorative']), { hint: 'Remove `decorative: true` if the alt text matters (it is read to learners who cannot see the image), or remove `alt`.' }));
      return;
    }
    if (alt === undefined) {
      out.push(diag('missing-field', '"alt" is required here', at(file, path), { hint: 'Say what the image shows in `alt`, or write `decorative: true` for an image that only decorates.' }));
    } else if (typeof alt === 'string') {
      if (blank(alt)) out.push(diag('empty-alt', 'the alt text of this image is empty', at(file, [...path, 'alt'])));
    } else {
      for (const [lang, text] of Object.entries(alt)) if (blank(text)) out.push(diag('empty-alt', `the "${lang}" alt text of this image is empty`, at(file, [...path, 'alt', lang])));
    }
  });
  const logoAlt = sources.course.data.theme?.logoAlt;
  if (logoAlt !== undefined) {
    const entries: Array<[DataPath, string]> = typeof logoAlt === 'string' ? [[['theme', 'logoAlt'], logoAlt]] : Object.entries(logoAlt).map(([l, v]) => [['theme', 'logoAlt', l], v]);
    for (const [path, text] of entries) if (blank(text)) out.push(diag('empty-alt', 'the logo\'s alt text is empty', at(sources.course.file, path), { hint: 'Write what the logo says, e.g. the organisation name.' }));
  }
}

function checkUniqueIds(sources: CourseSources, out: Diagnostic[]): void {
  const seen = new Map<string, { file: SourceFile; path: DataPath }>();
  const claim = (file: SourceFile, path: DataPath, id: string) => {
    const first = seen.get(id);
    if (first) {
      const where = positionOf(first.file, first.path);
      out.push(diag('duplicate-id', `id "${id}" is already used at ${where.file}:${where.line}:${where.column}`, at(file, path)));
    } else seen.set(id, { file, path });
  };
  for (const m of sources.modules) {
    claim(m.file, ['id'], m.data.id);
    m.data.pages.forEach((page, p) => {
      claim(m.file, ['pages', p, 'id'], page.id);
      page.blocks.forEach((block, b) => {
        // A scenario id names its interaction and xAPI activity beside the questions': unique in the course.
        if (block.type === 'scenario') claim(m.file, ['pages', p, 'blocks', b, 'id'], block.id);
        if (block.type !== 'check') return;
        claim(m.file, ['pages', p, 'blocks', b, 'id'], block.id);
        block.questions.forEach((q, i) => claim(m.file, ['pages', p, 'blocks', b, 'questions', i, 'id'], q.id));
      });
    });
  }
  for (const a of sources.assessments) {
    claim(a.file, ['id'], a.data.id);
    a.data.questions.forEach((q, i) => claim(a.file, ['questions', i, 'id'], q.id));
  }
}

/** The files an image block or a hotspots picture may show: what every browser displays in an <img>. */
const PICTURE_FILE = /\.(?:png|jpe?g|gif|webp|avif|svg)$/i;
const PICTURE_HINT = 'Give the picture as PNG, JPEG, GIF, WebP, AVIF or SVG (export it from the tool that made it). To offer another kind of file, link to it from a text: [the form](assets/form.pdf).';

/** An image of a page: an image block, or the picture of a hotspots block (issue 15). */
interface ImageSource {
  src: string | Record<string, string>;
  alt?: string | Record<string, string>;
  decorative?: boolean;
}

/** Every image of the modules' pages with the data path of the object holding its `src` and `alt`: one set of image rules for every block that shows one. */
export function forEachImage(sources: CourseSources, visit: (image: ImageSource, file: SourceFile, path: DataPath) => void): void {
  for (const m of sources.modules) {
    m.data.pages.forEach((page, p) =>
      page.blocks.forEach((block, b) => {
        if (block.type === 'image') visit(block, m.file, ['pages', p, 'blocks', b]);
        else if (block.type === 'hotspots') visit(block.image, m.file, ['pages', p, 'blocks', b, 'image']);
      }),
    );
  }
}

export function forEachQuestion(sources: CourseSources, visit: (q: QuestionSource, file: SourceFile, path: DataPath) => void): void {
  for (const m of sources.modules) {
    m.data.pages.forEach((page, p) =>
      page.blocks.forEach((block, b) => {
        if (block.type === 'check') block.questions.forEach((q, i) => visit(q, m.file, ['pages', p, 'blocks', b, 'questions', i]));
      }),
    );
  }
  for (const a of sources.assessments) a.data.questions.forEach((q, i) => visit(q, a.file, ['questions', i]));
}

/** Ids inside one question (choices, items) are unique; answers are possible. */
function checkQuestions(sources: CourseSources, out: Diagnostic[]): void {
  forEachQuestion(sources, (q, file, path) => {
    const unique = (list: Array<{ id: string }>, listPath: (string | number)[], what: string) => {
      const ids = new Set<string>();
      list.forEach((entry, i) => {
        if (ids.has(entry.id)) {
          out.push(diag('duplicate-id', `${what} id "${entry.id}" is used twice in question "${q.id}"`, at(file, [...listPath, i, 'id']), { hint: `Give each ${what} of this question its own id (ids only need to be unique within the question).` }));
        }
        ids.add(entry.id);
      });
    };
    const keyAt = (key: string) => ({ ...keyPositionOf(file, path, key), path: pathString([...path, key]) });
    switch (q.type) {
      case 'single-choice':
      case 'multiple-choice': {
        unique(q.choices, [...path, 'choices'], 'choice');
        const correct = q.choices.filter((c) => c.correct).length;
        if (correct === 0) out.push(diag('no-correct-answer', `question "${q.id}" has no correct choice`, keyAt('choices')));
        if (q.type === 'single-choice' && correct > 1) out.push(diag('too-many-correct', `single-choice question "${q.id}" has ${correct} correct choices`, keyAt('choices')));
        break;
      }
      case 'fill-in':
        if (q.pattern !== undefined) {
          try {
            new RegExp(q.pattern, q.caseSensitive ? 'u' : 'iu');
          } catch (error) {
            out.push(diag('invalid-value', `"pattern" is not a valid regular expression: ${(error as Error).message}`, at(file, [...path, 'pattern']), { hint: 'Write a JavaScript regular expression, e.g. ^pa?ris$.' }));
          }
        }
        break;
      case 'numeric': {
        const a = q.answer;
        if (typeof a === 'object' && 'min' in a && a.min > a.max) out.push(diag('invalid-value', `"min" (${a.min}) is greater than "max" (${a.max})`, at(file, [...path, 'answer', 'min'])));
        break;
      }
      case 'matching':
        unique(q.pairs.map((p) => p.source), [...path, 'pairs'], 'source');
        unique([...q.pairs.map((p) => p.target), ...(q.distractors ?? [])], [...path, 'pairs'], 'target');
        break;
      case 'sequencing':
        unique(q.items, [...path, 'items'], 'item');
        break;
      case 'likert':
        unique(q.scale, [...path, 'scale'], 'scale point');
        break;
      default:
        break;
    }
  });
}

/** Every scenario's graph (scenario-graph.ts). */
function checkScenarios(sources: CourseSources, out: Diagnostic[]): void {
  for (const m of sources.modules) {
    m.data.pages.forEach((page, p) => page.blocks.forEach((block, b) => block.type === 'scenario' && checkScenario(block, m.file, ['pages', p, 'blocks', b], out)));
  }
}

/** Pools can supply their draw; the course result names an existing assessment. */
function checkAssessments(sources: CourseSources, out: Diagnostic[]): void {
  for (const a of sources.assessments) {
    if (a.data.draw !== undefined && a.data.draw > a.data.questions.length) {
      out.push(diag('pool-too-small', `"draw" is ${a.data.draw} but the pool holds ${a.data.questions.length} questions`, at(a.file, ['draw'])));
    }
    const scored = a.data.questions.filter((q) => q.type !== 'likert' && q.type !== 'free-text').length;
    if (scored === 0) out.push(diag('invalid-value', `assessment "${a.data.id}" has no scored question`, at(a.file, ['questions']), { hint: 'Likert and free-text questions are never scored: add a scored question, or put the survey in a knowledge check.' }));
  }
  const from = sources.course.data.result.from;
  if (from !== 'all' && !sources.assessments.some((a) => a.data.id === from)) {
    out.push(diag('dangling-reference', `no assessment has the id "${from}"`, at(sources.course.file, ['result', 'from']), { hint: `Use "all" or one of: ${sources.assessments.map((a) => a.data.id).join(', ') || '(no assessments)'}.` }));
  }
}

function checkTexts(f: AnyValidated, languages: string[], out: Diagnostic[]): void {
  visitTexts(FILE_SCHEMAS[f.kind], f.data, (value, path) => {
    if (typeof value === 'string') {
      if (languages.length > 1) {
        out.push(diag('untranslated-text', `this text has one version for the ${languages.length} course languages (${languages.join(', ')})`, at(f.file, path)));
      }
      return;
    }
    const map = value as Record<string, string>;
    for (const lang of languages) {
      if (map[lang] === undefined) out.push(diag('untranslated-text', `missing "${lang}" text`, at(f.file, path)));
    }
    for (const lang of Object.keys(map)) {
      if (!languages.includes(lang)) {
        out.push(diag('unknown-language', `"${lang}" is not a language of this course (${languages.join(', ')})`, { ...keyPositionOf(f.file, path, lang), path: pathString([...path, lang]) }));
      }
    }
  });
}

/** Asset paths in image blocks and Markdown, and `#page` links. */
function checkReferences(sources: CourseSources, files: AnyValidated[], out: Diagnostic[]): AssetUse[] {
  const pageIds = new Set([...sources.modules.flatMap((m) => m.data.pages.map((p) => p.id)), ...sources.assessments.map((a) => a.data.id)]);
  const languages = sources.course.data.languages;
  const assets: AssetUse[] = [];
  const useAsset = (file: SourceFile, path: DataPath, target: string, lang?: string) => {
    const result = checkAsset(sources.dir, target);
    const where = locateIn(file, path, target);
    if (result.ok) assets.push(lang === undefined ? { path: result.path, at: where } : { path: result.path, lang, at: where });
    else out.push(diag(result.code, result.message, where));
  };
  const logo = sources.course.data.theme?.logo;
  if (logo !== undefined) useAsset(sources.course.file, ['theme', 'logo'], logo);
  const usePicture = (file: SourceFile, path: DataPath, src: string, lang?: string) => {
    // Where the file is wrong (missing, outside the course…), that is the mistake to report.
    const found = checkAsset(sources.dir, src);
    if (!found.ok || PICTURE_FILE.test(found.path)) return useAsset(file, path, src, lang);
    out.push(diag('wrong-file-kind', `"${src}" is not a picture a browser shows (PNG, JPEG, GIF, WebP, AVIF or SVG)`, locateIn(file, path, src), { hint: PICTURE_HINT }));
  };
  forEachImage(sources, (image, file, imagePath) => {
    const path: DataPath = [...imagePath, 'src'];
    if (typeof image.src === 'string') return usePicture(file, path, image.src);
    // One image per language: every course language, and no other.
    for (const lang of languages) {
      if (image.src[lang] !== undefined) continue;
      const hint = `Add \`${lang}: ${imagePathFor(image.src, lang)}\` (the image with its words in ${lang}), or give one path for every language if the image has no words in it.`;
      out.push(diag('untranslated-image', `missing "${lang}" image`, at(file, path), { hint }));
    }
    for (const [lang, src] of Object.entries(image.src)) {
      if (languages.includes(lang)) usePicture(file, [...path, lang], src, lang);
      else out.push(diag('unknown-language', `"${lang}" is not a language of this course (${languages.join(', ')})`, { ...keyPositionOf(file, path, lang), path: pathString([...path, lang]) }));
    }
  });
  for (const f of files) {
    visitTexts(FILE_SCHEMAS[f.kind], f.data, (value, path, format) => {
      // Plain-text fields are escaped as typed: no link, image or HTML in them is ever live.
      if (format === 'plain') return;
      const variants =
        typeof value === 'string' ? [[path, value, undefined] as const] : Object.entries(value as Record<string, string>).map(([l, v]) => [[...path, l], v, l] as const);
      for (const [textPath, markdown, lang] of variants) {
        const excess = markdownExcess(markdown);
        if (excess) {
          const start = locateIn(f.file, textPath, markdown.slice(excess.index, excess.index + 20));
          out.push(diag('markdown-too-complex', excess.message, start));
          continue;
        }
        // Markdown decodes character references: &#7; would put a bell into the page.
        for (const ref of markdown.matchAll(/&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));/g)) {
          const codePoint = ref[1] !== undefined ? parseInt(ref[1], 16) : Number(ref[2]);
          const kind = codePoint > 0x10ffff ? 'noncharacter' : refusedClass(codePoint);
          if (kind) out.push(diag('invalid-character', `the character reference ${ref[0]} makes ${describeCodePoint(Math.min(codePoint, 0x10ffff + 1))}, which cannot be used in a course`, locateIn(f.file, textPath, ref[0]), { hint: refusedHint({ index: 0, codePoint, kind }) }));
        }
        let htmlReported = false;
        for (const ref of markdownRefs(markdown)) {
          if (ref.kind === 'html') {
            if (!sources.course.data.allowHtml && !htmlReported) {
              htmlReported = true;
              out.push(diag('raw-html', `raw HTML "${ref.target.trim().slice(0, 40)}" will be shown as text`, locateIn(f.file, textPath, ref.target), { hint: rawHtmlHint(ref.target, format) }));
            }
            continue;
          }
          if (/^\s*(?:javascript|vbscript|data):/i.test(ref.target)) {
            out.push(diag('unsafe-link', `the link "${ref.target.slice(0, 40)}" would run code; it is shown as plain text`, locateIn(f.file, textPath, ref.target)));
            continue;
          }
          if (ref.kind === 'image' && (ref.alt ?? '').trim() === '') {
            out.push(diag('empty-alt', `the image "${ref.target.slice(0, 40)}" has no alternative text`, locateIn(f.file, textPath, ref.target), { hint: 'Write what the image shows between the brackets: ![A map of the routes](assets/map.svg). An image that only decorates goes in an image block with `decorative: true`.' }));
          }
          const kind = classifyLink(ref.target);
          if (kind === 'page') {
            const id = decodeURIComponent(ref.target.slice(1));
            if (!pageIds.has(id)) out.push(diag('dangling-reference', `no page has the id "${id}"`, locateIn(f.file, textPath, ref.target)));
          } else if (kind === 'asset' || ref.kind === 'image') useAsset(f.file, textPath, ref.target, lang);
        }
      }
    });
  }
  return assets;
}

/** The Markdown that does what the author's tag meant, in a field of this format. */
function rawHtmlHint(html: string, format: TextFormat): string {
  const tag = /<\/?\s*([a-z][a-z0-9]*)/i.exec(stripHtmlComments(html))?.[1]?.toLowerCase() ?? '';
  const inline = format === 'inline';
  const markdown: Record<string, string> = {
    b: 'write **bold** for bold',
    strong: 'write **bold** for bold',
    i: 'write *italic* for italic',
    em: 'write *italic* for italic',
    code: 'write `code` for code',
    a: 'write [the text](https://…) for a link',
    img: inline ? 'put the image in an image block' : 'write ![what it shows](assets/file.png) for an image',
    br: inline ? 'this text is one line: a line break cannot go here' : 'end the line with a backslash (\\) for a line break, or leave an empty line for a new paragraph',
    p: inline ? 'this text is one line: paragraphs cannot go here' : 'leave an empty line between paragraphs',
    ul: inline ? 'this text is one line: lists cannot go here' : 'start each line with "- " for a list',
    ol: inline ? 'this text is one line: lists cannot go here' : 'start each line with "1. " for a numbered list',
    li: inline ? 'this text is one line: lists cannot go here' : 'start each line with "- " for a list',
  };
  const advice = markdown[tag] ?? (inline ? 'use inline Markdown (**bold**, *italic*, `code`, [links](…))' : 'use Markdown (**bold**, lists with "- ", [links](…))');
  return `This text is ${inline ? 'inline Markdown' : 'Markdown'}: ${advice}. Raw HTML is shown as typed unless course.yaml sets \`allowHtml: true\`.`;
}

/** A name for a language's version of an image, after its siblings: map-en.svg → map-pl.svg. */
function imagePathFor(src: Record<string, string>, lang: string): string {
  const [other, path] = Object.entries(src)[0] ?? ['', 'assets/image.svg'];
  const suffixed = path.replace(new RegExp(`([-_.])${other}(\\.[A-Za-z0-9]+)$`), `$1${lang}$2`);
  return suffixed !== path ? suffixed : path.replace(/(\.[A-Za-z0-9]+)?$/, (ext) => `-${lang}${ext}`);
}

/** The exact position of `needle` inside the value at `path`, or the value's start. */
function locateIn(file: SourceFile, path: DataPath, needle: string) {
  const start = positionOf(file, path);
  const startOffset = offsetOf(file, start.line, start.column);
  const index = file.text.indexOf(needle, startOffset);
  if (index < 0) return { ...start, path: pathString(path) };
  const pos = file.lines.linePos(index);
  return { file: file.path, line: pos.line, column: pos.col, path: pathString(path) };
}

function offsetOf(file: SourceFile, line: number, column: number): number {
  const lineStart = file.lines.lineStarts[line - 1] ?? 0;
  return lineStart + column - 1;
}
