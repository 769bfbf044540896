'use strict';
// The dispatcher's journey, on screen: a call taken on the board by typing its address gets its
// number, the incident page shows it placed and how precisely, the dispatcher sends the demo
// phone's crew (redirecting or freeing it when the demo has it busy), and the crew's phone takes
// it en route, on scene and to closing; the incident page then shows it closed. Every page seen
// is checked for layout and language faults at the size its person uses.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');
const { layoutFaults, languageFaults } = require('../lib/seen');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

// The crew the demo rosters the `echipaj` account in (src/demo, cli/demo.rs).
const CREW = 'PL-101';
const ADDRESS = 'Strada Mihai Eminescu 5';

async function seen(page, name) {
  await h.settle(page);
  const layout = await page.evaluate(layoutFaults);
  assert.deepEqual(layout, [], `layout faults on ${name}`);
  const lang = await page.evaluate(() => document.documentElement.lang);
  const words = await page.evaluate(languageFaults, lang);
  assert.deepEqual(words, [], `language faults on ${name}`);
  assert.deepEqual(page.jsErrors, [], `script errors on ${name}`);
  await h.screenshot(page, `journey-${name}`);
}

async function sized(width, height) {
  const page = await h.newPage(browser);
  await page.setViewportSize({ width, height });
  return page;
}

test('a typed call gets a crew and the crew\'s phone takes it to closing', { timeout: 240000 }, async () => {
  const desk = await sized(1366, 768);
  const phone = await sized(390, 844);
  try {
    // The board: the call by its typed address, P1.
    await h.login(desk, 'dispecer');
    await h.visit(desk, '/board');
    await desk.locator('#in-type').selectOption('brawl');
    await desk.locator('#in-priority').selectOption('1');
    await desk.locator('#in-address').fill(ADDRESS);
    await desk.locator('#in-desc').fill('Scandal în scara blocului');
    await Promise.all([
      desk.waitForURL((u) => u.pathname === '/board' && u.searchParams.has('created')),
      desk.locator('#intake button[type="submit"]').click(),
    ]);
    const id = new URL(desk.url()).searchParams.get('created');
    const saved = desk.locator(`a[href="/incidents/${id}"]`).first();
    await saved.waitFor();
    assert.match(await saved.textContent(), /^\d+\/\d{4}$/, 'the board shows the saved number');
    await seen(desk, 'board-saved');

    // The incident page: placed at the house number.
    await Promise.all([
      desk.waitForURL((u) => u.pathname === `/incidents/${id}`),
      saved.click(),
    ]);
    assert.equal((await desk.locator('#incident-located-by').textContent()).trim(), 'la număr');
    assert.match(await desk.locator('#incident-address').textContent(), /Mihai Eminescu 5/);
    await seen(desk, 'incident');

    // The crew of the demo phone: assigned, redirected, or first freed from a more urgent call.
    const row = desk.locator(`#crews tr[data-unit="${CREW}"]`);
    await row.waitFor();
    const assign = row.locator('button', { hasText: `${CREW}` });
    const redirect = row.locator('a.button', { hasText: `${CREW}` });
    if (await assign.count() > 0) {
      await Promise.all([desk.waitForURL((u) => u.pathname === `/incidents/${id}`), assign.click()]);
    } else if (await redirect.count() > 0) {
      await Promise.all([desk.waitForURL((u) => u.searchParams.has('redirect')), redirect.click()]);
      await seen(desk, 'incident-confirm-redirect');
      await Promise.all([
        desk.waitForURL((u) => u.pathname === `/incidents/${id}` && !u.searchParams.has('redirect')),
        desk.locator('#confirm-redirect button[type="submit"]').click(),
      ]);
    } else {
      // Busy with an incident as urgent as this one: the dispatcher frees it there first.
      await Promise.all([
        desk.waitForURL((u) => /^\/incidents\/\d+$/.test(u.pathname) && u.pathname !== `/incidents/${id}`),
        row.locator('a[href^="/incidents/"]').click(),
      ]);
      await Promise.all([
        desk.waitForURL((u) => /^\/incidents\/\d+$/.test(u.pathname)),
        desk.locator('#assigned button', { hasText: CREW }).click(),
      ]);
      await h.visit(desk, `/incidents/${id}`);
      await Promise.all([
        desk.waitForURL((u) => u.pathname === `/incidents/${id}`),
        desk.locator(`#crews tr[data-unit="${CREW}"] button`).click(),
      ]);
    }
    await desk.locator('#assigned', { hasText: CREW }).waitFor();
    assert.equal((await desk.locator('#incident-status').textContent()).trim(), 'Echipaj alocat');
    await seen(desk, 'incident-assigned');

    // The crew's phone: it lands on its view, en route, on scene, closed with an outcome.
    await h.login(phone, 'echipaj');
    assert.equal(new URL(phone.url()).pathname, '/crew');
    assert.match(await phone.locator('.crew-address').textContent(), /Mihai Eminescu 5/);
    const header = await phone.locator('header.site-header').boundingBox();
    assert.ok(header.height < 84.4, `the header takes ${header.height} px of 844`);
    await h.settle(phone);
    const zoom = await phone.evaluate(() => document.getElementById('crew-map').vgMap.getZoom());
    assert.equal(zoom, 17, 'the map shows the street');
    await seen(phone, 'crew-dispatched');
    await Promise.all([
      phone.waitForURL((u) => u.pathname === '/crew'),
      phone.locator('#step-en_route').click(),
    ]);
    await seen(phone, 'crew-en-route');
    await Promise.all([
      phone.waitForURL((u) => u.pathname === '/crew'),
      phone.locator('#step-on_scene').click(),
    ]);
    assert.equal(await phone.locator('#step-en_route').count(), 0, 'no way back to en route');
    await seen(phone, 'crew-on-scene');
    await phone.locator('#c-outcome').selectOption('warning');
    await Promise.all([
      phone.waitForURL((u) => u.pathname === '/crew'),
      phone.locator('#finish button[type="submit"]').click(),
    ]);
    await phone.locator('#no-mission').waitFor();
    await seen(phone, 'crew-done');

    // The dispatcher's open page sees it closed, with its outcome, without reloading.
    await desk.locator('#incident-status', { hasText: 'Închis' }).waitFor({ timeout: 25000 });
    assert.equal(new URL(desk.url()).pathname, `/incidents/${id}`);
    assert.equal((await desk.locator('#incident-outcome').textContent()).trim(), 'Avertisment');
    await seen(desk, 'incident-closed');
  } finally {
    await desk.context().close();
    await phone.context().close();
  }
});

