'use strict';
// The alert's area drawn on the map: a circle (centre, then edge) and a polygon (corners, then
// closed) fill the typed fields, and the alert issued with the drawn circle carries it.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

async function clickMap(page, x, y) {
  await page.locator('#alert-map').click({ position: { x, y } });
}

test('the alert area is drawn on the map and issued with the alert', { timeout: 120000 }, async () => {
  const page = await h.newPage(browser);
  try {
    await h.login(page, 'dispecer');
    await h.visit(page, '/alerts');
    await page.waitForFunction(() => document.getElementById('alert-map').getAttribute('data-draw') === 'ready');
    await page.locator('#alert-map').scrollIntoViewIfNeeded();

    // A polygon: three corners, then closed.
    await page.locator('#draw-polygon').click();
    assert.equal(await page.locator('#draw-polygon').getAttribute('aria-pressed'), 'true');
    await clickMap(page, 120, 120);
    await clickMap(page, 220, 120);
    await clickMap(page, 170, 200);
    await page.locator('#draw-close').click();
    const polygon = await page.locator('#al-polygon').inputValue();
    assert.equal(polygon.trim().split(/\s+/).length, 3, `three corners: ${polygon}`);
    assert.match(await page.locator('#draw-state').textContent(), /Poligon desenat: 3 puncte/);
    assert.equal(await page.locator('#al-lat').inputValue(), '', 'a polygon leaves the circle empty');

    // A circle: the centre, then the edge; it replaces the polygon.
    await page.locator('#draw-circle').click();
    // Where the clicks land, read from the map before clicking.
    const want = await page.evaluate(() => {
      const map = document.getElementById('alert-map').vgMap;
      const c = map.containerPointToLatLng([150, 150]);
      const px = map.distance(c, map.containerPointToLatLng([151, 150]));
      return { lat: c.lat, lon: c.lng, km: map.distance(c, map.containerPointToLatLng([230, 150])) / 1000, px };
    });
    await clickMap(page, 150, 150);
    await clickMap(page, 230, 150);
    const lat = Number(await page.locator('#al-lat').inputValue());
    const lon = Number(await page.locator('#al-lon').inputValue());
    const radius = Number(await page.locator('#al-radius').inputValue());

    // Within two pixels of the points clicked.
    const off = await page.evaluate(([a, b, w]) => document.getElementById('alert-map').vgMap
      .distance([a, b], [w.lat, w.lon]), [lat, lon, want]);
    assert.ok(off < 2 * want.px, `the centre clicked: ${lat},${lon} is ${off} m from ${want.lat},${want.lon}`);
    assert.ok(Math.abs(radius - want.km) * 1000 < 3 * want.px, `the radius: ${radius} km, wanted ${want.km}`);
    assert.equal(await page.locator('#al-polygon').inputValue(), '', 'the circle replaces the polygon');
    assert.match(await page.locator('#draw-state').textContent(), /Cerc desenat: raza \d+,\d+ km/);
    await h.checkA11y(page, '/alerts (drawn)');

    const headline = `Drum închis ${Date.now()}`;
    await page.locator('#al-event').fill('Lucrări');
    await page.locator('#al-headline').fill(headline);
    await page.locator('#al-description').fill('Circulația este oprită');
    await page.locator('#al-area').fill('Zona desenată');
    await page.locator('#al-expires').fill('2099-01-01T08:00');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/alerts'),
      page.locator('#alert-form button[type="submit"]').click(),
    ]);
    const alerts = await page.evaluate(async () => (await fetch('/api/v1/alerts', { credentials: 'same-origin' })).json());
    const mine = (Array.isArray(alerts) ? alerts : alerts.alerts || []).find((a) => a.headline === headline);
    assert.ok(mine, 'the alert is issued');
    const circle = mine.circle || { lat: mine.circle_lat, lon: mine.circle_lon, radius_km: mine.circle_radius_km || mine.radius_km };
    assert.ok(Math.abs(circle.lat - lat) < 1e-6 && Math.abs(circle.lon - lon) < 1e-6, `the drawn centre: ${JSON.stringify(mine)}`);
    assert.ok(Math.abs(circle.radius_km - radius) < 1e-6, `the drawn radius: ${JSON.stringify(mine)}`);
    assert.deepEqual(page.jsErrors, [], 'no script errors on /alerts');
  } finally {
    await page.context().close();
  }
});
