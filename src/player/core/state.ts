/**
 * The learner state: one versioned, compact encoding shared by every tracking adapter and by the
 * build (which computes its worst-case size for each course and checks it against each target).
 * Ids are stored as short hashed keys, so the state stays small and survives content added or
 * removed in a new version of the course (unknown keys are ignored on restore).
 */

export const STATE_VERSION = 1;
export const KEY_LENGTH = 4;

/** A stable 4-character key for an id (FNV-1a, base 36). The build rejects colliding ids. */
export function keyOf(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % 36 ** KEY_LENGTH).toString(36).padStart(KEY_LENGTH, '0');
}

/** One attempt at an assessment. */
export interface AttemptState {
  /** Seed of the attempt's draw and shuffle, so a resume shows the same questions in the same order. */
  seed: number;
  /** Score of the attempt in percent (0..100), once submitted. */
  score?: number;
  /** Answers by question id, in the player's response encoding (questions.ts); not kept in the saved state once a later attempt exists. */
  answers: Record<string, string>;
}

export interface LearnerState {
  /** Bookmark: the id of the page the learner was on. */
  location?: string;
  /** Ids of pages viewed. */
  visited: string[];
  /** Knowledge check answers by question id. */
  checks: Record<string, string>;
  /** Attempts by assessment id, oldest first; the last one may be in progress (no score yet). */
  attempts: Record<string, AttemptState[]>;
}

export const emptyState = (): LearnerState => ({ visited: [], checks: {}, attempts: {} });

interface EncodedAttempt {
  z: string;
  s?: number;
  /** Absent for a submitted attempt that a later one superseded. */
  r?: Record<string, string>;
}

interface Encoded {
  v: number;
  l?: string;
  p: string;
  c?: Record<string, string>;
  a?: Record<string, EncodedAttempt[]>;
}

const keyed = (answers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(answers).map(([id, value]) => [keyOf(id), value]));

/** Encodes the state as compact JSON (printable ASCII except text typed by learners). */
export function encodeState(state: LearnerState): string {
  const encoded: Encoded = { v: STATE_VERSION, p: state.visited.map(keyOf).join('') };
  if (state.location) encoded.l = keyOf(state.location);
  if (Object.keys(state.checks).length) encoded.c = keyed(state.checks);
  const assessments = Object.entries(state.attempts).filter(([, list]) => list.length > 0);
  if (assessments.length) {
    encoded.a = Object.fromEntries(
      assessments.map(([id, list]) => [
        keyOf(id),
        list.map((a, i) => {
          // A submitted attempt followed by another keeps its seed and score only: the review shows
          // the last attempt, the LMS already has every answer, and SCORM 1.2's 4096 characters are few.
          const superseded = a.score !== undefined && i < list.length - 1;
          return { z: (a.seed >>> 0).toString(36), ...(a.score === undefined ? {} : { s: a.score }), ...(superseded ? {} : { r: keyed(a.answers) }) };
        }),
      ]),
    );
  }
  return JSON.stringify(encoded);
}

/**
 * Decodes a saved state against the ids of the current course. Returns null for empty, unreadable
 * or future-version data (the learner starts fresh rather than the course failing to open).
 */
export function decodeState(text: string | null | undefined, ids: Iterable<string>): LearnerState | null {
  if (!text) return null;
  let raw: Encoded;
  try {
    raw = JSON.parse(text) as Encoded;
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object' || raw.v !== STATE_VERSION || typeof raw.p !== 'string') return null;
  const byKey = new Map<string, string>();
  for (const id of ids) byKey.set(keyOf(id), id);
  const unkey = (answers: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    if (answers && typeof answers === 'object') {
      for (const [key, value] of Object.entries(answers as Record<string, unknown>)) {
        const id = byKey.get(key);
        if (id && typeof value === 'string') out[id] = value;
      }
    }
    return out;
  };
  const visited: string[] = [];
  for (let i = 0; i + KEY_LENGTH <= raw.p.length; i += KEY_LENGTH) {
    const id = byKey.get(raw.p.slice(i, i + KEY_LENGTH));
    if (id) visited.push(id);
  }
  const location = raw.l ? byKey.get(raw.l) : undefined;
  const attempts: Record<string, AttemptState[]> = {};
  if (raw.a && typeof raw.a === 'object' && !Array.isArray(raw.a)) {
    for (const [key, list] of Object.entries(raw.a)) {
      const id = byKey.get(key);
      if (!id || !Array.isArray(list)) continue;
      attempts[id] = list.map((a) => ({
        seed: Number.parseInt(String(a?.z ?? '0'), 36) >>> 0,
        ...(typeof a?.s === 'number' ? { score: a.s } : {}),
        answers: unkey(a?.r),
      }));
    }
  }
  return { ...(location ? { location } : {}), visited, checks: unkey(raw.c), attempts };
}
