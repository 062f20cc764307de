import { describe, expect, it } from 'vitest';
import { xml2js } from 'xml-js';
import { el, serializeXml } from '../../src/targets/xml.js';

describe('manifest XML serialisation (LMS-RULES.md rule 8)', () => {
  const xml = serializeXml(el('manifest', { title: 'Tom & "Jerry" <3>' }, [el('title', {}, ['Tom & Jerry <b> "q" é'])]));

  it('escapes each special character exactly once', () => {
    expect(xml).toContain('title="Tom &amp; &quot;Jerry&quot; &lt;3&gt;"');
    expect(xml).toContain('<title>Tom &amp; Jerry &lt;b&gt; "q" é</title>');
    expect(xml).not.toContain('&amp;amp;');
  });

  it('writes raw UTF-8, never numeric character references', () => {
    expect(xml).not.toMatch(/&#/);
  });

  it('parses back to the same texts', () => {
    const doc = xml2js(xml) as { elements: Array<{ attributes: Record<string, string>; elements: Array<{ elements: Array<{ text: string }> }> }> };
    expect(doc.elements[0]!.attributes.title).toBe('Tom & "Jerry" <3>');
    expect(doc.elements[0]!.elements[0]!.elements[0]!.text).toBe('Tom & Jerry <b> "q" é');
  });
});

describe('manifest XML: texts an author can type (issue 13)', () => {
  const roundTrip = (value: string) => {
    const xml = serializeXml(el('m', { a: value }, [el('t', {}, [value])]));
    const doc = xml2js(xml) as { elements: Array<{ attributes: Record<string, string>; elements: Array<{ elements?: Array<{ text: string }> }> }> };
    return { attribute: doc.elements[0]!.attributes.a, text: doc.elements[0]!.elements[0]!.elements?.[0]?.text ?? '' };
  };

  it('keeps entity-like text, private-use characters, bidi and zero-width characters as written', () => {
    for (const value of ['AT&amp;T', '&lt;b&gt;', '&#233;', '\uE000 private', 'a\u202Eb\u2066c\u2069', 'zero\u200Bwidth\u200D', ']]> end', 'U+FFFD \uFFFD']) {
      expect(roundTrip(value)).toEqual({ attribute: value, text: value });
    }
  });

  it('refuses to write a character XML 1.0 cannot carry (the loader reports them to the author first)', () => {
    for (const c of ['\u0007', '\u000B', '\u0000', '\uFFFE', '\uD800']) {
      expect(() => serializeXml(el('t', {}, [`a${c}b`]))).toThrow(/XML 1\.0/);
    }
  });
});
