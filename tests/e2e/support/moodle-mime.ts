/**
 * The media types Moodle sends a SCORM package's files with (docs/moodle.md, "Media types"):
 * `scorm_pluginfile` (mod/scorm/lib.php) serves each file with the type stored for it when the zip
 * was unpacked, `file_storage::mimetype()` (lib/filestorage/file_storage.php): the extension's
 * entry in `core_filetypes::get_default_types()` (lib/classes/filetypes.php, moodle/moodle at
 * 00de69b59f63), or for an extension not in that table, PHP's finfo guess mapped back through the
 * table, `document/unknown` when that guess is not in it either. An admin can change the table
 * (Site administration > Server > File types); these are the defaults.
 */
import { extname } from 'node:path';

/** Moodle's default entries for the extensions packages hold, copied from filetypes.php. */
export const MOODLE_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  js: 'application/x-javascript',
  json: 'application/json',
  xml: 'application/xml',
  txt: 'text/plain',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  vtt: 'text/vtt',
  webm: 'video/webm',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  ogv: 'video/ogg',
  mp3: 'audio/mp3',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  wav: 'audio/wav',
};

/** What Moodle falls back to (the table's `xxx` entry) when neither the extension nor finfo's guess is known. */
export const MOODLE_UNKNOWN = 'document/unknown';

/** The type Moodle's table gives a file name (without finfo: unknown extensions get `document/unknown`). */
export function moodleType(path: string): string {
  return MOODLE_TYPES[extname(path).slice(1).toLowerCase()] ?? MOODLE_UNKNOWN;
}
