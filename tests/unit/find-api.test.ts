/** The LMS API is found in a parent frame, several levels up, or through the opener of a popup (rule 15). */
import { describe, expect, it } from 'vitest';
import { findApi } from '../../src/player/tracking/find-api.js';

type Win = { parent: Win; opener?: Win | null; API?: object };
const frame = (parent?: Win, api?: object): Win => {
  const w = { API: api } as Win;
  w.parent = parent ?? w;
  return w;
};

describe('findApi', () => {
  const api = { LMSInitialize: () => 'true' };

  it('finds the API on the window itself and up to 7 parents', () => {
    let w = frame(undefined, api);
    for (let i = 0; i < 7; i++) w = frame(w);
    expect(findApi(w as unknown as Window, 'API')).toBe(api);
  });

  it('does not search further than 7 parents', () => {
    let w = frame(undefined, api);
    for (let i = 0; i < 9; i++) w = frame(w);
    expect(findApi(w as unknown as Window, 'API')).toBeNull();
  });

  it('finds the API through the opener when the course runs in a popup', () => {
    const lmsPage = frame(frame(undefined, api));
    const popup = frame();
    popup.opener = lmsPage;
    expect(findApi(popup as unknown as Window, 'API')).toBe(api);
  });

  it('survives a cross-origin parent that throws on access', () => {
    const top = frame(undefined, api);
    const hostile = new Proxy(frame(top), { get: (target, key) => (key === 'API' ? (() => { throw new Error('cross-origin'); })() : Reflect.get(target, key)) });
    const inner = frame(hostile as Win);
    expect(findApi(inner as unknown as Window, 'API')).toBe(api);
  });

  it('looks for API_1484_11 by name for SCORM 2004 and never mistakes it for API (rule 39)', () => {
    const w = frame(undefined, api) as Win & { API_1484_11?: object };
    expect(findApi(w as unknown as Window, 'API_1484_11')).toBeNull();
  });
});
