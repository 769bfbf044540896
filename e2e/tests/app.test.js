'use strict';
// The progressive enhancements of /assets/app/app.js, in the real browser:
// local times, live elapsed timers and form confirmation.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

async function pageWithApp() {
  const page = await h.newPage(browser);
  await h.visit(page, '/login');
  if (!(await page.evaluate(() => typeof window.VegheApp !== 'undefined'))) {
    await page.addScriptTag({ url: h.url('/assets/app/app.js') });
  }
  return page;
}

test('app.js: data-local-time shows dd.mm.yyyy HH:MM in Europe/Bucharest', async () => {
  const page = await pageWithApp();
  try {
    const cases = [
      ['2026-07-01T12:34:56Z', '01.07.2026 15:34'], // summer, UTC+3
      ['2026-01-15T23:30:00Z', '16.01.2026 01:30'], // winter, UTC+2, next day
      ['2026-03-29T00:59:59Z', '29.03.2026 02:59'], // just before the spring change
      ['2026-03-29T01:00:00Z', '29.03.2026 04:00'], // just after it
      ['2026-10-25T03:30:00+02:00', '25.10.2026 03:30'], // after the autumn change
      ['2026-07-01 12:34:56.123z', '01.07.2026 15:34'], // RFC 3339 variants
    ];
    const got = await page.evaluate((cs) => {
      const host = document.createElement('div');
      document.body.appendChild(host);
      return cs.map(([instant]) => {
        const span = document.createElement('span');
        span.setAttribute('data-local-time', instant);
        span.textContent = instant;
        host.appendChild(span);
        window.VegheApp.enhance(host);
        return span.textContent;
      });
    }, cases);
    assert.deepEqual(got, cases.map((c) => c[1]));
    const bad = await page.evaluate(() => {
      const span = document.createElement('span');
      span.setAttribute('data-local-time', 'not a date');
      span.textContent = 'kept';
      document.body.appendChild(span);
      window.VegheApp.enhance(span);
      return span.textContent;
    });
    assert.equal(bad, 'kept', 'an unparsable instant leaves the text as it was');
  } finally {
    await page.context().close();
  }
});

test('app.js: data-elapsed-since runs a live hh:mm:ss timer', async () => {
  const page = await pageWithApp();
  try {
    await page.evaluate(() => {
      const since = new Date(Date.now() - (3600 + 2 * 60 + 5) * 1000).toISOString();
      const live = document.createElement('span');
      live.id = 'live';
      live.setAttribute('data-elapsed-since', since);
      const frozen = document.createElement('span');
      frozen.id = 'frozen';
      frozen.setAttribute('data-elapsed-since', '2026-11-29T08:00:00Z');
      frozen.setAttribute('data-elapsed-until', '2026-11-30T09:30:15+00:00');
      document.body.append(live, frozen);
    });
    const first = page.locator('#live');
    await first.filter({ hasText: /^01:02:0\d$/ }).waitFor({ timeout: 3000 });
    const a = await first.textContent();
    await page.waitForTimeout(2100);
    const b = await first.textContent();
    assert.notEqual(a, b, `the timer ticks (${a} then ${b})`);
    assert.match(b, /^01:02:\d\d$/);
    assert.equal(await page.locator('#frozen').textContent(), '25:30:15');
  } finally {
    await page.context().close();
  }
});

test('app.js: form[data-confirm] asks before submitting', async () => {
  const page = await pageWithApp();
  try {
    await page.evaluate(() => {
      window.__submitted = 0;
      const form = document.createElement('form');
      form.id = 'confirm-me';
      form.setAttribute('data-confirm', 'Sigur ștergeți?');
      form.innerHTML = '<button type="submit">Șterge</button>';
      form.addEventListener('submit', (e) => { e.preventDefault(); window.__submitted += 1; });
      document.body.appendChild(form);
    });
    const messages = [];
    page.once('dialog', (d) => { messages.push(d.message()); d.dismiss(); });
    await page.locator('#confirm-me button').click();
    assert.equal(await page.evaluate(() => window.__submitted), 0, 'cancelled: not submitted');
    page.once('dialog', (d) => { messages.push(d.message()); d.accept(); });
    await page.locator('#confirm-me button').click();
    assert.equal(await page.evaluate(() => window.__submitted), 1, 'confirmed: submitted');
    assert.deepEqual(messages, ['Sigur ștergeți?', 'Sigur ștergeți?']);
  } finally {
    await page.context().close();
  }
});
