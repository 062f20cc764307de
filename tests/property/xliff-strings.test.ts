/**
 * Issue 13, point 1 for translators: every text the loader accepts goes into an XLIFF 1.2 file and
 * comes back exactly (markup, entities, ]]>, CR, bidi and zero-width characters, astral characters),
 * and the file stays well-formed XML. Seeded like the other property tests (tests/README.md).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readXliff } from '../../src/i18n/xliff-read.js';
import { writeXliff } from '../../src/i18n/xliff.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { stringArb } from './course-arbitrary.js';

const RUNS = Number(process.env.COURSEPACK_PROPERTY_RUNS ?? 5) * 40;
const SEED = Number(process.env.COURSEPACK_PROPERTY_SEED ?? 1313);

describe('XLIFF with generated texts', () => {
  it('round-trips every accepted text as source and target', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(stringArb('accepted'), stringArb('accepted')), { minLength: 1, maxLength: 4 }), (pairs) => {
        const units = pairs.map(([source, target], i) => ({ id: `modules/one.yaml#pages.${i}.title`, source, ...(target === '' ? {} : { target, state: 'translated' }) }));
        const xml = writeXliff({ courseId: 'c', sourceLanguage: 'en', targetLanguage: 'fr', files: [{ original: 'modules/one.yaml', units }] });
        const out: Diagnostic[] = [];
        const read = readXliff('fr.xlf', Buffer.from(xml, 'utf8'), out);
        expect(out).toEqual([]);
        const back = read!.files[0]!.units;
        expect(back.map((u) => u.source)).toEqual(units.map((u) => u.source));
        expect(back.map((u) => u.target)).toEqual(units.map((u) => u.target));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
