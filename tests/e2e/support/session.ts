/** One browser per test file, one server per test: started and stopped by the test. */
import { afterAll, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { buildPackage, COUNSELLOR } from '../../support/build.js';
import { launchBrowser, type Browser } from './browser.js';
import { startServer, type TestServer } from './server.js';

export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser ?? (() => { throw new Error('the browser did not start'); })();
}

/** Builds the course for a target and language, and serves it under /pkg/. */
export async function serveCourse(target: 'scorm12' | 'web', lang: string, course = COUNSELLOR): Promise<TestServer> {
  const pkg = await buildPackage(course, target, lang);
  return startServer({ pkg: pkg.zip });
}

/** A fresh page that fails the test on uncaught errors in any frame. */
export async function newPage(browser: Browser, errors: string[]): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return page;
}
