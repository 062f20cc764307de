/**
 * What templates/blocks.eta needs to render a video or audio block in one language (issue 15):
 * the file and its media type, the caption tracks (the package language first, marked default;
 * every other course language after it, so learners switch with the player's own captions menu),
 * and the transcript — the author's Markdown, or the package language's cues as plain text
 * (WebVTT tags removed; the template escapes it like any text: cue text is never HTML).
 * Also the origins of external videos, which the package's CSP must allow (`withMediaOrigins`).
 */
import { posix } from 'node:path';
import type { Course, MediaBlock } from '../course/model.js';
import { cueText, formatTimestamp } from '../course/webvtt.js';
import { tr } from './player-question.js';

const TYPES: Record<string, { video: string; audio: string }> = {
  mp4: { video: 'video/mp4', audio: 'audio/mp4' },
  m4a: { video: 'audio/mp4', audio: 'audio/mp4' },
  webm: { video: 'video/webm', audio: 'audio/webm' },
  ogg: { video: 'audio/ogg', audio: 'audio/ogg' },
  opus: { video: 'audio/ogg', audio: 'audio/ogg; codecs=opus' },
  mp3: { video: 'audio/mpeg', audio: 'audio/mpeg' },
};

export interface MediaView {
  type: 'video' | 'audio';
  id: string;
  title: string;
  src: string;
  mime: string;
  poster: string;
  completion: string;
  tracks: Array<{ src: string; lang: string; label: string; isDefault: boolean }>;
  /** The author's transcript as HTML (Markdown rendered), or '' to use `cues`. */
  transcriptHtml: string;
  cues: Array<{ time: string; text: string }>;
}

/** A language's own name for itself, capitalised: English, Français, Polski. */
export function languageName(lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
    return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
  } catch {
    return lang;
  }
}

export function mediaView(b: MediaBlock, lang: string, text: (map: import('../course/model.js').LangMap | undefined) => string, markdown: (source: string) => string): MediaView {
  const src = b.src ? tr(b.src, lang) : b.url!;
  const ext = posix.extname(new URL(src, 'https://x.invalid/').pathname).slice(1).toLowerCase();
  // A language without captions (only with --allow-missing) shows the source language's by default.
  const own = b.captions.find((c) => c.lang === lang) ?? b.captions[0];
  const ordered = own ? [own, ...b.captions.filter((c) => c !== own)] : b.captions;
  const short = (ms: number) => formatTimestamp(ms).replace(/^00:/, '').replace(/\.\d{3}$/, '');
  return {
    type: b.type,
    id: b.id,
    title: text(b.title),
    src,
    mime: TYPES[ext]?.[b.type] ?? '',
    poster: b.poster ?? '',
    completion: b.completion ?? '',
    // Audio elements show no captions: their words are in the transcript.
    tracks: b.type === 'video' ? ordered.map((c, i) => ({ src: c.src, lang: c.lang, label: languageName(c.lang), isDefault: i === 0 && c === own })) : [],
    transcriptHtml: b.transcript ? markdown(text(b.transcript)) : '',
    cues: b.transcript ? [] : (own?.cues ?? []).map((c) => ({ time: short(c.start), text: text({ [lang]: cueText(c.text) }) })).filter((c) => c.text !== ''),
  };
}

/** The https origins of the course's external videos, sorted. */
export function mediaOrigins(course: Course): string[] {
  const origins = new Set<string>();
  for (const m of course.modules) for (const p of m.pages) for (const b of p.blocks) if (b.type === 'video' && b.url) origins.add(new URL(b.url).origin);
  return [...origins].sort();
}

/** The CSP with the external videos' origins added to `media-src` (only for packages whose course has some). */
export function withMediaOrigins(csp: string, origins: string[]): string {
  if (!origins.length) return csp;
  return csp.replace(/(^|;\s*)media-src ([^;]*)/, (_, lead: string, sources: string) => `${lead}media-src ${sources} ${origins.join(' ')}`);
}
