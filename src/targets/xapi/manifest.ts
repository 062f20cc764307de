/**
 * tincan.xml (LMS-RULES.md rule 30): `<activities>` first; the first activity is the course, the one
 * an LMS launches, with a relative launch URL; then its modules and assessments so an LRS can name
 * them in reports. Names and descriptions are in the package's language only, like the rest of the
 * package: a French package shows an LMS nothing in English.
 */
import type { Course, LangMap } from '../../course/model.js';
import { ACTIVITY_TYPES, childIri, courseIri } from '../../player/tracking/xapi-iris.js';
import { el, oneLine, type XmlElement } from '../xml.js';

export const TINCAN_NS = 'http://projecttincan.com/tincan.xsd';

/**
 * The text in the package's language as one element, e.g. `<name lang="fr">…</name>`. The loader
 * has already filled a missing translation from the source language (`--allow-missing`); the
 * course's first language with a text is the last resort.
 */
export function langElement(name: string, text: LangMap, lang: string, course: Course, attribute = 'lang'): XmlElement {
  const chosen = text[lang] !== undefined ? lang : (course.languages.find((l) => text[l] !== undefined) ?? lang);
  return el(name, { [attribute]: chosen }, [oneLine(text[chosen] ?? '')]);
}

export function tincanManifest(course: Course, lang: string): XmlElement {
  const base = course.xapi?.activityBase;
  if (!base) throw new Error(`course ${course.id} has no xapi.activityBase (the xapi target's check reports it)`);
  const iri = courseIri(base, course.id);
  const activity = (id: string, type: string, name: LangMap, description: LangMap | undefined, launch?: string) =>
    el('activity', { id, type }, [langElement('name', name, lang, course), langElement('description', description ?? name, lang, course), launch ? el('launch', { lang }, [launch]) : null]);
  return el('tincan', { xmlns: TINCAN_NS }, [
    el('activities', {}, [
      activity(iri, ACTIVITY_TYPES.course, course.title, course.description, 'index.html'),
      ...course.modules.map((m) => activity(childIri(iri, 'modules', m.id), ACTIVITY_TYPES.module, m.title, m.description)),
      ...course.assessments.map((a) => activity(childIri(iri, 'assessments', a.id), ACTIVITY_TYPES.assessment, a.title, undefined)),
    ]),
  ]);
}
