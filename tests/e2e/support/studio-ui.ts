/**
 * Driving `coursepack studio` in Chromium: the real server (startStudio on port 0, 127.0.0.1) on a
 * temporary course folder, a page on its address, keyboard helpers, axe. Each session is closed
 * by the test (page, then server).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startStudio, type Studio } from '../../../src/studio/server/index.js';
import type { Browser } from './browser.js';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface StudioSession {
  page: Page;
  studio: Studio;
  dir: string;
  /** Uncaught errors in the page, and requests that left 127.0.0.1: tests expect none. */
  errors: string[];
  read(path: string): string;
  close(): Promise<void>;
}

/** A temporary copy of `source` (or an empty folder), the studio on it, and a page open on its address. */
export async function openStudioPage(browser: Browser, source?: string): Promise<StudioSession> {
  const dir = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
  if (source) cpSync(source, dir, { recursive: true });
  const studio = await startStudio({ courseDir: dir, port: 0, cwd: dir });
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${String(error)}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (/^https?:$/.test(url.protocol) && url.hostname !== '127.0.0.1') errors.push(`request outside 127.0.0.1: ${request.url()}`);
  });
  await page.goto(studio.url);
  return {
    page,
    studio,
    dir,
    errors,
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    close: async () => {
      await page.close();
      await studio.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** No axe violation (WCAG 2.1 A and AA) in the page as it is. */
export async function expectAxeClean(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), state).toEqual([]);
}

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement || el.contains(document.activeElement) && el.matches('[role="treeitem"]')).catch(() => false);

/** Presses Tab (or Shift+Tab) until `locator` has the focus: proves it is reachable by keyboard. */
export async function tabTo(page: Page, locator: Locator, options: { back?: boolean; max?: number } = {}): Promise<void> {
  const max = options.max ?? 250;
  for (let i = 0; i < max; i++) {
    if (await isFocused(locator)) return;
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`not reached with ${options.back ? 'Shift+Tab' : 'Tab'} in ${max} presses: ${locator.toString()}`);
}

/** Waits until `check()` returns true (polling; the server writes and re-checks asynchronously). */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

/** The live region's text once it says something matching `pattern`. */
export async function announced(page: Page, pattern: RegExp): Promise<string> {
  const status = page.getByRole('status');
  await expect.poll(async () => (await status.textContent()) ?? '', { timeout: 20_000 }).toMatch(pattern);
  return (await status.textContent()) ?? '';
}
