/**
 * Translations written into the course's YAML (coursepack i18n import) with generated texts: every
 * text the loader accepts is read back exactly, in a flow map and in a block map, and the file still
 * loads without a diagnostic. Seeded like the other property tests (tests/README.md).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/course/source-file.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { editYaml } from '../../src/i18n/yaml-edit.js';
import { stringArb } from './course-arbitrary.js';

const RUNS = Number(process.env.COURSEPACK_PROPERTY_RUNS ?? 5) * 40;
const SEED = Number(process.env.COURSEPACK_PROPERTY_SEED ?? 1313);

const SOURCE = `id: one
title: { en: One, fr: Un }
intro:
  en: "Module 1: Why?"
  fr: "Module 1 : Pourquoi ?"
pages: []
`;

describe('translations written into YAML', () => {
  it('read back exactly, whatever accepted characters they hold', () => {
    fc.assert(
      fc.property(stringArb('accepted'), stringArb('accepted'), (a, b) => {
        const file = parseSource('x.yaml', Buffer.from(SOURCE), [])!;
        const result = editYaml(file, [
          { kind: 'set-text', path: ['title'], lang: 'pl', from: 'en', value: a },
          { kind: 'set-text', path: ['intro'], lang: 'pl', from: 'en', value: b },
        ]);
        const out: Diagnostic[] = [];
        const back = parseSource('x.yaml', Buffer.from(result.text), out);
        expect(out).toEqual([]);
        expect((back!.data as { title: Record<string, string> }).title.pl).toBe(a);
        expect((back!.data as { intro: Record<string, string> }).intro.pl).toBe(b);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
