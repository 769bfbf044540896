'use strict';
// The pages keep to the strict Content-Security-Policy: checked in a browser
// context that enforces it (no bypassCSP), on the main pages and the map.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

test('no Content-Security-Policy violations', async () => {
  const page = await h.newPage(browser, { bypassCSP: false });
  try {
    const violations = await h.watchCsp(page);
    const response = await h.visit(page, '/login');
    const csp = response.headers()['content-security-policy'] || '';
    assert.ok(csp.length > 0, 'the login page sends a Content-Security-Policy header');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `CSP is "${csp}"`);

    await h.login(page, 'admin');
    const paths = new Set(['/', '/map', ...await h.navLinks(page)]);
    for (const path of paths) {
      await h.visit(page, path);
      if (path === '/map') {
        await page.waitForFunction(
          () => document.querySelectorAll('div.vg-map .leaflet-interactive').length >= 31,
          null, { timeout: 20000 });
      }
      // Leave time for late-loading resources to be checked.
      await page.waitForLoadState('networkidle');
    }
    assert.equal(violations.length, 0, 'CSP violations:\n' + [...new Set(violations)].join('\n'));
    assert.deepEqual(page.jsErrors, [], 'no script errors');
  } finally {
    await page.context().close();
  }
});
