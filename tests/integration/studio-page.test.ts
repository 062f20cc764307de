/** The studio's page and app bundle: served with a strict CSP when the app is there, a clear 500 when it is not (never a placeholder). */
import { describe, expect, it } from 'vitest';
import { openStudio } from '../support/studio.js';
import { testdir, validCourse } from '../support/testdir.js';

describe('studio page', () => {
  it('serves the page (with the token) and the app bundled by esbuild, under a CSP that allows only its own scripts', async () => {
    const ui = testdir({
      'main.ts': "import './look.css';\nconst root = document.getElementById('studio');\nif (root) root.textContent = 'studio app';\n",
      'look.css': 'body { color: #123456; }\n',
    });
    const s = await openStudio({ courseDir: testdir(validCourse()), uiDir: ui });
    const page = await fetch(`${s.base}/?token=${s.studio.token}`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    const html = await page.text();
    expect(html).toContain('<script src="/studio.js" defer></script>');
    expect(html).toContain('<link rel="stylesheet" href="/studio.css">');
    expect(html).toContain('<div id="studio"></div>');
    expect(html).not.toMatch(/<script>|<script [^s]/);
    const js = await fetch(`${s.base}/studio.js`);
    expect(js.headers.get('content-type')).toMatch(/text\/javascript/);
    expect(await js.text()).toContain('studio app');
    expect(await (await fetch(`${s.base}/studio.css`)).text()).toContain('#123456');
  });

  it('answers 500 with what is missing when there is no app to serve', async () => {
    const s = await openStudio({ courseDir: testdir(validCourse()), uiDir: testdir({ 'README.md': 'nothing here' }) });
    for (const path of [`/?token=${s.studio.token}`, '/studio.js', '/studio.css']) {
      const res = await fetch(`${s.base}${path}`);
      expect(res.status).toBe(500);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('no-ui');
      expect(body.error.message).toContain('the studio app is missing: no main.tsx');
    }
  });
});
