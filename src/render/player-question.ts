/** A course question as the player scores it and the trackers record it, in one language. */
import type { LangMap, Question } from '../course/model.js';
import type { PlayerQuestion } from '../player/core/types.js';
import { createMarkdown, type MarkdownRenderer } from './markdown.js';
import { stripHtmlComments } from '../course/markdown-refs.js';
import { typographyFor } from './typography.js';

/** Text of `map` in `lang`. The rules guarantee presence; the fallback protects hand-built models. */
export const tr = (map: LangMap, lang: string): string => map[lang] ?? Object.values(map)[0] ?? '';

/** Markdown reduced to plain text, for LMS reports. */
export function plainText(markdown: string): string {
  return stripHtmlComments(markdown).replace(/[*_`#>[\]]/g, '').replace(/\(([^)]*)\)/g, '').replace(/\s+/g, ' ').trim();
}


export function questionForPlayer(q: Question, lang: string, md: MarkdownRenderer = createMarkdown({ allowHtml: false, typography: typographyFor(lang) })): PlayerQuestion {
  // Texts the player shows (correct answers) and LMS reports name: plain, in the language's typography.
  const typography = typographyFor(lang);
  const plain = (markdown: string) => typography(plainText(markdown));
  const fb = (map: LangMap | undefined) => (map ? md.block(tr(map, lang)) : undefined);
  const feedback: PlayerQuestion['feedback'] = {};
  const correct = fb(q.feedback.correct);
  const incorrect = fb(q.feedback.incorrect);
  if (correct) feedback.correct = correct;
  if (incorrect) feedback.incorrect = incorrect;
  const base = { id: q.id, type: q.type, weight: q.weight, prompt: plain(tr(q.prompt, lang)), feedback };
  const item = (i: { id: string; text: LangMap }) => ({ id: i.id, text: plain(tr(i.text, lang)) });
  switch (q.type) {
    case 'true-false':
      return { ...base, answer: q.answer };
    case 'single-choice':
    case 'multiple-choice':
      return {
        ...base,
        ...(q.type === 'multiple-choice' ? { scoring: q.scoring } : {}),
        choices: q.choices.map((c) => {
          const f = fb(c.feedback);
          return { id: c.id, correct: c.correct, text: plain(tr(c.text, lang)), ...(f ? { feedback: f } : {}) };
        }),
      };
    case 'fill-in':
      return { ...base, accepted: q.answers.map((a) => tr(a, lang)), caseSensitive: q.caseSensitive, maxLength: q.maxLength, ...(q.pattern ? { pattern: q.pattern } : {}) };
    case 'numeric':
      return { ...base, range: q.range };
    case 'matching':
      return {
        ...base,
        sources: q.pairs.map((p) => item(p.source)),
        targets: [...q.pairs.map((p) => p.target), ...q.distractors].map(item),
        pairs: q.pairs.map((p) => [p.source.id, p.target.id] as [string, string]),
      };
    case 'sequencing':
      return { ...base, choices: q.items.map((i) => ({ ...item(i), correct: true })) };
    case 'likert':
      return { ...base, scale: q.scale.map(item) };
    case 'free-text':
      return { ...base, maxLength: q.maxLength };
  }
}
