/** The lines two texts share at their start and end, and what lies between in each: how much an edit changed. */
export interface LineDiff {
  /** Lines equal at the start. */
  prefix: number;
  removed: string[];
  added: string[];
}

export function lineDiff(before: string, after: string): LineDiff {
  const a = before.split('\n');
  const b = after.split('\n');
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, removed: a.slice(prefix, a.length - suffix), added: b.slice(prefix, b.length - suffix) };
}
