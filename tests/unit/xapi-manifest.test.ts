/** tincan.xml and cmi5.xml on the built bytes: official schemas, LMS-RULES.md 30 and 34, stable IRIs, the activityBase check. */
import { describe, expect, it } from 'vitest';
import { xml2js, type Element } from 'xml-js';
import type { BuiltPackage } from '../../src/package/build.js';
import { buildInMemory } from '../support/build.js';
import { testdir, validCourse } from '../support/testdir.js';
import { validateManifest } from '../support/xsd.js';

const BASE = 'https://learning.example.org/courses';
const withBase = (extra = '', base = BASE) => validCourse({ 'course.yaml': `${String(validCourse()['course.yaml'])}xapi:\n  activityBase: ${base}\n${extra}` });

async function built(target: 'xapi' | 'cmi5', files = withBase()): Promise<BuiltPackage[]> {
  const result = await buildInMemory(testdir(files), { targets: [target] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.packages;
}

const text = (pkg: BuiltPackage, path: string) => {
  const f = pkg.files.find((x) => x.path === path)!;
  return typeof f.data === 'string' ? f.data : f.data.toString('utf8');
};
const root = (xml: string) => (xml2js(xml, { compact: false }) as Element).elements!.find((e) => e.type === 'element')!;
const kids = (el: Element | undefined, name?: string) => (el?.elements ?? []).filter((e) => e.type === 'element' && (!name || e.name === name));
const inner = (el: Element | undefined) => (el?.elements ?? []).map((e) => e.text ?? '').join('');
const aus0 = (structure: Element) => kids(structure, 'au')[0];

describe('xapi target: tincan.xml', () => {
  it('validates against the official Tin Can schema, one package per language', async () => {
    const packages = await built('xapi');
    expect(packages.map((p) => p.lang).sort()).toEqual(['en', 'fr']);
    for (const pkg of packages) {
      const { ok, output } = validateManifest('tincan', text(pkg, 'tincan.xml'));
      expect(output).toContain('validates');
      expect(ok).toBe(true);
    }
  });

  it("puts activities first and the course first, with a relative launch and names in the package's language only (rule 30)", async () => {
    const [en, fr] = await built('xapi');
    const tincan = root(text(en!, 'tincan.xml'));
    expect(tincan.name).toBe('tincan');
    expect(kids(tincan)[0]!.name).toBe('activities');
    const first = kids(kids(tincan)[0], 'activity')[0]!;
    expect(first.attributes).toEqual({ id: `${BASE}/sample`, type: 'http://adlnet.gov/expapi/activities/course' });
    expect(kids(first, 'name').map((n) => [n.attributes!.lang, inner(n)])).toEqual([['en', 'Sample course']]);
    expect(kids(first, 'description').map((n) => n.attributes!.lang)).toEqual(['en']);
    const frFirst = kids(kids(root(text(fr!, 'tincan.xml')))[0], 'activity')[0]!;
    expect(kids(frFirst, 'name').map((n) => [n.attributes!.lang, inner(n)])).toEqual([['fr', 'Cours exemple']]);
    expect(text(fr!, 'tincan.xml')).not.toMatch(/lang="en"|Sample course/);
    const launch = kids(first, 'launch')[0]!;
    expect(inner(launch)).toBe('index.html');
    expect(inner(launch)).not.toMatch(/\s|:\/\//);
    const others = kids(kids(tincan)[0], 'activity').slice(1).map((a) => a.attributes!.id);
    expect(others).toEqual([`${BASE}/sample/modules/one`, `${BASE}/sample/assessments/final`]);
  });

  it('derives activity ids from stable ids only: a new version and a trailing slash change nothing', async () => {
    const [a] = await built('xapi', withBase());
    const v2 = withBase('', `${BASE}/`);
    v2['course.yaml'] = String(v2['course.yaml']).replace('version: 1.0.0', 'version: 2.3.0').replace('Sample course', 'Renamed course');
    const [b] = await built('xapi', v2);
    const ids = (pkg: BuiltPackage) => kids(kids(root(text(pkg, 'tincan.xml')))[0], 'activity').map((x) => x.attributes!.id);
    expect(ids(b!)).toEqual(ids(a!));
  });

  it('lets the player reach the LRS named at launch (CSP connect-src) and writes no credential', async () => {
    const [pkg] = await built('xapi');
    const html = text(pkg!, 'index.html').replace(/&#39;/g, "'");
    expect(html).toMatch(/connect-src 'self' https: http:/);
    expect(html).toMatch(/default-src 'none'/);
    for (const f of pkg!.files) expect(typeof f.data === 'string' ? f.data : f.data.toString('latin1')).not.toMatch(/\bBasic [A-Za-z0-9+/=]{8,}|auth-token"\s*:/);
  });

  it('reports a diagnostic, not a broken package, when xapi.activityBase is missing', async () => {
    for (const target of ['xapi', 'cmi5']) {
      const result = await buildInMemory(testdir(validCourse()), { targets: [target] });
      expect(result.ok).toBe(false);
      expect(result.packages).toEqual([]);
      expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'xapi-activity-base-missing', severity: 'error', file: expect.stringMatching(/course\.yaml$/) })]);
    }
  });
});

describe('a default build (no --target)', () => {
  it('skips xapi and cmi5 with a note when the course has no activity base, and builds the rest', async () => {
    const result = await buildInMemory(testdir(validCourse()));
    expect(result.ok).toBe(true);
    expect([...new Set(result.packages.map((p) => p.target))].sort()).toEqual(['scorm12', 'scorm2004', 'web']);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ['target-skipped', 'info', expect.stringMatching(/^xAPI not built for sample: course\.yaml has no `xapi\.activityBase`/)],
      ['target-skipped', 'info', expect.stringMatching(/^cmi5 not built for sample: /)],
    ]);
  });

  it('builds all five targets, with nothing to report, once the course has one', async () => {
    const result = await buildInMemory(testdir(withBase('', 'urn:uuid:0f3c8a52-9d1e-4b7a-8c55-2e6f1d4b9a70')));
    expect(result.diagnostics).toEqual([]);
    expect([...new Set(result.packages.map((p) => p.target))].sort()).toEqual(['cmi5', 'scorm12', 'scorm2004', 'web', 'xapi']);
  });
});

