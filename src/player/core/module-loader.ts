/**
 * Loads the module scripts of a split course (src/render/site.ts): one classic script per module,
 * which calls `coursepackModule(chunk)`. A script element works from file:// and under the
 * package CSP (`script-src 'self'`), where fetch and XHR do not.
 */
import type { ModuleChunk, PlayerData } from './types.js';

const CALLBACK = 'coursepackModule';

export class ModuleLoader {
  private readonly loading = new Map<number, Promise<void>>();
  private readonly waiting = new Map<number, (chunk: ModuleChunk) => void>();

  constructor(
    private readonly win: Window,
    private readonly data: PlayerData,
    /** Puts a loaded module into the page (its sections, its questions). */
    private readonly insert: (chunk: ModuleChunk) => void,
  ) {
    (win as unknown as Record<string, unknown>)[CALLBACK] = (chunk: ModuleChunk) => this.waiting.get(chunk.index)?.(chunk);
  }

  /** Resolves once module `index` is in the page; at once for modules that were never split out. */
  load(index: number): Promise<void> {
    const file = this.data.modules[index]?.file;
    if (!file) return Promise.resolve();
    let promise = this.loading.get(index);
    if (!promise) {
      promise = new Promise<void>((resolve, reject) => {
        const doc = this.win.document;
        const script = doc.createElement('script');
        this.waiting.set(index, (chunk) => {
          this.waiting.delete(index);
          this.insert(chunk);
          resolve();
        });
        script.src = file;
        script.onerror = () => {
          this.loading.delete(index); // a later show() tries again
          this.waiting.delete(index);
          script.remove();
          reject(new Error(`could not load ${file}`));
        };
        doc.head.appendChild(script);
      });
      this.loading.set(index, promise);
    }
    return promise;
  }
}
