/** The SCORM 1.2 imsmanifest.xml (LMS-RULES.md rules 6–14). */
import type { Course } from '../../course/model.js';
import { clip, el, oneLine, type XmlElement } from '../xml.js';

export const SCORM12_MAX_TITLE = 200;

/** Identifiers derive from the course id only, so they stay stable across versions (rule 12). */
export function scormIdentifiers(course: Course) {
  return {
    manifest: `MANIFEST-${course.id}`,
    organization: `ORG-${course.id}`,
    item: `ITEM-${course.id}`,
    resource: `RES-${course.id}`,
  };
}

export function scorm12Manifest(course: Course, lang: string, files: string[]): XmlElement {
  const ids = scormIdentifiers(course);
  // imscp_rootv1p1p2.xsd titleType: at most 200 characters (the loader warns the author: title-too-long).
  const title = clip(oneLine(course.title[lang] ?? ''), SCORM12_MAX_TITLE);
  const description = course.description?.[lang];
  const langstring = (text: string) => el('imsmd:langstring', { 'xml:lang': lang }, [oneLine(text)]);
  return el(
    'manifest',
    {
      identifier: ids.manifest,
      version: course.version,
      xmlns: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
      'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
      'xmlns:imsmd': 'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1',
      // No xsi:schemaLocation: it would name .xsd files the package does not contain (rule 38).
    },
    [
      el('metadata', {}, [
        el('schema', {}, ['ADL SCORM']),
        el('schemaversion', {}, ['1.2']),
        el('imsmd:lom', {}, [
          el('imsmd:general', {}, [
            el('imsmd:title', {}, [langstring(title)]),
            el('imsmd:language', {}, [lang]),
            description ? el('imsmd:description', {}, [langstring(description)]) : null,
          ]),
        ]),
      ]),
      el('organizations', { default: ids.organization }, [
        el('organization', { identifier: ids.organization }, [
          el('title', {}, [title]),
          // No adlcp:masteryscore: the content decides passed/failed itself (rule 13).
          el('item', { identifier: ids.item, identifierref: ids.resource, isvisible: 'true' }, [el('title', {}, [title])]),
        ]),
      ]),
      el('resources', {}, [
        el(
          'resource',
          { identifier: ids.resource, type: 'webcontent', 'adlcp:scormtype': 'sco', href: 'index.html' },
          files.map((href) => el('file', { href })),
        ),
      ]),
    ],
  );
}
