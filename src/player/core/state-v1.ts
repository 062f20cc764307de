/**
 * Reading learner states saved by packages of state version 1 (JSON, ids as 4-character hashed
 * keys), in each of the shapes that version took:
 * - `a` as a list of attempts of the course's one assessment, without seeds (the first packages);
 * - `a` by assessment key, every attempt with its answers;
 * - `a` by assessment key, a superseded attempt with its seed and score only.
 */
import { keyOf } from './hash.js';
import type { AttemptState, LearnerState } from './state.js';

interface EncodedAttemptV1 {
  z?: string;
  s?: number;
  r?: Record<string, string>;
}

interface EncodedV1 {
  v: number;
  l?: string;
  p: string;
  c?: Record<string, string>;
  a?: Record<string, EncodedAttemptV1[]> | EncodedAttemptV1[];
}

/** `ids`: every page, assessment and question id of the current course; assessments among them are named by `assessmentIds`. */
export function decodeStateV1(text: string, ids: Iterable<string>, assessmentIds: readonly string[] = []): LearnerState | null {
  let raw: EncodedV1;
  try {
    raw = JSON.parse(text) as EncodedV1;
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object' || raw.v !== 1 || typeof raw.p !== 'string') return null;
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
  for (let i = 0; i + 4 <= raw.p.length; i += 4) {
    const id = byKey.get(raw.p.slice(i, i + 4));
    if (id && !visited.includes(id)) visited.push(id);
  }
  const location = raw.l ? byKey.get(raw.l) : undefined;
  const attemptOf = (a: EncodedAttemptV1 | undefined): AttemptState => ({
    seed: Number.parseInt(String(a?.z ?? '0'), 36) >>> 0,
    ...(typeof a?.s === 'number' ? { score: a.s } : {}),
    answers: unkey(a?.r),
  });
  const attempts: Record<string, AttemptState[]> = {};
  if (Array.isArray(raw.a)) {
    // The first packages had one assessment and no seeds: give the attempts to the course's only assessment.
    if (assessmentIds.length === 1) attempts[assessmentIds[0]!] = raw.a.map(attemptOf);
  } else if (raw.a && typeof raw.a === 'object') {
    for (const [key, list] of Object.entries(raw.a)) {
      const id = byKey.get(key);
      if (id && Array.isArray(list)) attempts[id] = list.map(attemptOf);
    }
  }
  return { ...(location ? { location } : {}), visited, checks: unkey(raw.c), attempts };
}
