'use strict';
// (4) The map page: vendored Leaflet loads, the neighbourhood layer is drawn,
// the OpenStreetMap attribution is shown, and the assets are served right.
// The board's map: a legend for every layer, the crews drawn, and a marker's
// popup saying what it is with a link to its page.
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
  ['/geo/crews.geojson', /json/],
  ['/assets/app/alerts.js', /javascript/],
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

// Opens, by a click, the popup of a marker matching `selector` on the map `#id` (the map zoomed
// in on it, so that no other marker covers it) and answers the popup's text and links.
async function popupLinks(page, id, selector) {
  await page.evaluate(([mapId, sel]) => {
    const map = document.getElementById(mapId).vgMap;
    map.closePopup();
    document.querySelectorAll('[data-e2e-target]').forEach((e) => e.removeAttribute('data-e2e-target'));
    let found = null;
    map.eachLayer((layer) => {
      const e = !found && layer.getElement && layer.getElement();
      if (e && e.matches(sel) && layer.getPopup && layer.getPopup()) found = layer;
    });
    map.setView(found.getLatLng(), 18, { animate: false });
    found.getElement().setAttribute('data-e2e-target', '1');
  }, [id, selector]);
  // A closed popup fades out for a moment before it leaves the page.
  await page.waitForFunction((mapId) => !document.querySelector(`#${mapId} .leaflet-popup`), id);
  await page.locator(`#${id} [data-e2e-target]`).click();
  const popup = page.locator(`#${id} .leaflet-popup-content`).last();
  await popup.waitFor();
  return { text: await popup.textContent(), hrefs: await popup.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))) };
}

test('the board map has a legend, the crews, and markers that lead to their pages', { timeout: 120000 }, async () => {
  const page = await h.newPage(browser);
  try {
    await h.login(page, 'dispecer');
    // Two crews report where they are (the demo without its simulation has no positions).
    const now = Math.floor(Date.now() / 1000);
    for (const [tracker, lat, lon] of [['trk-105', 45.7571, 21.2290], ['trk-106', 45.7490, 21.2160]]) {
      const r = await page.request.get(h.url(`/osmand?id=${tracker}&lat=${lat}&lon=${lon}&timestamp=${now}`));
      assert.equal(r.status(), 200, `a fix from ${tracker}`);
    }
    await h.visit(page, '/board');
    await page.waitForFunction(() => document.querySelectorAll('#board-map div.vg-crew').length > 0, null, { timeout: 20000 });

    // The legend names every layer shown: the boundary, neighbourhoods, incidents by priority, crews by status.
    const legend = page.locator('#board-map .vg-legend');
    assert.equal(await legend.count(), 1, 'one legend');
    assert.equal(await legend.evaluate((d) => d.open), true, 'open on a wide map');
    const text = await legend.textContent();
    for (const words of ['Legendă', 'Limita municipiului', 'Cartiere', 'Incidente', 'P1 — urgent', 'Echipaje',
      'disponibil', 'în deplasare', 'la fața locului', 'poziție veche']) {
      assert.ok(text.includes(words), `the legend names "${words}": ${text}`);
    }
    // Hiding a layer takes it out of the legend.
    await page.evaluate(() => {
      const el = document.getElementById('board-map');
      el.vgMap.eachLayer((l) => { if (l.getLayers && l.getLayers().some((m) => m.feature && m.feature.properties.call_sign)) el.vgMap.removeLayer(l); });
      el.vgMap.fire('overlayremove');
    });
    assert.ok(!(await legend.textContent()).includes('poziție veche'), 'the crews leave the legend with their layer');
    await h.visit(page, '/board');
    await page.waitForFunction(() => document.querySelectorAll('#board-map div.vg-crew').length > 0, null, { timeout: 20000 });

    // A crew: its call sign, status in words, and its route.
    const crew = await popupLinks(page, 'board-map', 'div.vg-crew');
    assert.match(crew.text, /Echipaj PL-\d+/, crew.text);
    assert.match(crew.text, /Stare/, crew.text);
    assert.ok(crew.hrefs.some((href) => /^\/units\/\d+\/route$/.test(href)), `a link to the crew's route: ${crew.hrefs}`);

    // An incident: its number, priority and state in words, and its page, reached by the link.
    const incident = await popupLinks(page, 'board-map', 'path.vg-incident');
    assert.match(incident.text, /Prioritate/, incident.text);
    assert.doesNotMatch(incident.text, /on_scene|en_route|dispatched|received/, 'no status codes');
    const href = incident.hrefs.find((x) => /^\/incidents\/\d+$/.test(x));
    assert.ok(href, `a link to the incident: ${incident.hrefs}`);
    await Promise.all([
      page.waitForURL((u) => u.pathname === href),
      page.locator('#board-map .leaflet-popup-content a.vg-popup-link').click(),
    ]);
    assert.deepEqual(page.jsErrors, [], 'no script errors on /board');
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
