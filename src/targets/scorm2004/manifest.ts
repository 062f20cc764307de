/**
 * The SCORM 2004 4th edition imsmanifest.xml (LMS-RULES.md rules 6–14, 24, 29): one SCO, LOM
 * metadata in the package's language, a completion threshold, the minimal sequencing a single SCO
 * needs, and no `imsss:objectives` (Moodle would then default the passing score to 1.0).
 */
import type { Course } from '../../course/model.js';
import { decimal } from '../../player/interactions/decimal.js';
import { scormIdentifiers } from '../scorm12/manifest.js';
import { el, oneLine, type XmlElement } from '../xml.js';

/** `minProgressMeasure`: the share of pages the course requires (1 when every page is required). */
export function completionThreshold(course: Course): string {
  const pages = course.completion.pages;
  return decimal(pages === 'all' ? 1 : pages / 100, 4);
}

export function scorm2004Manifest(course: Course, lang: string, files: string[]): XmlElement {
  // Identifiers derive from the course id only, as in SCORM 1.2, so they stay stable (rule 12).
  const ids = scormIdentifiers(course);
  const title = oneLine(course.title[lang] ?? '');
  const description = course.description?.[lang];
  const langString = (text: string) => el('lom:string', { language: lang }, [oneLine(text)]);
  const threshold = completionThreshold(course);
  return el(
    'manifest',
    {
      identifier: ids.manifest,
      version: course.version,
      xmlns: 'http://www.imsglobal.org/xsd/imscp_v1p1',
      'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_v1p3',
      'xmlns:imsss': 'http://www.imsglobal.org/xsd/imsss',
      'xmlns:lom': 'http://ltsc.ieee.org/xsd/LOM',
      // No xsi:schemaLocation: it would name .xsd files the package does not contain (rule 38).
    },
    [
      el('metadata', {}, [
        el('schema', {}, ['ADL SCORM']),
        el('schemaversion', {}, ['2004 4th Edition']),
        el('lom:lom', {}, [
          el('lom:general', {}, [
            el('lom:title', {}, [langString(title)]),
            el('lom:language', {}, [lang]),
            description ? el('lom:description', {}, [langString(description)]) : null,
          ]),
        ]),
      ]),
      el('organizations', { default: ids.organization }, [
        el('organization', { identifier: ids.organization }, [
          el('title', {}, [title]),
          el('item', { identifier: ids.item, identifierref: ids.resource, isvisible: 'true' }, [
            el('title', {}, [title]),
            // The attributes are the 4th edition; the text is what Moodle reads (it ignores the
            // attributes, and with no threshold marks every SCO completed at Terminate).
            el('adlcp:completionThreshold', { completedByMeasure: 'true', minProgressMeasure: threshold }, [threshold]),
            // The content sets completion and success itself (rule 24).
            el('imsss:sequencing', {}, [el('imsss:deliveryControls', { completionSetByContent: 'true', objectiveSetByContent: 'true' })]),
          ]),
          // flow: the LMS may act on the `continue` request the content sends when it is done.
          el('imsss:sequencing', {}, [el('imsss:controlMode', { choice: 'true', flow: 'true' })]),
        ]),
      ]),
      el('resources', {}, [
        el(
          'resource',
          { identifier: ids.resource, type: 'webcontent', 'adlcp:scormType': 'sco', href: 'index.html' },
          files.map((href) => el('file', { href })),
        ),
      ]),
    ],
  );
}
