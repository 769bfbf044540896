'use strict';
// (2) Every demo role: sign in, open every link of the main navigation, run
// axe on each page (no serious or critical violations), check access rules.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

for (const role of h.ROLES) {
  test(`role ${role}: main navigation, accessibility, access rules`, { timeout: 300000 }, async (t) => {
    const page = await h.newPage(browser);
    try {
      await h.login(page, role);
      const links = await h.navLinks(page);
      assert.ok(links.length > 0, `${role}: the main navigation has no links`);

      for (const link of links) {
        await t.test(`${role} ${link}`, async () => {
          await h.visit(page, link, 200);
          await h.screenshot(page, `${role}-${h.pageName(link)}`);
          await h.checkA11y(page, `${link} (as ${role})`);
          assert.deepEqual(page.jsErrors, [], `script errors on ${link}`);
        });
        page.jsErrors.length = 0;
      }

      for (const [path, allowed] of Object.entries(h.ACCESS)) {
        const expected = allowed(role) ? 200 : 403;
        await t.test(`${role} ${path} -> ${expected}`, async () => {
          await h.visit(page, path, expected);
          if (expected === 403) {
            const heading = await page.locator('h1').first().textContent();
            assert.match(heading, new RegExp(h.TEXT.ro.forbidden), `h1 of the 403 page is "${heading}"`);
            await h.screenshot(page, `${role}-${h.pageName(path)}-403`);
            await h.checkA11y(page, `${path} (403 for ${role})`);
          } else if (!links.includes(path)) {
            await h.screenshot(page, `${role}-${h.pageName(path)}`);
            await h.checkA11y(page, `${path} (as ${role})`);
          }
        });
      }

      await h.visit(page, '/');
      await h.logout(page);
    } finally {
      await page.context().close();
    }
  });
}
