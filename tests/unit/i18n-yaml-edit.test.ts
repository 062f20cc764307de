/** Translations written into YAML sources change only the characters of the texts they set. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSource } from '../../src/course/source-file.js';
import { editYaml, type YamlEdit } from '../../src/i18n/yaml-edit.js';

function edit(text: string, edits: YamlEdit[]) {
  const file = parseSource('x.yaml', Buffer.from(text), []);
  if (!file) throw new Error('fixture does not parse');
  return editYaml(file, edits);
}

const set = (path: Array<string | number>, lang: string, value: string): YamlEdit => ({ kind: 'set-text', path, lang, from: 'en', value });

describe('editing YAML sources in place', () => {
  it('adds a language to a flow map and to a block map, keeping comments and quoting', () => {
    const source = `# A module
id: one # the id
title: { en: One, fr: Un }   # short
intro:
  en: "Module 1: Why?"
  fr: "Module 1 : Pourquoi ?"
  # keep this comment
pages: []
`;
    const result = edit(source, [set(['title'], 'pl', 'Jeden'), set(['intro'], 'pl', 'Moduł 1: Dlaczego?')]);
    expect(result).toEqual({
      reformatted: false,
      text: `# A module
id: one # the id
title: { en: One, fr: Un, pl: Jeden }   # short
intro:
  en: "Module 1: Why?"
  fr: "Module 1 : Pourquoi ?"
  pl: "Moduł 1: Dlaczego?"
  # keep this comment
pages: []
`,
    });
  });

  it('writes Markdown as a block next to a block, and folds like a folded neighbour', () => {
    const source = `body:
  en: |
    First **paragraph**.

    - item
description:
  en: >-
    A folded description that is long enough to be folded over more than one line when it
    is written.
`;
    const result = edit(source, [
      set(['body'], 'pl', 'Pierwszy **akapit**.\n\n- element\n'),
      set(['description'], 'pl', 'Opis złożony, który jest na tyle długi, że przy zapisie zostanie złożony na więcej niż jedną linię.'),
    ]);
    expect(result.text).toBe(`body:
  en: |
    First **paragraph**.

    - item
  pl: |
    Pierwszy **akapit**.

    - element
description:
  en: >-
    A folded description that is long enough to be folded over more than one line when it
    is written.
  pl: >-
    Opis złożony, który jest na tyle długi, że przy zapisie zostanie złożony na więcej
    niż jedną linię.
`);
  });

  it('replaces an existing translation in its own style', () => {
    const source = `title:\n  en: One\n  pl: 'Jedn'\nbody:\n  en: |\n    Text\n  pl: |\n    Tkst\nend: true\n`;
    const result = edit(source, [set(['title'], 'pl', 'Jeden'), set(['body'], 'pl', 'Tekst\n')]);
    expect(result.text).toBe(`title:\n  en: One\n  pl: 'Jeden'\nbody:\n  en: |\n    Text\n  pl: |\n    Tekst\nend: true\n`);
  });

  it('turns a plain string into a language map, keeping the string as it was written', () => {
    const source = `title: Hello, world
body: |
  Some **Markdown**

  over two paragraphs.
choices:
  - { id: a, text: Yes }
answers:
  - Paris
  - paris
`;
    const result = edit(source, [
      set(['title'], 'pl', 'Witaj, świecie'),
      set(['body'], 'pl', 'Trochę **Markdown**\n\nw dwóch akapitach.\n'),
      set(['choices', 0, 'text'], 'pl', 'Tak, oczywiście'),
      set(['answers', 0], 'pl', 'Paryż'),
    ]);
    expect(result.text).toBe(`title:
  en: Hello, world
  pl: Witaj, świecie
body:
  en: |
    Some **Markdown**

    over two paragraphs.
  pl: |
    Trochę **Markdown**

    w dwóch akapitach.
choices:
  - { id: a, text: { en: Yes, pl: "Tak, oczywiście" } }
answers:
  - en: Paris
    pl: Paryż
  - paris
`);
  });

  it('appends to flow and block sequences', () => {
    const source = `languages: [en, fr]\nother:\n  - en\n  - fr # last\nend: 1`;
    const result = edit(source, [
      { kind: 'append', path: ['languages'], value: 'pl' },
      { kind: 'append', path: ['other'], value: 'pl' },
    ]);
    expect(result.text).toBe(`languages: [en, fr, pl]\nother:\n  - en\n  - fr # last\n  - pl\nend: 1`);
  });

  it('writes double-quoted only the value whose styled form would swallow a comment', () => {
    const source = `title:\n  en: One\n  pl: Jeden # reviewed\nbody:\n  en: |\n    A\n    B\n`;
    const result = edit(source, [set(['title'], 'pl', 'Jeden\ndwa'), set(['body'], 'pl', 'A\nB\n')]);
    expect(result).toEqual({ reformatted: false, text: `title:\n  en: One\n  pl: "Jeden\\ndwa" # reviewed\nbody:\n  en: |\n    A\n    B\n  pl: |\n    A\n    B\n` });
    expect(parse(result.text)).toEqual({ title: { en: 'One', pl: 'Jeden\ndwa' }, body: { en: 'A\nB\n', pl: 'A\nB\n' } });
  });

  it('changes nothing without edits', () => {
    const source = 'a:   1 # odd spacing\n';
    expect(edit(source, [])).toEqual({ text: source, reformatted: false });
  });
});
