'use strict';
// Placing sanction records on the map (issue 6): a record imported without coordinates is listed
// on /activity/places, a click on the map fills the coordinates, saving places the record, and
// the address leaves the list. axe on the page; no inline scripts (the CSP would block them).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

const HEADER = 'Serie;Număr;Data;Ora;Adresa;Latitudine;Longitudine;Compartiment;Agenți;Contravenient;CNP/CUI;Temei legal;Agravant;Sancțiune;Amendă (lei);Achitat (lei)';
const ADDRESS = 'Strada Plasării 5';
const ROW = `E2E;0000001;29.11.2026;22:10;${ADDRESS};;;Ordine publică;Ag. Pop;Ion Popescu;1800101221144;Legea 61/1991 art. 2 pct. 25;nu;amendă;1.000,00;`;

test('an address without coordinates is placed with a click on the map', { timeout: 120000 }, async () => {
  const page = await h.newPage(browser);
  try {
    await h.login(page, 'compartiment');
    await h.visit(page, '/activity/places');
    // Import one record without coordinates through the API, with the page's session.
    const imported = await page.evaluate(async ([csv]) => {
      const csrf = document.querySelector('input[name="csrf"]');
      const r = await fetch('/api/v1/sanctions/import?name=e2e.csv&mode=valid', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'text/csv', 'X-CSRF-Token': csrf ? csrf.value : '' },
        body: csv,
      });
      return r.json();
    }, [`${HEADER}\n${ROW}\n`]);
    assert.equal(imported.committed, true, JSON.stringify(imported));

    await h.visit(page, '/activity/places');
    await page.locator('#place-address').selectOption(ADDRESS);
    await page.waitForFunction(() => document.getElementById('place-map').vgMap);
    const mapBox = page.locator('#place-map');
    await mapBox.scrollIntoViewIfNeeded();
    const box = await mapBox.boundingBox();
    await mapBox.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await page.waitForFunction(() => document.getElementById('place-lat').value !== '');
    const lat = parseFloat(await page.locator('#place-lat').inputValue());
    const lon = parseFloat(await page.locator('#place-lon').inputValue());
    assert.ok(lat > 45.6 && lat < 45.9 && lon > 21.1 && lon < 21.4, `a point in Timișoara: ${lat}, ${lon}`);
    assert.equal(await page.locator('#place-map .leaflet-marker-icon').count(), 1, 'a marker shows the point');
    await h.checkA11y(page, '/activity/places');

    await Promise.all([
      page.waitForURL(/\/activity\/places\?placed=1/),
      page.locator('#place-form button[type="submit"]').click(),
    ]);
    assert.match(await page.locator('p.notice').textContent(), /^1 /);
    assert.equal(await page.locator(`#place-address option[value="${ADDRESS}"]`).count(), 0,
      'the address left the list');
    assert.deepEqual(page.jsErrors, [], 'no script errors on /activity/places');
  } finally {
    await page.context().close();
  }
});
