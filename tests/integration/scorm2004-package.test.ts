/** The SCORM 2004 4th edition package obeys LMS-RULES.md 1–14 and 24–29 by construction, checked on the built bytes. */
import { beforeAll, describe, expect, it } from 'vitest';
import { xml2js, type Element } from 'xml-js';
import type { BuiltPackage } from '../../src/package/build.js';
import { buildInMemory, COUNSELLOR } from '../support/build.js';
import { testdir, validCourse } from '../support/testdir.js';
import { validateManifest } from '../support/xsd.js';
import { readZip } from '../support/zip-reader.js';

let packages: BuiltPackage[];
beforeAll(async () => {
  const result = await buildInMemory(COUNSELLOR, { targets: ['scorm2004'] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
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

/** Builds the fixture course with course.yaml edited, for one language. */
async function fixture(edit: (courseYaml: string) => string = (y) => y): Promise<BuiltPackage> {
  const course = validCourse()['course.yaml'] as string;
  const result = await buildInMemory(testdir(validCourse({ 'course.yaml': edit(course) })), { targets: ['scorm2004'], langs: ['en'] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.packages[0]!;
}

const item = (root: Element) => children(child(child(root, 'organizations'), 'organization'), 'item')[0]!;

describe('SCORM 2004 package', () => {
  it('builds one package per language, named for the target', () => {
    expect(packages.map((p) => p.lang).sort()).toEqual(['en', 'fr']);
    for (const pkg of packages) expect(pkg.path).toMatch(new RegExp(`-${pkg.lang}-scorm2004\\.zip$`));
  });

  it('validates against the official SCORM 2004 4th edition schemas (rule 14)', async () => {
    const percentage = await fixture((y) => `${y}completion:\n  pages: 75\n`);
    for (const pkg of [...packages, percentage]) {
      const { ok, output } = validateManifest('scorm2004', manifestOf(pkg).xml);
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
      expect(names).toContain('player.js');
      for (const e of entries) {
        expect(e.name).toMatch(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/);
        expect(e.name).not.toMatch(/__MACOSX|\.DS_Store|\.(mjs|php|htaccess|sh|asp|py|woff2|webp|wasm)$/);
        expect(e.name.endsWith('/')).toBe(false);
        if (e.method === 0) expect(e.flags & 0x8).toBe(0);
      }
      expect(pkg.zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(false);
    }
  });

  it('is UTF-8 without BOM, unprefixed IMS CP, only the prefixes Moodle knows, exact schemaversion, one-line titles (rules 6–8, 10)', () => {
    for (const pkg of packages) {
      const { xml, root } = manifestOf(pkg);
      expect(xml.charCodeAt(0)).not.toBe(0xfeff);
      expect(xml).not.toMatch(/&#\d+;|&#x/i);
      expect(root.name).toBe('manifest');
      expect(root.attributes!.xmlns).toBe('http://www.imsglobal.org/xsd/imscp_v1p1');
      const metadata = child(root, 'metadata');
      expect(text(child(metadata, 'schema'))).toBe('ADL SCORM');
      expect(text(child(metadata, 'schemaversion'))).toBe('2004 4th Edition');
      for (const title of xml.match(/<title>[^<]*<\/title>/g) ?? []) expect(title).not.toContain('\n');
      const prefixes = new Set([...xml.matchAll(/<\/?([A-Za-z]+):/g)].map((m) => m[1]));
      for (const prefix of prefixes) expect(['adlcp', 'imsss', 'adlnav', 'adlseq', 'lom']).toContain(prefix);
      expect(xml).toMatch(/adlcp:scormType="sco"/);
      expect(xml).not.toMatch(/scormtype=/);
      expect(xml).not.toContain('schemaLocation');
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
      expect(items).toHaveLength(1);
      for (const it of items) {
        const resource = resources.find((r) => r.attributes!.identifier === it.attributes!.identifierref);
        expect(resource, `resource for ${it.attributes!.identifierref}`).toBeDefined();
        expect(resource!.attributes!.href).toBe('index.html');
        expect(resource!.attributes!['adlcp:scormType']).toBe('sco');
        expect(resource!.attributes!.type).toBe('webcontent');
      }
      expect(JSON.stringify(root)).not.toContain('xml:base');
      const listed = resources.flatMap((r) => children(r, 'file').map((f) => String(f.attributes!.href))).sort();
      const inZip = readZip(pkg.zip).map((e) => e.name).filter((n) => n !== 'imsmanifest.xml').sort();
      expect(listed).toEqual(inZip);
    }
  });

  it('keeps identifiers stable across versions and languages (rule 12)', async () => {
    const ids = packages.map((p) => manifestOf(p).xml.match(/identifier(ref)?="[^"]+"/g));
    expect(ids[0]).toEqual(ids[1]);
    const v1 = await fixture();
    const v2 = await fixture((y) => y.replace('version: 1.0.0', 'version: 2.3.0'));
    const identifiers = (pkg: BuiltPackage) => manifestOf(pkg).xml.match(/identifier(ref)?="[^"]+"/g);
    expect(identifiers(v1)).toEqual(identifiers(v2));
    expect(manifestOf(v2).root.attributes!.version).toBe('2.3.0');
  });

  it('declares a single SCO whose content sets completion and success, with flow for continue, and no objectives (rules 24, 29)', () => {
    for (const pkg of packages) {
      const { xml, root } = manifestOf(pkg);
      const sequencing = child(item(root), 'imsss:sequencing')!;
      expect(child(sequencing, 'imsss:deliveryControls')!.attributes).toEqual({ completionSetByContent: 'true', objectiveSetByContent: 'true' });
      const orgSequencing = child(child(child(root, 'organizations'), 'organization'), 'imsss:sequencing')!;
      expect(child(orgSequencing, 'imsss:controlMode')!.attributes).toEqual({ choice: 'true', flow: 'true' });
      expect(xml).not.toContain('imsss:objectives');
      expect(xml).not.toContain('primaryObjective');
      expect(xml).not.toContain('masteryscore');
    }
  });

  it('writes the completion threshold both ways: 4th edition attributes and the value Moodle reads', async () => {
    for (const pkg of packages) {
      const threshold = child(item(manifestOf(pkg).root), 'adlcp:completionThreshold')!;
      expect(threshold.attributes).toEqual({ completedByMeasure: 'true', minProgressMeasure: '1' });
      expect(text(threshold)).toBe('1');
    }
    const percentage = await fixture((y) => `${y}completion:\n  pages: 75\n`);
    const threshold = child(item(manifestOf(percentage).root), 'adlcp:completionThreshold')!;
    expect(threshold.attributes).toEqual({ completedByMeasure: 'true', minProgressMeasure: '0.75' });
    expect(text(threshold)).toBe('0.75');
  });

  it('writes LOM metadata, the page and the player in the package language', () => {
    for (const pkg of packages) {
      const { xml, root } = manifestOf(pkg);
      const general = child(child(child(root, 'metadata'), 'lom:lom'), 'lom:general')!;
      expect(text(child(general, 'lom:language'))).toBe(pkg.lang);
      const title = child(child(general, 'lom:title'), 'lom:string')!;
      expect(title.attributes!.language).toBe(pkg.lang);
      expect(text(title)).toBe(text(child(item(root), 'title')));
      expect(child(child(general, 'lom:description'), 'lom:string')!.attributes!.language).toBe(pkg.lang);
      expect(xml).toContain(`language="${pkg.lang}"`);
      const html = readZip(pkg.zip).find((e) => e.name === 'index.html')!.data.toString('utf8');
      expect(html).toMatch(new RegExp(`<html lang="${pkg.lang}"`));
    }
  });

  it('bundles the SCORM 2004 player, which looks for API_1484_11 and not the SCORM 1.2 API', () => {
    for (const pkg of packages) {
      const js = readZip(pkg.zip).find((e) => e.name === 'player.js')!.data.toString('utf8');
      expect(js).toContain('API_1484_11');
      expect(js).not.toContain('LMSInitialize');
    }
  });
});
