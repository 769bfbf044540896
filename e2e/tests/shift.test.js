'use strict';
// A shift on the duty desk, in the real browser: a call taken with the street type-ahead and a
// click on the map, a second call offered to join it, the crew sent from the incident page, the
// crew's phone with the incident's map reporting status and position, the incident escalated as
// a special event (the head of service notified, acknowledging, the desk seeing it, the written
// report), the duty log, and the shift handed over by one dispatcher and taken by the next.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

// Calls the JSON API from inside the signed-in page (session cookie + CSRF header).
async function api(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const csrf = document.querySelector('input[name="csrf"]');
    const r = await fetch(p, {
      method: m,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf ? csrf.value : '' },
      body: b ? JSON.stringify(b) : undefined,
    });
    let json = null;
    try { json = await r.json(); } catch (e) { /* empty body */ }
    return { status: r.status, json };
  }, [method, path, body]);
}

test('a shift on the duty desk, from the call to the handover', { timeout: 300000 }, async () => {
  const desk = await h.newPage(browser);
  const phoneContext = await browser.newContext({
    locale: 'ro-RO', timezoneId: 'Europe/Bucharest', viewport: { width: 390, height: 844 },
    geolocation: { latitude: 45.7541, longitude: 21.2262, accuracy: 10 }, permissions: ['geolocation'],
    bypassCSP: true,
  });
  const phone = await phoneContext.newPage();
  try {
    await h.login(desk, 'dispecer');
    await h.visit(desk, '/board');
    await h.checkA11y(desk, '/board (call intake)');

    // The street type-ahead: without diacritics, suggestions come with them.
    await desk.locator('#in-address').fill('republicii');
    await desk.waitForFunction(() => document.querySelectorAll('#addr-list option').length > 0);
    const first = await desk.locator('#addr-list option').first().getAttribute('value');
    assert.match(first, /Bulevardul Republicii/);
    await desk.locator('#in-address').fill('Bulevardul Republicii nr. 7');

    // A click on the map sets the coordinates.
    await desk.waitForFunction(() => document.getElementById('board-map').vgMap);
    const mapBox = desk.locator('#board-map');
    await mapBox.scrollIntoViewIfNeeded();
    const box = await mapBox.boundingBox();
    // Away from the incidents drawn in the centre (a click on one opens its popup instead).
    const at = { x: Math.min(80, box.width / 4), y: Math.min(80, box.height / 4) };
    await mapBox.click({ position: at });
    await desk.waitForFunction(() => document.getElementById('in-lat').value !== '');
    const lat = await desk.locator('#in-lat').inputValue();
    const lon = await desk.locator('#in-lon').inputValue();
    const want = await desk.evaluate(([x, y]) => {
      const ll = document.getElementById('board-map').vgMap.containerPointToLatLng([x, y]);
      return [ll.lat, ll.lng];
    }, [at.x, at.y]);
    assert.ok(Math.abs(Number(lat) - want[0]) < 2e-3, `latitude from the map: ${lat}, the point clicked: ${want[0]}`);
    assert.ok(Math.abs(Number(lon) - want[1]) < 2e-3, `longitude from the map: ${lon}, the point clicked: ${want[1]}`);

    await desk.locator('#in-type').selectOption('noise');
    await desk.locator('#in-caller').fill('Ion Pop');
    await desk.locator('#in-desc').fill('Muzică tare la etajul 3');
    await Promise.all([
      desk.waitForURL((u) => u.pathname === '/board'),
      desk.locator('#intake button[type="submit"]').click(),
    ]);
    const open = await api(desk, 'GET', '/api/v1/incidents');
    const mine = open.json.find((i) => i.address === 'Bulevardul Republicii nr. 7');
    assert.ok(mine, 'the call is an open incident');

    // A second call from the same place: the form offers to join the first.
    await desk.locator('#in-type').selectOption('noise');
    await desk.locator('#in-address').fill('Bulevardul Republicii nr. 7');
    await desk.locator('#in-lat').fill(lat);
    await desk.locator('#in-lon').fill(lon);
    await desk.locator('#in-lon').dispatchEvent('change');
    const offer = desk.locator(`#join-box input[name="join"][value="${mine.id}"]`);
    await offer.waitFor();
    assert.equal(await offer.isChecked(), true, 'joining is the default for the same type nearby');
    await desk.locator('#in-desc').fill('Vecinul confirmă');
    await Promise.all([
      desk.waitForURL((u) => u.pathname === `/incidents/${mine.id}`),
      desk.locator('#intake button[type="submit"]').click(),
    ]);
    assert.match(await desk.locator('#timeline').textContent(), /Apel suplimentar/);
    await h.checkA11y(desk, '/incidents/{id}');

    // The crew of the demo phone (PL-101) is freed if the demo had it busy, then sent.
    const units = (await api(desk, 'GET', '/api/v1/units')).json;
    const pl101 = units.find((u) => u.call_sign === 'PL-101');
    if (pl101.incident_id) {
      const r = await api(desk, 'POST', `/api/v1/incidents/${pl101.incident_id}/unassign`, { unit_id: pl101.id });
      assert.equal(r.status, 200, JSON.stringify(r.json));
    }
    await desk.reload();
    const assign = await api(desk, 'POST', `/api/v1/incidents/${mine.id}/assign`, { unit_id: pl101.id });
    assert.equal(assign.status, 200, JSON.stringify(assign.json));
    await desk.locator('#note-text').fill('Echipajul PL-101 trimis');
    await Promise.all([
      desk.waitForURL((u) => u.pathname === `/incidents/${mine.id}`),
      desk.locator('form[action$="/notes"] button').click(),
    ]);

    // The crew's phone: the incident, status buttons, position from geolocation.
    await h.login(phone, 'echipaj');
    await h.visit(phone, '/crew');
    assert.match(await phone.locator('.crew-address').textContent(), /Bulevardul Republicii nr\. 7/);
    // The incident's map on the phone, centred on it and marked.
    assert.equal(await phone.locator('#crew-map').getAttribute('data-map-state'), 'ready');
    assert.equal(await phone.locator('#crew-map path.vg-focus').count(), 1, 'the incident is marked on the map');
    const centre = await phone.evaluate(() => document.getElementById('crew-map').vgMap.getCenter());
    assert.ok(Math.abs(centre.lat - Number(lat)) < 1e-4 && Math.abs(centre.lng - Number(lon)) < 1e-4,
      `the map is centred on the incident: ${JSON.stringify(centre)}`);
    await h.checkA11y(phone, '/crew');
    await Promise.all([
      phone.waitForURL((u) => u.pathname === '/crew'),
      phone.locator('form:has(input[value="en_route"]) button').click(),
    ]);
    await phone.locator('#gps-toggle').click();
    await phone.locator('#gps-state').filter({ hasText: /Poziție trimisă/ }).waitFor({ timeout: 15000 });
    const after = (await api(desk, 'GET', '/api/v1/units')).json.find((u) => u.id === pl101.id);
    assert.equal(after.status, 'en_route', 'the board sees what the crew reported');
    assert.equal(after.last_lat, 45.7541, 'the phone position reached the desk');
    await Promise.all([
      phone.waitForURL((u) => u.pathname === '/crew'),
      phone.locator('form:has(input[value="on_scene"]) button').click(),
    ]);

    // On scene it turns serious: the dispatcher declares a special event from the incident page.
    await h.visit(desk, `/incidents/${mine.id}`);
    await desk.locator('#se-reason').fill('Conflict între mai multe persoane, risc de violență');
    await Promise.all([
      desk.waitForURL((u) => /^\/special-events\/\d+$/.test(u.pathname)),
      desk.locator('#declare-special button').click(),
    ]);
    const eventPath = new URL(desk.url()).pathname;
    const headRow = () => desk.locator('#se-live tr', { hasText: 'Mihaela Ionescu' });
    assert.match(await headRow().textContent(), /neconfirmat/);
    // No SMTP relay in the browser tests: the outbox holds the head of service's e-mail.
    assert.match(await desk.locator('#se-live').textContent(), /sef@politialocalatm\.example/);
    await h.checkA11y(desk, '/special-events/{id}');

    // The head of service, signed in elsewhere, sees the notification and acknowledges it.
    const head = await h.newPage(browser);
    try {
      await h.login(head, 'sef');
      await head.locator('a.notices .badge').waitFor();
      await Promise.all([
        head.waitForURL((u) => u.pathname === '/notifications'),
        head.locator('a.notices').click(),
      ]);
      const card = head.locator('section.card', { hasText: mine.reference });
      assert.match(await card.textContent(), /Eveniment deosebit/);
      await h.checkA11y(head, '/notifications');
      await Promise.all([
        head.waitForURL((u) => u.pathname === eventPath),
        card.locator('a', { hasText: 'Deschide' }).click(),
      ]);
      await Promise.all([
        head.waitForURL((u) => u.pathname === '/notifications'),
        head.locator('form[action$="/acknowledge"] button').click(),
      ]);
      assert.match(await head.locator('section.card', { hasText: mine.reference }).textContent(), /Confirmat la/);
      assert.deepEqual(head.jsErrors, [], 'no script errors for the head of service');
    } finally {
      await head.context().close();
    }
    // The desk's page shows the acknowledgement by itself (live event, or its 15 s refresh).
    await desk.waitForFunction(() => {
      const row = [...document.querySelectorAll('#se-live tr')].find((r) => r.textContent.includes('Mihaela Ionescu'));
      return row && !row.textContent.includes('neconfirmat');
    }, null, { timeout: 30000 });
    // The written report opens from the event.
    await Promise.all([
      desk.waitForURL((u) => u.pathname === `${eventPath}/report`),
      desk.locator(`a[href="${eventPath}/report"]`).click(),
    ]);
    assert.match(await desk.locator('h1').textContent(), new RegExp(mine.reference.replace('/', '\\/')));
    assert.match(await desk.locator('article.report').textContent(), /Conflict între mai multe persoane/);
    await h.checkA11y(desk, '/special-events/{id}/report');

    await phone.locator('#c-outcome').selectOption('warning');
    await Promise.all([
      phone.waitForURL((u) => u.pathname === '/crew'),
      phone.locator('form:has(#c-outcome) button').click(),
    ]);
    const closed = (await api(desk, 'GET', `/api/v1/incidents/${mine.id}`)).json;
    assert.equal(closed.status, 'closed');
    assert.equal(closed.outcome, 'warning');

    // The duty log holds the call; the shift is handed over and taken by another dispatcher.
    await h.visit(desk, '/duty');
    assert.match(await desk.locator('#duty-log').textContent(), new RegExp(closed.reference.replace('/', '\\/')));
    await h.checkA11y(desk, '/duty');
    await desk.locator('#s-notes').fill('De urmărit: zgomot repetat pe Republicii');
    await Promise.all([
      desk.waitForURL((u) => u.pathname === '/duty'),
      desk.locator('form[action="/duty/shift"] button').click(),
    ]);
    // The next shift's dispatcher takes the handover.
    const incoming = await h.newPage(browser);
    try {
      await h.login(incoming, 'dispecer2');
      await h.visit(incoming, '/duty');
      const pending = incoming.locator('.notice', { hasText: 'De urmărit: zgomot repetat pe Republicii' });
      await pending.waitFor();
      await Promise.all([
        incoming.waitForURL((u) => u.pathname === '/duty'),
        pending.locator('button').click(),
      ]);
      assert.match(await incoming.locator('#duty-log').textContent(), /primită de dispecer2/);
    } finally {
      await incoming.context().close();
    }
    assert.deepEqual(desk.jsErrors, [], 'no script errors on the desk');
    assert.deepEqual(phone.jsErrors || [], [], 'no script errors on the phone');
  } finally {
    await desk.context().close();
    await phoneContext.close();
  }
});