describe('cmi5 target: cmi5.xml', () => {
  it('validates against CourseStructure.xsd with one AU for the course (rule 34)', async () => {
    const packages = await built('cmi5');
    for (const pkg of packages) {
      const xml = text(pkg, 'cmi5.xml');
      const { ok, output } = validateManifest('cmi5', xml);
      expect(output).toContain('validates');
      expect(ok).toBe(true);
      const structure = root(xml);
      const course = kids(structure, 'course')[0]!;
      expect(course.attributes!.id).toBe(`${BASE}/sample`);
      expect(kids(kids(course, 'title')[0], 'langstring').map((l) => [l.attributes!.lang, inner(l)])).toEqual([[pkg.lang, pkg.lang === 'en' ? 'Sample course' : 'Cours exemple']]);
      expect(kids(kids(aus0(structure), 'description')[0], 'langstring').map((l) => l.attributes!.lang)).toEqual([pkg.lang]);
      const aus = kids(structure, 'au');
      expect(aus).toHaveLength(1);
      expect(aus[0]!.attributes).toEqual({ id: `${BASE}/sample/au`, moveOn: 'CompletedAndPassed', masteryScore: '0.8', launchMethod: 'AnyWindow' });
      expect(inner(kids(aus[0], 'url')[0])).toBe('index.html');
      expect(JSON.parse(inner(kids(aus[0], 'launchParameters')[0]))).toEqual({ course: `${BASE}/sample` });
    }
  });

  it('with `cmi5: { aus: module }` has one AU per module (Completed) and per assessment (Passed, masteryScore)', async () => {
    const [pkg] = await built('cmi5', withBase('cmi5:\n  aus: module\n'));
    const xml = text(pkg!, 'cmi5.xml');
    expect(validateManifest('cmi5', xml).ok).toBe(true);
    const aus = kids(root(xml), 'au').map((a) => ({ ...a.attributes, parameters: JSON.parse(inner(kids(a, 'launchParameters')[0])) }));
    expect(aus).toEqual([
      { id: `${BASE}/sample/au/one`, moveOn: 'Completed', launchMethod: 'AnyWindow', parameters: { course: `${BASE}/sample`, part: 'one' } },
      { id: `${BASE}/sample/au/final`, moveOn: 'Passed', masteryScore: '0.8', launchMethod: 'AnyWindow', parameters: { course: `${BASE}/sample`, part: 'final' } },
    ]);
  });

  it('a course without an assessment moves on when completed, with no masteryScore', async () => {
    const files = withBase();
    files['course.yaml'] = String(files['course.yaml']).replace('assessment: assessment.yaml\n', '');
    const [pkg] = await built('cmi5', files);
    const au = kids(root(text(pkg!, 'cmi5.xml')), 'au')[0]!;
    expect(au.attributes).toEqual({ id: `${BASE}/sample/au`, moveOn: 'Completed', launchMethod: 'AnyWindow' });
  });
});

