/**
 * Characters an author may not put in a course text, by class. Every other character of Unicode is
 * accepted and escaped by each output (XML manifests, HTML, JSON, XLIFF); docs/authoring.md
 * "Characters" explains the choice.
 *
 * - C0 controls other than tab, line feed and carriage return, U+FFFE, U+FFFF and lone surrogates:
 *   XML 1.0 cannot carry them at all (not even as `&#7;`), so a manifest holding one is refused by
 *   Moodle's parser (LMS-RULES.md rule 44).
 * - DEL, C1 controls (U+0080–U+009F) and the other noncharacters: XML allows them, but HTML
 *   parsers report them as errors and no one types them on purpose. A C1 control is nearly always
 *   Windows-1252 text decoded as Latin-1 (U+0092 for ’), so the hint says so.
 */

export type RefusedClass = 'xml-control' | 'control' | 'noncharacter' | 'surrogate';

export interface RefusedCharacter {
  /** UTF-16 index in the string. */
  index: number;
  codePoint: number;
  kind: RefusedClass;
}

const NAMES: Record<number, string> = {
  0x00: 'NULL',
  0x07: 'BELL',
  0x08: 'BACKSPACE',
  0x0b: 'LINE TABULATION, a vertical tab',
  0x0c: 'FORM FEED',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x85: 'NEXT LINE',
  0xfffe: 'a noncharacter',
  0xffff: 'a noncharacter',
};

// One pass over the string: only a hit is examined further.
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]/g;

/** The class of a code point an author may not use, or undefined if it is accepted. */
export function refusedClass(codePoint: number): RefusedClass | undefined {
  if (codePoint < 0x20) return codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d ? undefined : 'xml-control';
  if (codePoint >= 0x7f && codePoint <= 0x9f) return 'control';
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 'surrogate';
  if (codePoint === 0xfffe || codePoint === 0xffff) return 'noncharacter';
  if ((codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) === 0xfffe) return 'noncharacter';
  return undefined;
}

/** Every refused character of `text`, in order (at most `limit`). */
export function refusedCharacters(text: string, limit = Infinity): RefusedCharacter[] {
  const found: RefusedCharacter[] = [];
  SUSPECT.lastIndex = 0;
  for (let m = SUSPECT.exec(text); m && found.length < limit; m = SUSPECT.exec(text)) {
    const index = m.index;
    const codePoint = text.codePointAt(index)!;
    // A well-formed surrogate pair is a character from U+10000 up; only its noncharacters (U+1FFFE …) are refused.
    if (codePoint > 0xffff) {
      SUSPECT.lastIndex = index + 2;
      const kind = refusedClass(codePoint);
      if (kind) found.push({ index, codePoint, kind });
      continue;
    }
    const kind = refusedClass(codePoint);
    if (kind) found.push({ index, codePoint, kind });
  }
  return found.slice(0, limit);
}

/** `U+000B (LINE TABULATION, a vertical tab)`. */
export function describeCodePoint(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[codePoint] ?? (codePoint >= 0xd800 && codePoint <= 0xdfff ? 'half of a surrogate pair' : refusedClass(codePoint) === 'noncharacter' ? 'a noncharacter' : 'a control character');
  return `${hex} (${name})`;
}

/** What to do about a refused character. */
export function refusedHint(c: RefusedCharacter): string {
  if (c.codePoint === 0x0b || c.codePoint === 0x0c) return 'Word processors paste this for a line break: replace it with a line break (an empty line starts a new paragraph).';
  if (c.codePoint === 0x00) return 'A NUL byte is not text: the file may be UTF-16 or binary. Save it as UTF-8 text.';
  if (c.kind === 'control' && c.codePoint >= 0x80) return 'This usually comes from text saved as Windows-1252 and read as Latin-1 (a curly quote or a dash): retype the character.';
  if (c.kind === 'surrogate') return 'A lone surrogate is not a character: write the whole character, or a \\U00XXXXXX escape in a double-quoted string.';
  return 'Remove it: it is invisible, and XML manifests and web pages cannot carry it.';
}
