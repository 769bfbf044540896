'use strict';
// The board, the duty page and the crews' pages in English: nothing left in Romanian, no codes,
// the map's legend in English; and they fit 1920×1080 (the board on one screen), 1366×768 and
// 390×844.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');
const { layoutFaults, languageFaults } = require('../lib/seen');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

const SIZES = [[1920, 1080], [1366, 768], [390, 844]];

test('the board and the desk pages in English', { timeout: 180000 }, async () => {
  const page = await h.newPage(browser);
  try {
    await h.login(page, 'dispecer');
    await page.goto(h.url('/lang?to=en&next=/board'));
    await h.settle(page);
    assert.match(await page.locator('h1').textContent(), /Dispatch — the live board/);
    await page.waitForFunction(() => document.querySelector('#board-map .vg-legend'));
    assert.match(await page.locator('#board-map .vg-legend').textContent(), /Legend.*Incidents.*P1 — urgent.*Crews.*available/s);
    for (const path of ['/board', '/duty', '/units', '/alerts']) {
      await h.visit(page, path);
      const faults = await page.evaluate(languageFaults, 'en');
      assert.deepEqual(faults, [], `${path} in English`);
      for (const [width, height] of SIZES) {
        await page.setViewportSize({ width, height });
        const layout = await page.evaluate(layoutFaults);
        assert.deepEqual(layout, [], `${path} at ${width}×${height}`);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    // The board on one 1920×1080 screen.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await h.visit(page, '/board');
    const [grid, page_, footer] = await page.evaluate(() => [
      document.querySelector('.board-grid').getBoundingClientRect().bottom,
      document.documentElement.scrollHeight,
      document.querySelector('.site-footer').getBoundingClientRect().height,
    ]);
    assert.ok(grid <= 1080, `the board fits one screen: it ends at ${grid} px`);
    assert.ok(page_ <= 1080 + footer + 1, `only the footer is below the screen: the page is ${page_} px`);
    assert.deepEqual(page.jsErrors, [], 'no script errors');
  } finally {
    await page.context().close();
  }
});
