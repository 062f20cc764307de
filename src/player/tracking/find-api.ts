/** Finds an LMS API object by walking parent frames, then the opener (LMS-RULES.md rule 15). */
export function findApi<T>(win: Window, name: string, maxDepth = 7): T | null {
  const search = (start: Window | null): T | null => {
    let current: Window | null = start;
    for (let depth = 0; current && depth <= maxDepth; depth++) {
      try {
        const api = (current as unknown as Record<string, unknown>)[name];
        if (api) return api as T;
      } catch {
        // A cross-origin frame: keep walking.
      }
      if (current.parent === current) break;
      current = current.parent;
    }
    return null;
  };
  const fromParents = search(win);
  if (fromParents) return fromParents;
  try {
    return win.opener ? search(win.opener as Window) : null;
  } catch {
    return null;
  }
}
