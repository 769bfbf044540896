'use strict';
// A citizen on a desktop and on a phone files a petition through the public form: every field is
// on the screen, the form is sent with clicks and typing as a person does, and the page that
// answers gives the registration number and the tracking code, which then show the status.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');
const { layoutFaults } = require('../lib/seen');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

for (const screen of [{ name: 'desktop', width: 1366, height: 768 }, { name: 'phone', width: 390, height: 844 }]) {
  test(`a citizen files a petition on a ${screen.name}`, { timeout: 120000 }, async () => {
    const page = await h.newPage(browser);
    try {
      await page.setViewportSize({ width: screen.width, height: screen.height });
      await h.visit(page, '/citizen/petition');
      assert.deepEqual(await page.evaluate(layoutFaults), [], 'the form fits the screen');
      await h.screenshot(page, `citizen-form-${screen.name}`);

      // Every field and the button are inside the screen's width, where a person can reach them.
      for (const sel of ['#c-name', '#c-subject', '#c-text', '#c-consent', '#citizen-petition button[type=submit]']) {
        const box = await page.locator(sel).boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= screen.width,
          `${sel} is at ${box && Math.round(box.x)}–${box && Math.round(box.x + box.width)} px on a ${screen.width} px screen`);
      }

      await page.locator('#c-name').click();
      await page.keyboard.type('Maria Ionescu');
      await page.locator('#c-email').fill('maria.ionescu@example.ro');
      await page.locator('#c-address').fill('Str. Mărășești 5, Timișoara');
      await page.locator('#c-subject').fill('Mașini parcate pe trotuar');
      await page.locator('#c-text').fill('Pe strada Mărășești se parchează zilnic pe trotuar, lângă școală.');
      await page.locator('#c-consent').check();
      await page.locator('#citizen-petition button[type=submit]').click();
      await page.waitForURL((u) => u.pathname !== '/citizen/petition' || u.search !== '', { waitUntil: 'load' })
        .catch(() => {});
      await page.locator('#number').waitFor();

      const number = (await page.locator('#number').textContent()).trim();
      const code = (await page.locator('#code').textContent()).trim();
      assert.match(number, /^\d+\/\d{2}\.\d{2}\.\d{4}$/, `registration number "${number}"`);
      assert.ok(code.length >= 8, `tracking code "${code}"`);
      assert.deepEqual(await page.evaluate(layoutFaults), [], 'the answer fits the screen');
      await h.screenshot(page, `citizen-done-${screen.name}`);
      await h.checkA11y(page, '/citizen/petition (registered)');
    } finally {
      await page.context().close();
    }
  });
}
