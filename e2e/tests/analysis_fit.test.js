'use strict';
// The analysis and activity pages fit the screen: at 1366×768 and 390×844 nothing overflows
// sideways (wide tables scroll in their own frame, filter forms wrap) and the analysis forms'
// button is on screen. The near-repeat analysis runs as a job: its progress shows while the page
// stays usable, then the result, with the time it was computed; a new filter shows the previous
// result until its own is ready.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');
const { layoutFaults } = require('../lib/seen');

const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
];

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

test('analysis and activity pages fit desktop and phone, their button on screen', { timeout: 600000 }, async () => {
  const page = await h.newPage(browser);
  try {
    await h.login(page, 'analist');
    const paths = ['/analysis/hotspots?type=burglary_like', '/analysis/trends?type=illegal_parking',
      '/analysis/situation', '/analysis/near-repeat?type=burglary_like', '/analysis/proposals',
      '/activity', '/activity/quality', '/activity/places', '/activity/offences', '/activity/import'];
    const faults = [];
    for (const v of VIEWPORTS) {
      await page.setViewportSize({ width: v.width, height: v.height });
      for (const p of paths) {
        await h.visit(page, p);
        // A long analysis runs as a job: the page loads again with the result when it is done.
        await page.waitForFunction(() => document.querySelector('[data-job]') === null, null, { timeout: 240000 });
        await page.waitForLoadState('load');
        for (const f of await page.evaluate(layoutFaults)) faults.push(`${v.name} ${p}: ${f}`);
        const run = page.locator('form[data-analysis-form] button[type="submit"]');
        if (await run.count() > 0) {
          const box = await run.first().boundingBox();
          assert.ok(box, `${p}: the button is drawn`);
          assert.ok(box.x >= 0 && box.x + box.width <= v.width,
            `${v.name} ${p}: "${await run.first().innerText()}" is on screen (${Math.round(box.x)}–${Math.round(box.x + box.width)} of ${v.width})`);
        }
        await h.screenshot(page, `fit-${v.name}-${h.pageName(p)}`);
      }
    }
    assert.deepEqual(faults, []);
  } finally {
    await page.context().close();
  }
});

test('near repeat runs as a job: progress, then the result and when it was computed', { timeout: 600000 }, async () => {
  const page = await h.newPage(browser);
  try {
    await h.login(page, 'analist');
    await page.setViewportSize({ width: 1366, height: 768 });
    // A filter no one has computed yet: the page answers within seconds, with the job's progress
    // when the analysis takes longer than a moment.
    const started = Date.now();
    await h.visit(page, '/analysis/near-repeat?type=illegal_parking&iterations=5&distance_band=120');
    assert.ok(Date.now() - started < 10000, 'the page answers before the analysis ends');
    const job = page.locator('[data-job]');
    if (await job.count() > 0) {
      assert.ok(await job.locator('progress').isVisible(), 'its progress bar is visible');
      assert.ok(await page.locator('form[data-analysis-form] button[type="submit"]').isEnabled(),
        'the form stays usable');
      await h.screenshot(page, 'near-repeat-progress');
    }
    // When done, the page loads again and shows this filter's result and when it was computed.
    await page.waitForFunction(() => document.querySelector('[data-job]') === null &&
      document.querySelector('[data-testid="previous"]') === null &&
      document.querySelector('[data-testid="headline"]') !== null, null, { timeout: 240000 });
    await page.waitForLoadState('load');
    assert.match(await page.locator('[data-testid="computed"]').innerText(), /Calculat la \d/);
    await h.screenshot(page, 'near-repeat-done');

    // Another filter: the previous result stays on the page, marked, while the new one computes.
    await page.locator('#f-tb').fill('9');
    await Promise.all([page.waitForNavigation(), page.locator('form[data-analysis-form] button[type="submit"]').click()]);
    if (await page.locator('[data-job]').count() > 0) {
      assert.ok(await page.locator('[data-testid="previous"]').isVisible(), 'the previous result is marked');
      assert.ok(await page.locator('[data-testid="headline"]').isVisible(), 'the previous result is shown');
      await h.screenshot(page, 'near-repeat-running');
      await page.waitForFunction(() => document.querySelector('[data-job]') === null &&
        document.querySelector('[data-testid="previous"]') === null, null, { timeout: 240000 });
    }
    assert.match(await page.locator('[data-testid="stated"]').innerText(), /./);
    assert.deepEqual(page.jsErrors || [], [], 'no script errors');
  } finally {
    await page.context().close();
  }
});
