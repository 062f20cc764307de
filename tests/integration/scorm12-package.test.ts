/** The SCORM 1.2 package obeys LMS-RULES.md 1–14 by construction, checked on the built bytes. */
import { beforeAll, describe, expect, it } from 'vitest';
import { xml2js, type Element } from 'xml-js';
import type { BuiltPackage } from '../../src/package/build.js';
import { buildInMemory, COUNSELLOR } from '../support/build.js';
import { testdir, validCourse } from '../support/testdir.js';
import { validateManifest } from '../support/xsd.js';
import { readZip } from '../support/zip-reader.js';

let packages: BuiltPackage[];
beforeAll(async () => {
  const result = await buildInMemory(COUNSELLOR, { targets: ['scorm12'] });
  expect(result.ok).toBe(true);
  packages = result.packages;
});

const children = (el: Element | undefined, name: string) => (el?.elements ?? []).filter((e) => e.name === name);
const child = (el: Element | undefined, name: string) => children(el, name)[0];
const text = (el: Element | undefined) => (el?.elements ?? []).map((e) => e.text ?? '').join('');

function manifestOf(pkg: BuiltPackage): { xml: string; root: Element } {
  const entry = readZip(pkg.zip).find((e) => e.name === 'imsmanifest.xml')!;
  const xml = entry.data.toString('utf8');
  const doc = xml2js(xml, { compact: false }) as Element;
  return { xml, root: doc.elements!.find((e) => e.type === 'element')! };
}

describe('SCORM 1.2 package', () => {
  it('builds one package per language', () => {
    expect(packages.map((p) => p.lang).sort()).toEqual(['en', 'fr']);
  });

  it('validates against the official SCORM 1.2 schemas (rule 14)', () => {
    for (const pkg of packages) {
      const { ok, output } = validateManifest('scorm12', manifestOf(pkg).xml);
      expect(output).toContain('validates');
      expect(ok).toBe(true);
    }
  });

  it('is a flat zip with imsmanifest.xml at the root, deflated, no ZIP64, safe names (rules 1–5)', () => {
    for (const pkg of packages) {
      const entries = readZip(pkg.zip);
      const names = entries.map((e) => e.name);
      expect(names).toContain('imsmanifest.xml');
      expect(names).toContain('index.html');
      for (const e of entries) {
        expect(e.name).toMatch(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/);
        expect(e.name).not.toMatch(/__MACOSX|\.DS_Store|\.(mjs|php|htaccess|sh|asp|py|woff2|webp|wasm)$/);
        expect(e.method).toBe(e.size === 0 ? 0 : 8);
        expect(e.name.endsWith('/')).toBe(false);
        if (e.method === 0) expect(e.flags & 0x8).toBe(0);
      }
      expect(pkg.zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(false);
    }
  });

  it('is UTF-8 without BOM, unprefixed IMS CP elements, exact schemaversion, one-line titles (rules 6–8)', () => {
    for (const pkg of packages) {
      const { xml, root } = manifestOf(pkg);
      expect(xml.charCodeAt(0)).not.toBe(0xfeff);
      expect(xml).not.toMatch(/&#\d+;|&#x/i);
      expect(root.name).toBe('manifest');
      const metadata = child(root, 'metadata');
      expect(text(child(metadata, 'schema'))).toBe('ADL SCORM');
      expect(text(child(metadata, 'schemaversion'))).toBe('1.2');
      for (const title of xml.match(/<title>[^<]*<\/title>/g) ?? []) expect(title).not.toContain('\n');
      const prefixes = new Set([...xml.matchAll(/<([a-z]+):/g)].map((m) => m[1]));
      expect([...prefixes].sort()).toEqual(['imsmd']);
      expect(xml).toMatch(/adlcp:scormtype="sco"/);
    }
  });

  it('has one organization, references that resolve, and every file listed and present (rules 9–11)', () => {
    for (const pkg of packages) {
      const { root } = manifestOf(pkg);
      const organizations = child(root, 'organizations')!;
      const orgs = children(organizations, 'organization');
      expect(orgs).toHaveLength(1);
      expect(organizations.attributes!.default).toBe(orgs[0]!.attributes!.identifier);
      const resources = children(child(root, 'resources'), 'resource');
      const items = children(orgs[0], 'item');
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        const resource = resources.find((r) => r.attributes!.identifier === item.attributes!.identifierref);
        expect(resource, `resource for ${item.attributes!.identifierref}`).toBeDefined();
        expect(resource!.attributes!.href).toBe('index.html');
        expect(resource!.attributes!['adlcp:scormtype']).toBe('sco');
      }
      expect(root.attributes!['xml:base']).toBeUndefined();
      const listed = resources.flatMap((r) => children(r, 'file').map((f) => String(f.attributes!.href))).sort();
      const inZip = readZip(pkg.zip).map((e) => e.name).filter((n) => n !== 'imsmanifest.xml').sort();
      expect(listed).toEqual(inZip);
    }
  });

  it('keeps item identifiers stable across versions and languages (rule 12) and writes no mastery score (rule 13)', async () => {
    const ids = packages.map((p) => manifestOf(p).xml.match(/identifier="[^"]+"/g));
    expect(ids[0]).toEqual(ids[1]);
    const dir = testdir(validCourse());
    const v1 = await buildInMemory(dir, { targets: ['scorm12'], langs: ['en'] });
    const course = validCourse()['course.yaml'] as string;
    const dir2 = testdir(validCourse({ 'course.yaml': course.replace('version: 1.0.0', 'version: 2.3.0') }));
    const v2 = await buildInMemory(dir2, { targets: ['scorm12'], langs: ['en'] });
    const itemIds = (pkg: BuiltPackage) => manifestOf(pkg).xml.match(/<item identifier="[^"]+"/g);
    expect(itemIds(v1.packages[0]!)).toEqual(itemIds(v2.packages[0]!));
    for (const pkg of packages) expect(manifestOf(pkg).xml).not.toContain('masteryscore');
  });

  it('writes the package language into the LOM metadata and the page', () => {
    for (const pkg of packages) {
      const { xml } = manifestOf(pkg);
      expect(xml).toContain(`<imsmd:language>${pkg.lang}</imsmd:language>`);
      const html = readZip(pkg.zip).find((e) => e.name === 'index.html')!.data.toString('utf8');
      expect(html).toMatch(new RegExp(`<html lang="${pkg.lang}">`));
    }
  });
});
