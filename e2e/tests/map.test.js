'use strict';
// (4) The map page: vendored Leaflet loads, the neighbourhood layer is drawn,
// the OpenStreetMap attribution is shown, and the assets are served right.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

const ASSETS = [
  ['/assets/vendor/leaflet/leaflet.js', /javascript/],
  ['/assets/vendor/leaflet/leaflet.css', /^text\/css/],
  ['/assets/vendor/leaflet/images/marker-icon.png', /^image\/png/],
  ['/assets/vendor/leaflet/images/layers.png', /^image\/png/],
  ['/assets/vendor/htmx.min.js', /javascript/],
  ['/assets/app/map.js', /javascript/],
  ['/assets/app/app.js', /javascript/],
  ['/geo/boundary.geojson', /json/],
  ['/geo/neighbourhoods.geojson', /json/],
  ['/geo/schools.geojson', /json/],
];

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

test('map page draws the neighbourhoods with Leaflet', async () => {
  const page = await h.newPage(browser);
  try {
    await h.login(page, 'admin');
    await h.visit(page, '/map');
    const map = page.locator('div.vg-map').first();
    await map.waitFor();

    assert.match(await page.evaluate(() => (window.L && window.L.version) || 'none'), /^1\.9\./,
      'Leaflet 1.9 is loaded');
    await page.waitForFunction(
      () => document.querySelectorAll('div.vg-map .leaflet-interactive').length >= 31,
      null, { timeout: 20000 });

    const label = await map.getAttribute('aria-label');
    assert.ok(label && label.trim().length > 0, 'the map has an aria-label');
    assert.equal(await map.getAttribute('tabindex'), '0', 'the map is keyboard-focusable');

    const attribution = await page.locator('div.vg-map .leaflet-control-attribution').first().textContent();
    assert.match(attribution, /OpenStreetMap/, `attribution reads "${attribution}"`);
    assert.equal(await page.locator('div.vg-map .leaflet-control-layers').count() >= 1, true,
      'a layer control is shown');

    await h.screenshot(page, 'map');
    await h.checkA11y(page, '/map');
    assert.deepEqual(page.jsErrors, [], 'no script errors on /map');
  } finally {
    await page.context().close();
  }
});

test('static assets and GeoJSON are served with the right types', async () => {
  const page = await h.newPage(browser);
  try {
    await h.login(page, 'admin');
    for (const [path, type] of ASSETS) {
      const response = await page.request.get(h.url(path));
      assert.equal(response.status(), 200, `GET ${path}`);
      const ct = response.headers()['content-type'] || '';
      assert.match(ct, type, `Content-Type of ${path} is "${ct}"`);
    }
  } finally {
    await page.context().close();
  }
});
