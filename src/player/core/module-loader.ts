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
  /** Block scripts requested so far (each once, whichever module asked first). */
  private readonly scripts = new Map<string, Promise<void>>();

  constructor(
    private readonly win: Window,
    private readonly data: PlayerData,
    /** Puts a loaded module into the page (its sections, its questions), then mounts its blocks. */
    private readonly insert: (chunk: ModuleChunk) => void,
  ) {
    (win as unknown as Record<string, unknown>)[CALLBACK] = (chunk: ModuleChunk) => this.waiting.get(chunk.index)?.(chunk);
  }

  /**
   * Resolves once module `index` is in the page; at once for modules that were never split out.
   * The block scripts its pages need (`blocks`) load beside it, and it is inserted only when they
   * have run, so its blocks are mounted with their behaviour.
   */
  load(index: number): Promise<void> {
    const entry = this.data.modules[index];
    const file = entry?.file;
    if (!file) return Promise.resolve();
    let promise = this.loading.get(index);
    if (!promise) {
      const blocks = Promise.all((entry.blocks ?? []).map((src) => this.blockScript(src)));
      const chunk = new Promise<ModuleChunk>((resolve, reject) => {
        this.waiting.set(index, (arrived) => {
          this.waiting.delete(index);
          resolve(arrived);
        });
        this.append(file, () => {
          this.loading.delete(index); // a later show() tries again
          this.waiting.delete(index);
          reject(new Error(`could not load ${file}`));
        });
      });
      promise = Promise.all([chunk, blocks]).then(([arrived]) => this.insert(arrived));
      this.loading.set(index, promise);
    }
    return promise;
  }

  /** Runs a block script once; one that fails to load leaves its blocks as rendered (readable without it) and is tried again by the next module needing it. */
  private blockScript(src: string): Promise<void> {
    let promise = this.scripts.get(src);
    if (!promise) {
      promise = new Promise<void>((resolve) => {
        this.append(src, () => {
          this.scripts.delete(src);
          resolve();
        }, resolve);
      });
      this.scripts.set(src, promise);
    }
    return promise;
  }

  private append(src: string, failed: () => void, loaded?: () => void): void {
    const script = this.win.document.createElement('script');
    script.src = src;
    // Inserted scripts run in any order by default; the chunk waits for its block scripts (load()).
    if (loaded) script.onload = () => loaded();
    script.onerror = () => {
      script.remove();
      failed();
    };
    this.win.document.head.appendChild(script);
  }
}
