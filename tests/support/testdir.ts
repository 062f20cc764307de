/** Temporary course folders made inline, from a map of path → content (strings or bytes). */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];
afterEach(() => {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
});

export type Files = Record<string, string | Uint8Array | { symlink: string }>;

export function testdir(files: Files): string {
  const root = mkdtempSync(join(tmpdir(), 'coursepack-test-'));
  made.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof content === 'object' && 'symlink' in content) symlinkSync(content.symlink, full);
    else writeFileSync(full, content);
  }
  return root;
}

/** A small valid two-language course; override any file. */
export function validCourse(overrides: Files = {}): Files {
  return {
    'course.yaml': `id: sample
version: 1.0.0
languages: [en, fr]
title: { en: Sample course, fr: Cours exemple }
modules:
  - modules/one.yaml
assessment: assessment.yaml
`,
    'modules/one.yaml': `id: one
title: { en: One, fr: Un }
pages:
  - id: welcome
    title: { en: Welcome, fr: Bienvenue }
    blocks:
      - type: text
        body:
          en: Hello, see [the quiz](#quiz-page).
          fr: Bonjour, voir [le quiz](#quiz-page).
      - type: image
        src: assets/pic.svg
        alt: { en: A picture, fr: Une image }
  - id: quiz-page
    title: { en: Quiz, fr: Quiz }
    blocks:
      - type: check
        id: check-one
        questions:
          - id: q-one
            type: true-false
            prompt: { en: Is it true?, fr: Est-ce vrai ? }
            answer: true
`,
    'assessment.yaml': `id: final
title: { en: Final, fr: Final }
passingScore: 80
attempts: 2
questions:
  - id: a-one
    type: single-choice
    prompt: { en: Pick b, fr: Choisir b }
    choices:
      - { id: a, text: { en: A, fr: A } }
      - { id: b, text: { en: B, fr: B }, correct: true }
  - id: a-two
    type: multiple-choice
    prompt: { en: Pick a and c, fr: Choisir a et c }
    choices:
      - { id: a, text: { en: A, fr: A }, correct: true }
      - { id: b, text: { en: B, fr: B } }
      - { id: c, text: { en: C, fr: C }, correct: true }
`,
    'assets/pic.svg': '<svg xmlns="http://www.w3.org/2000/svg" role="img"><title>pic</title></svg>',
    ...overrides,
  };
}