describe('a urn:uuid: activity base (for publishers without a domain)', () => {
  const URN = 'urn:uuid:0f3c8a52-9d1e-4b7a-8c55-2e6f1d4b9a70';

  it('is the course IRI itself, with modules, assessments and AUs as fragments: schema-valid tincan.xml and cmi5.xml', async () => {
    const [tincanPkg] = await built('xapi', withBase('', URN));
    const tincan = text(tincanPkg!, 'tincan.xml');
    expect(validateManifest('tincan', tincan).ok).toBe(true);
    expect(kids(kids(root(tincan))[0], 'activity').map((a) => a.attributes!.id)).toEqual([URN, `${URN}#modules/one`, `${URN}#assessments/final`]);

    const [cmi5Pkg] = await built('cmi5', withBase('cmi5:\n  aus: module\n', URN));
    const cmi5 = text(cmi5Pkg!, 'cmi5.xml');
    expect(validateManifest('cmi5', cmi5).ok).toBe(true);
    expect(kids(root(cmi5), 'course')[0]!.attributes!.id).toBe(URN);
    expect(kids(root(cmi5), 'au').map((a) => [a.attributes!.id, JSON.parse(inner(kids(a, 'launchParameters')[0]))])).toEqual([
      [`${URN}#au/one`, { course: URN, part: 'one' }],
      [`${URN}#au/final`, { course: URN, part: 'final' }],
    ]);
  });

  it.each([
    ['upper-case hex', 'urn:uuid:0F3C8A52-9D1E-4B7A-8C55-2E6F1D4B9A70'],
    ['a malformed UUID', 'urn:uuid:0f3c8a52-9d1e-4b7a-8c55'],
    ['another URN namespace', 'urn:isbn:9780000000000'],
    ['a URL with a fragment', 'https://learning.example.org/courses#x'],
  ])('refuses %s with a positioned diagnostic', async (_label, base) => {
    const dir = testdir(withBase('', base));
    const result = await buildInMemory(dir, { targets: ['xapi'] });
    expect(result.ok).toBe(false);
    expect(result.packages).toEqual([]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'invalid-value', severity: 'error', path: 'xapi.activityBase', file: expect.stringMatching(/course\.yaml$/), line: 9, column: 17, hint: expect.stringContaining('urn:uuid:') }),
    ]);
  });

  it('the hint for a missing base offers a freshly minted, valid URN (a different one each time)', async () => {
    const hints = [];
    for (let i = 0; i < 2; i++) {
      const result = await buildInMemory(testdir(validCourse()), { targets: ['xapi'] });
      hints.push(result.diagnostics[0]!.hint!);
    }
    const urns = hints.map((h) => /urn:uuid:[0-9a-f-]{36}/.exec(h)?.[0]);
    expect(urns[0]).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(urns[1]).not.toBe(urns[0]);
    // Pasting the hint's URN makes the build succeed.
    await built('xapi', withBase('', urns[0]!));
  });
});
