/** One browser per test file, one server per test: started and stopped by the test. */
import { afterAll, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { buildPackage, COUNSELLOR } from '../../support/build.js';
import { launchBrowser, type Browser } from './browser.js';
import { startServer, type TestServer } from './server.js';

/**
 * Launches Chromium once for the file. A launch failure (no Chromium) is thrown inside each test,
 * so every test fails with the install hint rather than being reported as skipped.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      browser = await launchBrowser();
    } catch (error) {
      failure = error;
    }
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw failure ?? new Error('the browser did not start');
    return browser;
  };
}

/**
 * Builds the course for a target and language, and serves it under /pkg/. The bundled course by
 * default; COURSEPACK_E2E_COURSE=dir plays another course folder through the same journeys.
 */
export async function serveCourse(target: 'scorm12' | 'web', lang: string, course = process.env.COURSEPACK_E2E_COURSE || COUNSELLOR): Promise<TestServer> {
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

export interface CourseSession {
  page: Page;
  server: TestServer;
  /** Uncaught errors of the page and its frames (newPage); tests expect none. */
  errors: string[];
}

/** Serves the course for a target and language to a fresh page, runs `play`, then closes both. */
export async function withCourse(browser: Browser, target: 'scorm12' | 'web', lang: string, play: (session: CourseSession) => Promise<void>): Promise<void> {
  const errors: string[] = [];
  const page = await newPage(browser, errors);
  const server = await serveCourse(target, lang);
  try {
    await play({ page, server, errors });
  } finally {
    await page.close();
    await server.close();
  }
}
