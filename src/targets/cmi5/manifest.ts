/**
 * cmi5.xml (LMS-RULES.md rule 34), valid against CourseStructure.xsd: the course with langstring
 * title and description in the package's language, then the AUs. By default one AU is the whole course; with
 * `cmi5: { aus: module }` each module is an AU (moveOn Completed) and each assessment is an AU
 * (moveOn Passed). `moveOn` and `masteryScore` come from the course settings; `launchParameters`
 * tell the player which course and part it plays (the LMS hands them over in LMS.LaunchData).
 */
import type { Course, LangMap } from '../../course/model.js';
import { decimal } from '../../player/interactions/xapi.js';
import { auIri, courseIri } from '../../player/tracking/xapi-iris.js';
import { el, type XmlElement } from '../xml.js';
import { langElement } from '../xapi/manifest.js';

export const CMI5_NS = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd';

export type MoveOn = 'Completed' | 'Passed' | 'CompletedAndPassed' | 'CompletedOrPassed' | 'NotApplicable';

export interface AuPlan {
  id: string;
  /** Module or assessment id; absent for the whole-course AU. */
  part?: string;
  title: LangMap;
  description: LangMap;
  moveOn: MoveOn;
  /** 0..1 */
  masteryScore?: number;
}

/** The assessments whose result decides the course's pass/fail. */
function deciding(course: Course) {
  return course.result.from === 'all' ? course.assessments : course.assessments.filter((a) => a.id === course.result.from);
}

/** The AUs of the course, with their moveOn rule and mastery score. */
export function auPlan(course: Course): AuPlan[] {
  const base = course.xapi?.activityBase;
  if (!base) throw new Error(`course ${course.id} has no xapi.activityBase (the cmi5 target's check reports it)`);
  const iri = courseIri(base, course.id);
  const judged = deciding(course);
  if (course.cmi5.aus === 'course') {
    // A mastery score only when one assessment decides: with several, each must be passed (the player judges).
    return [
      {
        id: auIri(iri),
        title: course.title,
        description: course.description ?? course.title,
        moveOn: judged.length ? 'CompletedAndPassed' : 'Completed',
        ...(judged.length === 1 ? { masteryScore: judged[0]!.passingScore / 100 } : {}),
      },
    ];
  }
  return [
    ...course.modules.map((m): AuPlan => ({ id: auIri(iri, m.id), part: m.id, title: m.title, description: m.description ?? m.title, moveOn: 'Completed' })),
    ...course.assessments.map((a): AuPlan => ({ id: auIri(iri, a.id), part: a.id, title: a.title, description: a.title, moveOn: 'Passed', masteryScore: a.passingScore / 100 })),
  ];
}

/** What the player reads from LMS.LaunchData.launchParameters. */
export function launchParameters(course: Course, au: AuPlan): string {
  return JSON.stringify({ course: courseIri(course.xapi!.activityBase, course.id), ...(au.part ? { part: au.part } : {}) });
}

export function cmi5Manifest(course: Course, lang: string): XmlElement {
  const text = (name: string, value: LangMap) => el(name, {}, [langElement('langstring', value, lang, course)]);
  const iri = courseIri(course.xapi!.activityBase, course.id);
  return el('courseStructure', { xmlns: CMI5_NS }, [
    el('course', { id: iri }, [text('title', course.title), text('description', course.description ?? course.title)]),
    ...auPlan(course).map((au) =>
      el('au', { id: au.id, moveOn: au.moveOn, masteryScore: au.masteryScore === undefined ? undefined : decimal(au.masteryScore), launchMethod: 'AnyWindow' }, [
        text('title', au.title),
        text('description', au.description),
        el('url', {}, ['index.html']),
        el('launchParameters', {}, [launchParameters(course, au)]),
      ]),
    ),
  ]);
}