test('a call the street map does not know is placed on the incident page\'s map', { timeout: 180000 }, async () => {
  const desk = await sized(1366, 768);
  try {
    await h.login(desk, 'dispecer');
    await h.visit(desk, '/board');
    await desk.locator('#in-type').selectOption('noise');
    await desk.locator('#in-address').fill('Strada Nicăieri 7');
    await Promise.all([
      desk.waitForURL((u) => u.pathname === '/board' && u.searchParams.has('created')),
      desk.locator('#intake button[type="submit"]').click(),
    ]);
    const id = new URL(desk.url()).searchParams.get('created');
    await h.visit(desk, `/incidents/${id}`);
    assert.equal((await desk.locator('#incident-located-by').textContent()).trim(), 'nelocalizat');

    // A click on the whole city brings the map closer; the next one chooses the point and shows
    // the nearest known address, before anything is saved.
    const map = desk.locator('#incident-map');
    await map.scrollIntoViewIfNeeded();
    // Piața Victoriei, where the city's map shows it.
    const at = () => desk.evaluate(() =>
      document.getElementById('incident-map').vgMap.latLngToContainerPoint([45.7537, 21.2257]));
    const box = await map.boundingBox();
    let p = await at();
    await desk.mouse.click(box.x + p.x, box.y + p.y);
    await desk.locator('#locate-pick', { hasText: 'faceți clic pe locul exact' }).waitFor();
    assert.equal(await desk.locator('#loc-lat').inputValue(), '', 'nothing chosen from the whole city');
    await desk.waitForFunction(() => document.getElementById('incident-map').vgMap.getZoom() >= 15);
    p = await at();
    await desk.mouse.click(box.x + p.x + 12, box.y + p.y + 8);
    await desk.locator('#locate-pick', { hasText: 'Cea mai apropiată adresă cunoscută' }).waitFor();
    assert.match(await desk.locator('#loc-lat').inputValue(), /^45,\d{6}$/);
    await seen(desk, 'incident-map-click');
    await Promise.all([
      desk.waitForURL((u) => u.pathname === `/incidents/${id}`),
      desk.locator('#locate-save').click(),
    ]);
    assert.equal((await desk.locator('#incident-located-by').textContent()).trim(), 'punct ales pe hartă');
    assert.match(await desk.locator('#timeline').textContent(), /Localizat/);
    await seen(desk, 'incident-placed');
  } finally {
    await desk.context().close();
  }
});

test('a waiting crew\'s phone shows its new mission by itself', { timeout: 180000 }, async () => {
  const desk = await sized(1366, 768);
  const phone = await sized(390, 844);
  try {
    await h.login(phone, 'echipaj');
    if (await phone.locator('#finish').count() > 0) {
      await phone.locator('#c-outcome').selectOption('other');
      await Promise.all([
        phone.waitForURL((u) => u.pathname === '/crew'),
        phone.locator('#finish button[type="submit"]').click(),
      ]);
    }
    await phone.locator('#no-mission').waitFor();

    // The desk sends the crew to a new call while the phone waits on its page.
    await h.login(desk, 'dispecer');
    await h.visit(desk, '/board');
    await desk.locator('#in-type').selectOption('noise');
    await desk.locator('#in-address').fill('Strada Atomului 13');
    await Promise.all([
      desk.waitForURL((u) => u.pathname === '/board' && u.searchParams.has('created')),
      desk.locator('#intake button[type="submit"]').click(),
    ]);
    const id = new URL(desk.url()).searchParams.get('created');
    await h.visit(desk, `/incidents/${id}`);
    assert.equal((await desk.locator('#incident-located-by').textContent()).trim(), 'între numere cunoscute');
    await Promise.all([
      desk.waitForURL((u) => u.pathname === `/incidents/${id}`),
      desk.locator(`#crews tr[data-unit="${CREW}"] button`).click(),
    ]);

    await phone.locator('#mission').waitFor({ timeout: 25000 });
    assert.match(await phone.locator('.crew-address').textContent(), /Atomului 13/);
    assert.equal((await phone.locator('#crew-status').textContent()).trim(), 'alocat');
    await seen(phone, 'crew-new-mission');
  } finally {
    await desk.context().close();
    await phone.context().close();
  }
});
