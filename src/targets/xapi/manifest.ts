/**
 * tincan.xml (LMS-RULES.md rule 30): `<activities>` first; the first activity is the course, the one
 * an LMS launches, with a relative launch URL; then its modules and assessments so an LRS can name
 * them in reports. Names and descriptions come in every language of the course (the package's own
 * language first), since every language package reports on the same activities.
 */
import type { Course, LangMap } from '../../course/model.js';
import { ACTIVITY_TYPES, childIri, courseIri } from '../../player/tracking/xapi-iris.js';
import { el, oneLine, type XmlElement } from '../xml.js';

export const TINCAN_NS = 'http://projecttincan.com/tincan.xsd';

/** The course's languages, the package's first. */
export function languagesFor(course: Course, lang: string): string[] {
  return [lang, ...course.languages.filter((l) => l !== lang)];
}

/** One element per language, e.g. `<name lang="en">…</name>`, skipping languages without text. */
export function langElements(name: string, text: LangMap, langs: string[], attribute = 'lang'): XmlElement[] {
  return langs.filter((l) => text[l]).map((l) => el(name, { [attribute]: l }, [oneLine(text[l]!)]));
}

export function tincanManifest(course: Course, lang: string): XmlElement {
  const base = course.xapi?.activityBase;
  if (!base) throw new Error(`course ${course.id} has no xapi.activityBase (the xapi target's check reports it)`);
  const iri = courseIri(base, course.id);
  const langs = languagesFor(course, lang);
  const activity = (id: string, type: string, name: LangMap, description: LangMap | undefined, launch?: string) =>
    el('activity', { id, type }, [...langElements('name', name, langs), ...langElements('description', description ?? name, langs), launch ? el('launch', { lang }, [launch]) : null]);
  return el('tincan', { xmlns: TINCAN_NS }, [
    el('activities', {}, [
      activity(iri, ACTIVITY_TYPES.course, course.title, course.description, 'index.html'),
      ...course.modules.map((m) => activity(childIri(iri, 'modules', m.id), ACTIVITY_TYPES.module, m.title, m.description)),
      ...course.assessments.map((a) => activity(childIri(iri, 'assessments', a.id), ACTIVITY_TYPES.assessment, a.title, undefined)),
    ]),
  ]);
}
