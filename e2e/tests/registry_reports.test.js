'use strict';
// (10) The registry's reports and retention on the demo data: the head of service chooses a
// half-year and a year, reads both reports and downloads them as PDF, DOCX and XLSX; the clerk
// records a request's domain; the administrator sees what the purge would anonymise. Axe on
// each page.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

async function fetchStatus(page, href) {
  return page.evaluate(async (u) => {
    const r = await fetch(u);
    const b = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('content-type'), head: Array.from(b.slice(0, 4)) };
  }, href);
}

test('reports: choose a period, read, download', { timeout: 300000 }, async (t) => {
  const page = await h.newPage(browser);
  try {
    await h.login(page, 'sef');
    await h.visit(page, '/registry/reports');
    await h.checkA11y(page, '/registry/reports');
    await page.locator('form[action="/registry/reports/petitions"] button').click();
    await page.waitForURL((u) => u.pathname === '/registry/reports/petitions', { waitUntil: 'load' });
    await h.settle(page);
    assert.match(await page.locator('h1').first().textContent(), /Analiza semestrială/);
    assert.ok(await page.locator('table').count() >= 5, 'the analysis has its tables');
    await h.screenshot(page, 'registry-report-petitions');
    await h.checkA11y(page, '/registry/reports/petitions');
    for (const [format, type, head] of [['pdf', 'application/pdf', [37, 80, 68, 70]], ['docx', 'wordprocessingml', [80, 75, 3, 4]], ['xlsx', 'spreadsheetml', [80, 75, 3, 4]]]) {
      await t.test(`petitions as ${format}`, async () => {
        const href = await page.locator(`a[href*="format=${format}"]`).getAttribute('href');
        const r = await fetchStatus(page, href);
        assert.equal(r.status, 200);
        assert.ok(r.type.includes(type), r.type);
        assert.deepEqual(r.head, head, `${format} starts with its signature`);
      });
    }
    await h.visit(page, '/registry/reports/law544');
    assert.match(await page.locator('h1').first().textContent(), /Raport privind accesul la informațiile de interes public/);
    for (const heading of ['1. Solicitări pe domenii de interes', '8. Reclamații administrative', '9. Plângeri în instanță', '12. Persoana responsabilă']) {
      assert.ok(await page.locator('h2', { hasText: heading }).count() >= 1, heading);
    }
    await h.screenshot(page, 'registry-report-law544');
    await h.checkA11y(page, '/registry/reports/law544');
    const r = await fetchStatus(page, await page.locator('a[href*="format=pdf"]').getAttribute('href'));
    assert.equal(r.status, 200);
  } finally {
    await page.context().close();
  }
});

test('reports: the clerk records a domain of interest', { timeout: 120000 }, async () => {
  const page = await h.newPage(browser);
  try {
    await h.login(page, 'registratura');
    await h.visit(page, '/registry/reports/law544/facts');
    await h.checkA11y(page, '/registry/reports/law544/facts');
    const form = page.locator('form[action^="/registry/reports/law544/facts/"]').first();
    const id = (await form.getAttribute('action')).split('/').pop();
    await form.locator('select[name="domain"]').selectOption('law544');
    await form.locator('button').click();
    await page.waitForURL((u) => u.pathname === '/registry/reports/law544/facts', { waitUntil: 'load' });
    assert.equal(await page.locator(`#d-${id}`).inputValue(), 'law544');
  } finally {
    await page.context().close();
  }
});

test('retention: the administrator sees the terms and what would be anonymised', { timeout: 120000 }, async () => {
  const page = await h.newPage(browser);
  try {
    await h.login(page, 'admin');
    await h.visit(page, '/registry/retention');
    assert.match(await page.locator('h1').first().textContent(), /Păstrarea datelor personale/);
    assert.ok(await page.locator('textarea', { hasText: 'Legea 16/1996' }).count() >= 1, 'the basis of the default term');
    await h.screenshot(page, 'registry-retention');
    await h.checkA11y(page, '/registry/retention');
    await h.logout(page);
    await h.login(page, 'registratura');
    await h.visit(page, '/registry/retention', 403);
  } finally {
    await page.context().close();
  }
});
