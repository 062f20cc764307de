/** `empty-label` (src/course/label-rules.ts): which texts name nothing. Positions: integration/bad-input (empty-label). */
import { describe, expect, it } from 'vitest';
import { blankLabel } from '../../src/course/label-rules.js';

describe('blankLabel', () => {
  it('is true for texts a screen reader reads as nothing: empty, white space, invisible format characters', () => {
    for (const text of ['', ' ', '\t\n', '\u00a0', '\u200b', '\u200e\u200f', '\u202e \u202c', '\u2066\u2069', '\ufeff', '\u2060', '\u061c']) expect(blankLabel(text), JSON.stringify(text)).toBe(true);
  });
  it('is false for any visible character', () => {
    for (const text of ['a', ' 1 ', '\u200b.', '😀', '👩🏽‍💻', '\u202eabc', '-', '<img>']) expect(blankLabel(text), JSON.stringify(text)).toBe(false);
  });
});
