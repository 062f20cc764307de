/**
 * Issue 13, point 3: opening any file of a package on its own runs no author script. Every file of
 * every package built from tests/fixtures/courses/hostile-assets is opened directly by URL, as the
 * "open image" link does on an LMS. The fixture's SVG sets `window.__pwned` and asks the server for
 * /pwned/… from scripts, event handlers, a javascript: link, CSS and references to other files; the
 * server records every path it does not have. The original SVG, served beside it, shows the probe
 * works: there the script runs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildInMemory, ROOT } from '../support/build.js';
import { startServer, type TestServer } from './support/server.js';
import { newPage, useBrowser } from './support/session.js';

const HOSTILE = resolve(ROOT, 'tests/fixtures/courses/hostile-assets');
const browser = useBrowser();

/** Opens a URL on its own and lets its scripts, animations and loads run; what the page set. */
async function openAlone(page: Page, url: string): Promise<unknown> {
  await page.goto(url, { waitUntil: 'load' });
  // The SVG's animation and handlers fire within a few frames; give them many.
  await page.waitForTimeout(300);
  // A javascript: link runs only when followed: follow the drawing's links.
  if (url.endsWith('.svg')) {
    for (const link of await page.locator('a').all()) await link.click({ timeout: 1000, force: true }).catch(() => undefined);
    await page.waitForTimeout(100);
  }
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

describe('every file of the hostile-assets packages, opened on its own', () => {
  it('runs no author script and requests nothing the package does not hold', async () => {
    const result = await buildInMemory(HOSTILE);
    expect(result.ok).toBe(true);
    const mounts = Object.fromEntries(result.packages.map((p) => [p.target, p.zip]));
    const original = readFileSync(resolve(HOSTILE, 'assets/scripted.svg'));
    let server: TestServer | undefined;
    const errors: string[] = [];
    const page = await newPage(browser(), errors);
    try {
      server = await startServer({ ...mounts, original: zipSync({ 'scripted.svg': original }) });
      // The probe works: the author's file as written runs its script when opened.
      expect(await openAlone(page, `${server.origin}/original/scripted.svg`)).toBeDefined();
      expect(server.missing.filter((p) => p.startsWith('/pwned/')).length).toBeGreaterThan(0);
      server.missing.length = 0;

      const opened: string[] = [];
      for (const pkg of result.packages) {
        for (const file of pkg.files) {
          const url = `${server.origin}/${pkg.target}/${file.path}`;
          expect(await openAlone(page, url), url).toBeUndefined();
          opened.push(`${pkg.target}/${file.path}`);
        }
      }
      expect(opened).toContain('scorm12/assets/scripted.svg');
      expect(opened).toContain('web/index.html');
      expect(server.missing.filter((p) => p !== '/favicon.ico')).toEqual([]);
    } finally {
      await page.close();
      await server?.close();
    }
  });
});
