/** Issue 15: every text of a scenario goes through `i18n extract`/`import` (schema-walk finds them, course-texts.ts lists them). */
import { describe, expect, it } from 'vitest';
import { readCourseTexts } from '../../src/i18n/course-texts.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';

describe('scenario texts for translation', () => {
  it('lists title, intro, speakers, lines, choice texts and feedback, and ending debriefs, but no ids', () => {
    const out: Diagnostic[] = [];
    const texts = readCourseTexts('tests/fixtures/courses/scenario', out)!;
    expect(out).toEqual([]);
    const ids = texts.texts.map((t) => t.id).filter((id) => id.includes('blocks.0.') && id.includes('pages.1'));
    const at = 'modules/conversation.yaml#pages.1.blocks.0.';
    expect(ids).toEqual(
      expect.arrayContaining([
        `${at}title`,
        `${at}intro`,
        `${at}nodes.0.speaker`,
        `${at}nodes.0.line`,
        `${at}nodes.0.choices.0.text`,
        `${at}nodes.0.choices.0.feedback`,
        `${at}nodes.3.line`,
        `${at}nodes.3.feedback`,
      ]),
    );
    expect(ids.filter((id) => /\.(id|next|start|end|score)$/.test(id))).toEqual([]);
    // 1 title + 1 intro + 3 speakers + 6 lines + 6 choice texts + 2 choice feedbacks + 2 debriefs
    expect(ids).toHaveLength(21);
  });
});
