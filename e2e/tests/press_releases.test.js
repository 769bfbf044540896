'use strict';
// Press releases: the press officer drafts and submits, the head of service approves, and the
// public newsroom /presa shows it with its feeds linked in the page's head.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

test('a release is drafted, approved and published in the newsroom', { timeout: 120000 }, async () => {
  const officer = await h.newPage(browser);
  const head = await h.newPage(browser);
  const visitor = await h.newPage(browser);
  try {
    const title = `Controale pe șantiere ${Date.now()}`;
    await h.login(officer, 'presa');
    await h.visit(officer, '/press/releases');
    await h.checkA11y(officer, '/press/releases');
    await officer.locator('#rf-title').fill(title);
    await officer.locator('#rf-summary').fill('Amenzi pentru murdărirea carosabilului.');
    await officer.locator('#rf-body').fill('Polițiștii locali au verificat 12 șantiere.\n\nAu fost aplicate 5 amenzi.');
    await Promise.all([
      officer.waitForURL((u) => /^\/press\/releases\/\d+$/.test(u.pathname)),
      officer.locator('#new-release button[type="submit"]').click(),
    ]);
    const path = new URL(officer.url()).pathname;
    const id = path.split('/').pop();
    await h.checkA11y(officer, '/press/releases/{id} (draft)');
    await Promise.all([
      officer.waitForURL((u) => u.pathname === path),
      officer.locator('#submit-form button').click(),
    ]);
    assert.match(await officer.locator('#status').textContent(), /Trimis spre aprobare/);

    await h.login(head, 'sef');
    await h.visit(head, path);
    await Promise.all([
      head.waitForURL((u) => u.pathname === path),
      head.locator('#approve-form button').click(),
    ]);
    assert.match(await head.locator('#status').textContent(), /Aprobat/);
    assert.match(await head.locator('#number').textContent(), /^Comunicat \d\d\.\d\d\.\d{4}-\d+$/);
    assert.equal(await head.locator('#public-link').getAttribute('href'), `/presa/comunicate/${id}`);

    await h.visit(visitor, '/presa');
    await h.checkA11y(visitor, '/presa');
    assert.equal(await visitor.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute('href'), '/presa/comunicate.rss');
    assert.equal(await visitor.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href'), '/presa/comunicate.atom');
    await visitor.locator('#n-q').fill('santiere');
    await Promise.all([
      visitor.waitForURL((u) => u.pathname === '/presa' && u.search.includes('q=santiere')),
      visitor.locator('#newsroom-search button').click(),
    ]);
    await visitor.locator(`a[href="/presa/comunicate/${id}"]`).click();
    await visitor.waitForURL((u) => u.pathname === `/presa/comunicate/${id}`);
    assert.equal(await visitor.locator('h1').textContent(), title);
    assert.equal(await visitor.locator('.main-nav').count(), 0, 'no staff menu on the public page');
    await h.checkA11y(visitor, '/presa/comunicate/{id}');
    const rss = await visitor.evaluate(async () => (await fetch('/presa/comunicate.rss')).text());
    assert.ok(rss.includes(title), 'the release is in the RSS feed');
    for (const p of [officer, head, visitor]) assert.deepEqual(p.jsErrors, []);
  } finally {
    for (const p of [officer, head, visitor]) await p.context().close();
  }
});
