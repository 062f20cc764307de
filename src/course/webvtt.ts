/**
 * A small, strict WebVTT reader and writer for the captions of video and audio blocks
 * (https://www.w3.org/TR/webvtt1/). It keeps what coursepack needs — cue timings and cue text — and
 * reports every problem at its line and column in the .vtt file, never by throwing:
 *
 * - the file starts with `WEBVTT` (after an optional BOM), alone or followed by a space or tab and text;
 * - blocks are separated by blank lines; `NOTE` blocks are comments and skipped;
 * - a cue is an optional identifier line, a timing line `[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt [settings]`
 *   (minutes and seconds below 60, exactly three digits of milliseconds), then one or more lines of text;
 * - a cue ends after it starts, starts no earlier than the cue before it, and its text never holds `-->`.
 *
 * STYLE and REGION blocks are refused: the player styles captions itself. Cue text is kept as
 * written (it may hold WebVTT tags such as `<v Samira>` or `<b>`); `cueText` gives the plain text
 * shown in transcripts, which templates escape like every other text.
 */

export interface Cue {
  /** The optional identifier line. */
  id?: string;
  /** Milliseconds. */
  start: number;
  end: number;
  /** Settings after the end time, as written (e.g. `line:0 align:start`). */
  settings?: string;
  /** The cue text as written, lines joined with \n. */
  text: string;
  /** 1-based line of the timing line and of the first text line. */
  line: number;
  textLine: number;
}

export interface VttProblem {
  line: number;
  column: number;
  message: string;
}

export interface VttFile {
  cues: Cue[];
  problems: VttProblem[];
}

const TIMESTAMP = /^(?:(\d{2,}):)?([0-9]{2}):([0-9]{2})\.([0-9]{3})$/;

/** Milliseconds of a WebVTT timestamp, or a reason it is not one. */
export function parseTimestamp(text: string): number | string {
  const m = TIMESTAMP.exec(text);
  if (!m) return `"${text.slice(0, 20)}" is not a timestamp (hh:mm:ss.ttt or mm:ss.ttt)`;
  const [hours, minutes, seconds, millis] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3]), Number(m[4])];
  if (minutes > 59) return `minutes must be 00..59 in "${text}"`;
  if (seconds > 59) return `seconds must be 00..59 in "${text}"`;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

