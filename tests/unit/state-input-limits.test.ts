/**
 * Every input control's accepted length is explicit, and the player keeps no more than that
 * whatever the browser let through (a script, a paste, an old browser ignoring maxlength): the
 * build's state bound (state-bound.property.test.ts) starts from these limits.
 */
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import { LONGEST_NUMBER } from '../../src/package/limits.js';
import { acceptText, NUMBER_INPUT_MAX_LENGTH, numberResponse } from '../../src/player/core/input-limits.js';
import { renderSite } from '../../src/render/site.js';
import { readResponse } from '../../src/player/ui/questions-ui.js';
import { testdir, validCourse } from '../support/testdir.js';

const SEED = 1403;
const nasty = fc.constantFrom('"', '\\', '\n', '\r', '\t', '\u0000', '\u0085', '\u007f', '\ud83d', '\ude00', '😀', '€', 'a', ' ', '\u2028');
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: nasty, maxLength: 300 }));

describe('text fields', () => {
  it('keep at most their maxlength in UTF-16 code units, no control character but the line break, no lone surrogate', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 260 }), (text, max) => {
        const kept = acceptText(text, max);
        expect(kept.length).toBeLessThanOrEqual(max);
        expect(kept).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
        expect(() => encodeURIComponent(kept)).not.toThrow();
        expect(acceptText(kept, max)).toBe(kept);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('keep clean text as typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 80 }).filter((t) => !/[\u0000-\u001f\u007f]/.test(t)), (text) => {
        expect(acceptText(text, 80)).toBe(text);
      }),
      { seed: SEED },
    );
  });
});

describe('number fields', () => {
  it('give a canonical number no longer than LONGEST_NUMBER, or nothing; longer input than the field allows is refused', () => {
    const typed = fc.oneof(fc.double({ noNaN: true }).map(String), fc.stringMatching(/^[ +-]?\d{0,40}([.,]\d{0,40})?$/), fc.string({ maxLength: 40 }));
    fc.assert(
      fc.property(typed, (text) => {
        const response = numberResponse(text);
        if (text.length > NUMBER_INPUT_MAX_LENGTH) expect(response).toBe('');
        if (response === '') return;
        expect(String(Number(response))).toBe(response);
        expect(response.length).toBeLessThanOrEqual(LONGEST_NUMBER.length);
      }),
      { seed: SEED, numRuns: 500 },
    );
    expect(numberResponse('-0.000001234567890123456789')).toBe(LONGEST_NUMBER);
    // No double prints longer than LONGEST_NUMBER, whatever was typed.
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      expect(String(x).length).toBeLessThanOrEqual(LONGEST_NUMBER.length);
    }), { seed: SEED, numRuns: 2000 });
    expect(numberResponse(`1${'0'.repeat(NUMBER_INPUT_MAX_LENGTH)}`)).toBe('');
  });
});

describe('the rendered controls and the player agree', () => {
  const questions = `id: final
title: { en: F, fr: F }
passingScore: 80
questions:
  - { id: num, type: numeric, prompt: { en: N, fr: N }, answer: 3 }
  - { id: short, type: fill-in, prompt: { en: S, fr: S }, answers: [{ en: x, fr: x }], maxLength: 12 }
  - { id: essay, type: free-text, prompt: { en: E, fr: E }, maxLength: 300 }
`;
  const course = loadCourse(testdir(validCourse({ 'assessment.yaml': questions }))).course!;
  const site = renderSite(course, 'en');
  const window = new Window();
  window.document.write(site.html(''));
  const field = (id: string) => window.document.querySelector(`#q-${id}-input`) as unknown as HTMLInputElement;
  const fieldset = (id: string) => window.document.querySelector(`fieldset[data-question-id="${id}"]`) as unknown as Element;

  it('every text and number input carries its maxlength', () => {
    expect(field('num').getAttribute('maxlength')).toBe(String(NUMBER_INPUT_MAX_LENGTH));
    expect(field('short').getAttribute('maxlength')).toBe('12');
    expect(field('essay').getAttribute('maxlength')).toBe('300');
    expect(site.data.questions.short!.maxLength).toBe(12);
    expect(site.data.questions.essay!.maxLength).toBe(300);
  });

  it('what a script (or a browser ignoring maxlength) puts in a field is cut or refused as the bound assumes', () => {
    fc.assert(
      fc.property(anyText, fc.string({ unit: fc.constantFrom('1', '0', '.', '-', ' ', ','), maxLength: 60 }), (text, digits) => {
        field('short').value = text;
        field('essay').value = text;
        field('num').value = digits;
        // The DOM sanitises values first (an <input> drops line breaks): the player reads what it holds.
        const short = readResponse(fieldset('short'), site.data.questions.short!);
        const essay = readResponse(fieldset('essay'), site.data.questions.essay!);
        expect(short).toBe(acceptText(field('short').value, 12).trim());
        expect(essay).toBe(acceptText(field('essay').value, 300).trim() === '' ? '' : acceptText(field('essay').value, 300));
        expect(short.length).toBeLessThanOrEqual(12);
        expect(essay.length).toBeLessThanOrEqual(300);
        expect(readResponse(fieldset('num'), site.data.questions.num!)).toBe(numberResponse(digits));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
