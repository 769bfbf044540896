'use strict';
// A crew's route replayed in the browser: fixes sent through the tracker protocol, the crews
// list, the period form, the route on the map, and the time slider moved by keyboard and by the
// buttons moving the marker and changing the time, speed and age shown. Refused to an analyst.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

// PL-103 (tracker trk-103 in the demo): no other test moves it.
const CALL_SIGN = 'PL-103';
const TRACKER = 'trk-103';

// "YYYY-MM-DDTHH:MM" in Timișoara's time, as a datetime-local input takes it.
function localInput(ms) {
  const parts = {};
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Bucharest', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms)).forEach((p) => { parts[p.type] = p.value; });
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

async function state(page) {
  return page.evaluate(() => {
    const marker = document.querySelector('path.vg-route-marker');
    return {
      clock: document.getElementById('route-clock').textContent,
      valuetext: document.getElementById('route-time').getAttribute('aria-valuetext'),
      fixTime: document.getElementById('route-fix-time').textContent,
      speed: document.getElementById('route-speed').textContent,
      age: document.getElementById('route-age').textContent,
      marker: document.getElementById('route-map').getAttribute('data-marker'),
      fix: document.getElementById('route-map').getAttribute('data-fix'),
      path: marker ? marker.getAttribute('d') : null,
    };
  });
}

test('a crew route is replayed on the map with the time slider', { timeout: 180000 }, async () => {
  // Six fixes, five minutes apart, driving north-east, ending five minutes ago.
  const now = Date.now();
  const fixes = [0, 1, 2, 3, 4, 5].map((i) => ({
    at: Math.floor((now - (30 - 5 * i) * 60000) / 1000),
    lat: 45.7500 + 0.002 * i,
    lon: 21.2200 + 0.001 * i,
    knots: 10 + 2 * i,
  }));
  for (const f of fixes) {
    const r = await fetch(h.url(`/osmand?id=${TRACKER}&lat=${f.lat}&lon=${f.lon}&timestamp=${f.at}&speed=${f.knots}`));
    assert.equal(r.status, 200, `fix at ${f.at}: HTTP ${r.status}`);
  }

  const page = await h.newPage(browser);
  try {
    await h.login(page, 'dispecer');
    await h.visit(page, '/units');
    await h.checkA11y(page, '/units');
    await Promise.all([
      page.waitForURL((u) => /^\/units\/\d+\/route$/.test(u.pathname)),
      page.locator('#units a', { hasText: `${CALL_SIGN}` }).click(),
    ]);
    await h.settle(page);

    // The period: the last hour, typed in the form.
    await page.locator('#route-from').fill(localInput(now - 3600000));
    await page.locator('#route-to').fill(localInput(now + 600000));
    await Promise.all([
      page.waitForURL((u) => u.search.includes('from=')),
      page.locator('form.route-period button[type="submit"]').click(),
    ]);
    await h.settle(page);
    await page.waitForFunction(() => document.getElementById('route-map').getAttribute('data-route-state') === 'ready');
    assert.equal((await page.locator('#route-fixes').textContent()).trim(), '6');
    assert.match(await page.locator('#route-distance').textContent(), /^\d+,\d km$/);
    await h.checkA11y(page, '/units/{id}/route');

    // At the start: the first fix.
    const slider = page.locator('#route-time');
    const first = await state(page);
    assert.equal(first.fix, '0');
    assert.equal(first.marker, `${fixes[0].lat.toFixed(6)},${fixes[0].lon.toFixed(6)}`);
    assert.match(first.clock, /^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d$/);
    assert.equal(first.valuetext, first.clock, 'the slider tells its time to assistive technology');
    assert.match(first.speed, /km\/h$/);
    assert.ok(first.path, 'the marker is drawn on the map');

    // The keyboard: End goes to the last fix; the marker, time, speed and path move with it.
    await slider.focus();
    await slider.press('End');
    const last = await state(page);
    assert.equal(last.fix, '5');
    assert.equal(last.marker, `${fixes[5].lat.toFixed(6)},${fixes[5].lon.toFixed(6)}`);
    assert.notEqual(last.clock, first.clock);
    assert.notEqual(last.path, first.path, 'the marker moved on the map');
    assert.notEqual(last.speed, first.speed);

    // Home, then the arrow keys step through time: the clock moves, the fix's age grows, and
    // once past the next fix the marker follows.
    await slider.press('Home');
    await slider.press('ArrowRight');
    const stepped = await state(page);
    assert.notEqual(stepped.clock, first.clock, 'an arrow key moves the time');
    assert.equal(stepped.fix, '0');
    assert.notEqual(stepped.age, first.age, 'the age of the fix grows');
    for (let i = 0; i < 200 && (await state(page)).fix === '0'; i += 1) {
      await slider.press('ArrowRight');
    }
    assert.equal((await state(page)).fix, '1', 'the marker reaches the second fix');

    // Fix by fix with the buttons.
    await page.locator('#route-next').click();
    const third = await state(page);
    assert.equal(third.fix, '2');
    assert.equal(third.age, '0 s');
    assert.equal(third.fixTime, third.clock);
    await page.locator('#route-prev').click();
    assert.equal((await state(page)).fix, '1');

    // Playing moves the time on by itself; pausing stops it.
    await page.locator('#route-rate').selectOption('600');
    const before = (await state(page)).clock;
    await page.locator('#route-play').click();
    assert.equal(await page.locator('#route-play').getAttribute('aria-pressed'), 'true');
    await page.waitForFunction((t) => document.getElementById('route-clock').textContent !== t, before);
    await page.locator('#route-play').click();
    assert.equal(await page.locator('#route-play').getAttribute('aria-pressed'), 'false');
    await h.checkA11y(page, '/units/{id}/route (replayed)');
    assert.deepEqual(page.jsErrors, [], 'no script errors');

    // A period that cannot be read is named on the page.
    const route = new URL(page.url()).pathname;
    await h.visit(page, `${route}?from=ieri`, 400);
    assert.match(await page.locator('#period-error').textContent(), /De la: „ieri”/);
    assert.equal(await page.locator('#route-from').getAttribute('aria-invalid'), 'true');
    await h.checkA11y(page, 'route page with a bad period');

    // Not for an analyst.
    const analyst = await h.newPage(browser);
    try {
      await h.login(analyst, 'analist');
      await h.visit(analyst, route, 403);
      await h.visit(analyst, '/units', 403);
    } finally {
      await analyst.context().close();
    }
  } finally {
    await page.context().close();
  }
});