/** `hh:mm:ss.ttt` */
export function formatTimestamp(ms: number): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / 3600000);
  const minutes = Math.floor(total / 60000) % 60;
  const seconds = Math.floor(total / 1000) % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(total % 1000, 3)}`;
}

/** The timing line of a cue as coursepack writes it. */
export const cueTiming = (cue: Pick<Cue, 'start' | 'end'>): string => `${formatTimestamp(cue.start)} --> ${formatTimestamp(cue.end)}`;

export function parseVtt(source: string): VttFile {
  const problems: VttProblem[] = [];
  const cues: Cue[] = [];
  const problem = (line: number, column: number, message: string) => problems.push({ line, column, message });
  const text = source.replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n|\r|\n/);
  const header = lines[0] ?? '';
  if (!/^WEBVTT(?:[ \t].*)?$/.test(header)) {
    problem(1, 1, header.startsWith('WEBVTT') ? 'after "WEBVTT" the first line may only hold a space or a tab and text' : 'a WebVTT file starts with the line "WEBVTT"');
    return { cues, problems };
  }
  let i = 1;
  // The header runs to the first blank line.
  while (i < lines.length && lines[i] !== '') {
    if (lines[i]!.includes('-->')) {
      problem(i + 1, 1, 'a cue must come after a blank line following the "WEBVTT" line');
      break;
    }
    i++;
  }
  let previousStart = -1;
  while (i < lines.length) {
    while (i < lines.length && lines[i] === '') i++;
    if (i >= lines.length) break;
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i] !== '') block.push(lines[i++]!);
    const first = block[0]!;
    if (/^NOTE(?:[ \t]|$)/.test(first)) {
      const arrow = block.findIndex((l) => l.includes('-->'));
      if (arrow >= 0) problem(blockStart + arrow + 1, block[arrow]!.indexOf('-->') + 1, 'a NOTE cannot hold "-->"');
      continue;
    }
    if (/^(?:STYLE|REGION)(?:[ \t]|$)/.test(first) && !first.includes('-->')) {
      problem(blockStart + 1, 1, `${first.split(/[ \t]/)[0]} blocks are not supported: the player styles and places captions itself`);
      continue;
    }
    let t = 0;
    let id: string | undefined;
    if (!first.includes('-->')) {
      if (block.length < 2 || !block[1]!.includes('-->')) {
        problem(blockStart + 1, 1, 'expected a cue timing line "00:00:01.000 --> 00:00:04.000"');
        continue;
      }
      id = first;
      t = 1;
    }
    const timingLine = blockStart + t + 1;
    const timing = parseTiming(block[t]!, timingLine, problem);
    const body = block.slice(t + 1);
    const textLine = timingLine + 1;
    if (body.length === 0) {
      problem(timingLine, block[t]!.length + 1, 'this cue has no text');
      continue;
    }
    const arrow = body.findIndex((l) => l.includes('-->'));
    if (arrow >= 0) {
      problem(textLine + arrow, body[arrow]!.indexOf('-->') + 1, 'cue text cannot hold "-->" (a missing blank line between two cues?)');
      continue;
    }
    if (!timing) continue;
    if (timing.start < previousStart) problem(timingLine, 1, `this cue starts at ${formatTimestamp(timing.start)}, before the cue above it (${formatTimestamp(previousStart)}): cues go in order of their start`);
    previousStart = Math.max(previousStart, timing.start);
    cues.push({ ...(id !== undefined ? { id } : {}), start: timing.start, end: timing.end, ...(timing.settings ? { settings: timing.settings } : {}), text: body.join('\n'), line: timingLine, textLine });
  }
  return { cues, problems };
}

function parseTiming(line: string, lineNo: number, problem: (line: number, column: number, message: string) => void): { start: number; end: number; settings: string } | null {
  const m = /^(\S*)([ \t]+)-->([ \t]+)(\S*)(.*)$/.exec(line);
  if (!m) {
    problem(lineNo, Math.max(1, line.indexOf('-->') + 1), 'write the timing as "00:00:01.000 --> 00:00:04.000", with a space on each side of "-->"');
    return null;
  }
  const [, startText = '', gapBefore = '', gapAfter = '', endText = '', rest = ''] = m;
  const endColumn = startText.length + gapBefore.length + 3 + gapAfter.length + 1;
  const start = parseTimestamp(startText);
  const end = parseTimestamp(endText);
  if (typeof start === 'string') problem(lineNo, 1, start);
  if (typeof end === 'string') problem(lineNo, endColumn, end);
  if (typeof start === 'string' || typeof end === 'string') return null;
  if (rest !== '' && !/^[ \t]/.test(rest)) {
    problem(lineNo, endColumn + endText.length, 'put a space between the end time and the cue settings');
    return null;
  }
  const settings = rest.trim();
  for (const setting of settings ? settings.split(/[ \t]+/) : []) {
    if (!/^(?:vertical|line|position|size|align|region):\S+$/.test(setting)) {
      problem(lineNo, line.indexOf(setting) + 1, `"${setting}" is not a cue setting (vertical, line, position, size, align)`);
      return null;
    }
  }
  if (end <= start) {
    problem(lineNo, endColumn, `the cue ends at ${endText}, not after it starts (${startText})`);
    return null;
  }
  return { start, end, settings };
}

/** A cue text as a .vtt file holds it and `parseVtt` reads it back: \n line breaks, none at the end. */
export function asCueLines(text: string): string {
  return text.replace(/\r\n|\r/g, '\n').replace(/\n+$/, '');
}

/**
 * Why `text` cannot be written as one cue's text (a translated cue, `i18n import`), or undefined:
 * an empty line would end the cue there (and what follows could be read as another cue, timing and
 * all), and "-->" is never cue text. Line breaks at its end are not a problem: `asCueLines` drops them.
 */
export function cueTextProblem(text: string): string | undefined {
  const lines = asCueLines(text);
  if (lines === '' && text !== '') return 'a caption cue needs text, not only line breaks';
  if (/^\n|\n\n/.test(lines)) return 'a caption cue cannot hold an empty line: it would end the cue there';
  if (lines.includes('-->')) return 'a caption cue cannot hold "-->"';
  return undefined;
}

/** A WebVTT file with these cues (ids, timings and settings kept). */
export function writeVtt(cues: Array<Pick<Cue, 'start' | 'end' | 'text'> & { id?: string; settings?: string }>): string {
  const blocks = cues.map((c) => [...(c.id !== undefined ? [c.id] : []), `${cueTiming(c)}${c.settings ? ` ${c.settings}` : ''}`, c.text].join('\n'));
  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f' };

/**
 * The plain text of a cue, for transcripts: WebVTT tags removed (a voice `<v Samira>` becomes
 * "Samira: "), character references decoded, lines joined by spaces. The caller escapes it.
 */
export function cueText(text: string): string {
  return text
    .replace(/<v(?:\.[^\s>]*)?[ \t]+([^>]*)>/g, (_, who: string) => `${who.trim()}: `)
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|nbsp|lrm|rlm);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
