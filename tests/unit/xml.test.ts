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
