/** Activity IRIs from both forms of base, and the cmi5 tracker reading the course back from an AU's publisher id. */
import { describe, expect, it } from 'vitest';
import { publisherCourse } from '../../src/player/tracking/cmi5.js';
import { auIri, childIri, courseIri, isUuidUrn } from '../../src/player/tracking/xapi-iris.js';

const URN = 'urn:uuid:c8ee325c-4d4b-43c1-a7ca-125f73ce877d';
const grouping = (id: string) => ({ contextActivities: { grouping: [{ objectType: 'Activity' as const, id }] } });

describe.each([
  ['an https base', 'https://learning.example.org/courses/', 'https://learning.example.org/courses/sample', '/'],
  ['an https base without the trailing slash', 'https://learning.example.org/courses', 'https://learning.example.org/courses/sample', '/'],
  ['a urn:uuid: base', URN, URN, '#'],
])('%s', (_label, base, course, separator) => {
  it('gives the course IRI and the parts below it', () => {
    expect(courseIri(base, 'sample')).toBe(course);
    expect(childIri(course, 'pages', 'why coding')).toBe(`${course}${separator}pages/why%20coding`);
    expect(auIri(course)).toBe(`${course}${separator}au`);
    expect(auIri(course, 'final')).toBe(`${course}${separator}au/final`);
  });

  it('lets the cmi5 player find the course from any AU publisher id (an LMS without launchParameters)', () => {
    expect(publisherCourse(grouping(auIri(course)))).toBe(course);
    expect(publisherCourse(grouping(auIri(course, 'module-1')))).toBe(course);
  });
});

describe('isUuidUrn', () => {
  it('accepts only the canonical lower-case form', () => {
    expect(isUuidUrn(URN)).toBe(true);
    expect(isUuidUrn(URN.toUpperCase())).toBe(false);
    expect(isUuidUrn(`${URN}#au`)).toBe(false);
    expect(isUuidUrn('urn:isbn:9780000000000')).toBe(false);
  });
});
