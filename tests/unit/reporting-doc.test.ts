/** docs/reporting.md is generated from the real encoders and must match them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORTING_DOC, reportingDoc } from '../../scripts/reporting-doc.js';

describe('docs/reporting.md', () => {
  it('is current (run `npx tsx scripts/reporting-doc.ts` after changing an encoder)', () => {
    expect(readFileSync(REPORTING_DOC, 'utf8')).toBe(reportingDoc());
  });

  it('covers every question type', () => {
    const doc = reportingDoc();
    for (const type of ['single-choice', 'multiple-choice', 'true-false', 'fill-in', 'numeric', 'matching', 'sequencing', 'likert', 'free-text']) {
      expect(doc).toContain(`## ${type}\n`);
    }
  });
});
