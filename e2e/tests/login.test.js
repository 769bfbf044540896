'use strict';
// (1) Sign-in journey: wrong password, right password, dashboard, logout.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

test('login journey: wrong password, dashboard, logout', async () => {
  const page = await h.newPage(browser);
  try {
    await h.visit(page, '/login');
    await page.getByRole('button', { name: h.TEXT.ro.signIn }).waitFor();
    assert.equal(await page.locator('#password').getAttribute('type'), 'password');
    await h.screenshot(page, 'login');
    await h.checkA11y(page, '/login');

    // Wrong password: an alert saying the credentials are wrong.
    await h.submitLogin(page, 'admin', 'not-the-password');
    const alert = page.locator('[role="alert"]').filter({ hasText: h.TEXT.ro.wrongPassword });
    await alert.first().waitFor();
    assert.notEqual(new URL(page.url()).pathname, '/', 'a wrong password must not sign in');
    await h.screenshot(page, 'login-wrong-password');
    await h.checkA11y(page, '/login (wrong password)');

    // Right password: the home dashboard.
    await h.login(page, 'admin');
    const heading = await page.locator('h1').first().textContent();
    assert.match(heading, new RegExp(h.TEXT.ro.welcome), `h1 on / is "${heading}"`);
    assert.ok((await h.navLinks(page)).length > 0, 'the main navigation has links');
    await h.screenshot(page, 'login-home');
    assert.deepEqual(page.jsErrors, [], 'no script errors on /');

    // Logout returns to /login, and the session is gone.
    const button = page.locator('form[action="/logout"] button');
    assert.match(await button.first().textContent(), new RegExp(h.TEXT.ro.signOut));
    await h.logout(page);
    await page.goto(h.url('/'));
    assert.equal(new URL(page.url()).pathname, '/login', 'after logout / sends back to /login');
  } finally {
    await page.context().close();
  }
});
