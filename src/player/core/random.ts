/** Seeded shuffles: an attempt's draw and order are a pure function of its seed (stable on resume). */
import { keyOf } from './hash.js';

/** mulberry32: small, fast, good enough to shuffle questions. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  const next = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A seed for one question of an attempt, so each question's choices shuffle independently. */
export function questionSeed(seed: number, questionId: string): number {
  return (seed ^ Number.parseInt(keyOf(questionId), 36) * 2654435761) >>> 0;
}

/** The questions of an attempt: `draw` of the pool, shuffled or in pool order. */
export function drawQuestions(pool: readonly string[], draw: number, shuffle: boolean, seed: number): string[] {
  const picked = shuffled(pool, seed).slice(0, draw);
  if (shuffle) return picked;
  const chosen = new Set(picked);
  return pool.filter((id) => chosen.has(id));
}

export function newSeed(): number {
  return Math.floor(Math.random() * 4294967296) >>> 0;
}
