'use strict';
// (5) The language switch turns the UI to English.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

test('language switch to English', async () => {
  const page = await h.newPage(browser);
  try {
    await h.visit(page, '/login');
    await page.locator('a[hreflang="en"]').first().click();
    await page.getByRole('button', { name: h.TEXT.en.signIn }).waitFor();
    assert.match(await page.locator('html').getAttribute('lang'), /^en/, 'html lang is English');
    await h.screenshot(page, 'en-login');
    await h.checkA11y(page, '/login (English)');

    if (new URL(page.url()).pathname !== '/login') {
      await h.visit(page, '/login');
    }
    await h.login(page, 'dispecer');
    assert.equal(await page.locator(`nav[aria-label="${h.TEXT.en.nav}"]`).count(), 1,
      `nav[aria-label="${h.TEXT.en.nav}"] on the English home page`);
    assert.match(await page.locator('html').getAttribute('lang'), /^en/, 'still English after signing in');
    await h.screenshot(page, 'en-home');
    await h.checkA11y(page, '/ (English)');
  } finally {
    await page.context().close();
  }
});
