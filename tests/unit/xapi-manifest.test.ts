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

  it('puts activities first and the course first, with a relative launch and names in every language (rule 30)', async () => {
    const [en] = await built('xapi');
    const tincan = root(text(en!, 'tincan.xml'));
    expect(tincan.name).toBe('tincan');
    expect(kids(tincan)[0]!.name).toBe('activities');
    const first = kids(kids(tincan)[0], 'activity')[0]!;
    expect(first.attributes).toEqual({ id: `${BASE}/sample`, type: 'http://adlnet.gov/expapi/activities/course' });
    expect(kids(first, 'name').map((n) => [n.attributes!.lang, inner(n)])).toEqual([
      ['en', 'Sample course'],
      ['fr', 'Cours exemple'],
    ]);
    expect(kids(first, 'description')).toHaveLength(2);
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
      expect(kids(kids(course, 'title')[0], 'langstring').map((l) => l.attributes!.lang)).toEqual(pkg.lang === 'en' ? ['en', 'fr'] : ['fr', 'en']);
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
