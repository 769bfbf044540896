'use strict';
// The analysis pages in a browser: the hot-spot map draws the Gi* cells over
// the neighbourhoods and switches to the Local Moran clusters, whose legend
// is on the page; the trend chart is inline SVG and exports as PNG; every
// analysis page passes axe-core without script errors.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

test('hot-spot map draws its cells and the analysis pages are accessible', async () => {
  const page = await h.newPage(browser);
  try {
    await h.login(page, 'admin');
    await h.visit(page, '/analysis/hotspots?type=burglary_like');
    const map = page.locator('div.vg-map').first();
    await map.waitFor({ timeout: 240000 });
    await h.settle(page);
    await page.waitForFunction(
      () => document.querySelector('div.vg-map[data-analysis-state="ready"]') !== null,
      null, { timeout: 30000 });
    const drawn = await page.evaluate(() => document.querySelectorAll('div.vg-map .leaflet-interactive').length);
    assert.ok(drawn > 31, `cells drawn over the 31 neighbourhoods (${drawn} shapes)`);
    assert.ok(await page.locator('div.vg-map .leaflet-control-layers').count() >= 1, 'layers can be switched');
    // The Local Moran clusters: a layer of the control, with the legend table (HH, LL, HL, LH, ns).
    const legend = page.locator('table.an-moran-legend tbody tr');
    assert.equal(await legend.count(), 5, 'five Moran classes in the legend');
    const hh = Number((await legend.first().locator('td').last().textContent()).trim());
    assert.ok(hh > 0, `High-High cells in the burglary data (${hh})`);
    const moranBox = page.locator('.leaflet-control-layers-overlays label', { hasText: 'Moran' }).locator('input');
    assert.equal(await moranBox.isChecked(), false, 'the Moran layer starts hidden');
    const before = drawn;
    await moranBox.check();
    const withMoran = await page.evaluate(() => document.querySelectorAll('div.vg-map .leaflet-interactive').length);
    assert.ok(withMoran > before, `the Moran clusters are drawn (${before} -> ${withMoran} shapes)`);
    await h.screenshot(page, 'analysis-hotspots');
    await h.checkA11y(page, '/analysis/hotspots');

    for (const path of ['/analysis', '/analysis/trends?type=illegal_parking', '/analysis/near-repeat?type=burglary_like',
      '/analysis/situation', '/analysis/proposals']) {
      await h.visit(page, path);
      // A long analysis runs as a job: the page loads again with the result when it is done.
      await page.waitForFunction(() => document.querySelector('[data-job]') === null, null, { timeout: 240000 });
      await page.waitForLoadState('load');
      if (path.startsWith('/analysis/trends')) {
        assert.ok(await page.locator('figure.chart svg[role="img"]').count() >= 2, 'trend and profile charts');
        const png = await page.evaluate(async () => {
          const a = document.querySelector('a[href^="/analysis/trends.png"]');
          const r = await fetch(a.getAttribute('href'), { credentials: 'same-origin' });
          const b = new Uint8Array(await r.arrayBuffer());
          return { type: r.headers.get('content-type'), magic: Array.from(b.slice(1, 4)) };
        });
        assert.equal(png.type, 'image/png');
        assert.deepEqual(png.magic, [80, 78, 71], 'the PNG export is a PNG');
      }
      await h.checkA11y(page, path.split('?')[0]);
    }
    assert.deepEqual(page.jsErrors, [], 'no script errors on the analysis pages');
  } finally {
    await page.context().close();
  }
});
