'use strict';
// A new installation set up through the pages, as its administrator would, from an empty database:
// `veghe serve` says how to create the first administrator, the administrator adds a cooperating
// force, an incident type handed to it, a crew with a GPS tracker and a dispatcher's account; the
// tracker's first position puts the crew on the map; the dispatcher changes the one-time password,
// takes a call of the new type on the board and hands it to the new force. Every page seen is
// checked for layout and language faults at the size its person uses.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const h = require('../lib/harness');
const { layoutFaults, languageFaults } = require('../lib/seen');

const BIN = process.env.VEGHE_BIN;
const ADMIN_PASSWORD = 'cheia-de-la-dispecerat-2026';
const DISPATCHER_PASSWORD = 'stelele-de-pe-bega-2026';

let browser;
let server;
let base;
let dir;
let database;

// Starts `veghe serve` on an empty database; answers its address from its first line.
function serve() {
  return new Promise((resolve, reject) => {
    server = spawn(BIN, ['serve', '--database-url', database, '--listen', '127.0.0.1:0',
      '--cookie-secure', 'false'], { stdio: ['ignore', 'pipe', 'inherit'] });
    server.on('error', reject);
    const lines = readline.createInterface({ input: server.stdout });
    const said = [];
    lines.on('line', (line) => {
      said.push(line);
      if (said.length === 2) resolve({ address: said[0].replace(/^Veghe: /, '').replace(/\/+$/, ''), said });
    });
    setTimeout(() => reject(new Error(`no address from veghe serve: ${said.join('\n')}`)), 30000);
  });
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'veghe-setup-'));
  database = `sqlite:${path.join(dir, 'veghe.db')}`;
  browser = await h.launch();
});
after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function sized(width, height) {
  const page = await h.newPage(browser);
  await page.setViewportSize({ width, height });
  return page;
}

async function go(page, p) {
  const response = await page.goto(base + p, { waitUntil: 'load' });
  assert.equal(response.status(), 200, `GET ${p}`);
  await h.settle(page);
}

async function seen(page, name) {
  await h.settle(page);
  assert.deepEqual(await page.evaluate(layoutFaults), [], `layout faults on ${name}`);
  const lang = await page.evaluate(() => document.documentElement.lang);
  assert.deepEqual(await page.evaluate(languageFaults, lang), [], `language faults on ${name}`);
  assert.deepEqual(page.jsErrors, [], `script errors on ${name}`);
  await h.screenshot(page, `setup-${name}`);
}

async function submit(page, form, landing) {
  await Promise.all([
    page.waitForURL(landing, { waitUntil: 'load' }),
    page.locator(`${form} button[type="submit"]`).first().click(),
  ]);
}

async function signIn(page, user, password) {
  await go(page, '/login');
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/login', { waitUntil: 'load' }),
    page.locator('form:has(#password) button[type="submit"]').first().click(),
  ]);
}

test('a new installation is set up in the browser and takes its first call', { timeout: 300000 }, async () => {
  assert.ok(BIN, 'VEGHE_BIN names the server binary (scripts/e2e.sh exports it)');
  const started = await serve();
  base = started.address;
  assert.match(started.said[1], /veghe user add .*--role administrator/, 'serve says how to begin');

  const desk = await sized(1366, 768);
  const phone = await sized(390, 844);
  try {
    // The login page says the same, until the administrator exists.
    await go(desk, '/login');
    assert.equal(await desk.locator('#first-start').count(), 1, 'the login page explains the first start');
    execFileSync(BIN, ['user', 'add', 'ana', '--role', 'administrator', '--display-name', 'Ana Pop',
      '--password-stdin', '--database-url', database], { input: ADMIN_PASSWORD + '\n' });
    await go(desk, '/login');
    assert.equal(await desk.locator('#first-start').count(), 0, 'no notice once there is an administrator');

    // The administrator finds the administration in the menu.
    await signIn(desk, 'ana', ADMIN_PASSWORD);
    await Promise.all([
      desk.waitForURL((u) => u.pathname === '/admin'),
      desk.locator('nav a[href="/admin"]').first().click(),
    ]);
    await seen(desk, 'admin');

    // A cooperating force…
    await desk.locator('a[href="/admin/agencies"]').click();
    await desk.waitForURL((u) => u.pathname === '/admin/agencies');
    await desk.locator('#a-code').fill('ptf');
    await desk.locator('#a-name').fill('Poliția Transporturi Feroviare Timișoara');
    await desk.locator('#a-kind').selectOption('police');
    await desk.locator('#a-phone').fill('0256 493 100');
    await desk.locator('#a-competences').fill('Fapte în gări și pe calea ferată');
    await submit(desk, 'form[action="/admin/agencies"]', (u) => u.pathname.startsWith('/admin/agencies'));
    assert.match(await desk.locator('main').textContent(), /Poliția Transporturi Feroviare Timișoara/);
    await seen(desk, 'agencies');

    // …an incident type handed to it…
    await go(desk, '/admin/incident-types');
    await desk.locator('#it-code').fill('railway_trespass');
    await desk.locator('#it-name-ro').fill('Persoane pe calea ferată');
    await desk.locator('#it-name-en').fill('People on the railway');
    await desk.locator('#it-priority').selectOption('1');
    await desk.locator('#it-ours').uncheck();
    await desk.locator('#it-agency').selectOption('ptf');
    await desk.locator('#it-cap').selectOption('Safety');
    await submit(desk, 'form[action="/admin/incident-types"]', (u) => u.pathname.startsWith('/admin/incident-types'));
    assert.match(await desk.locator('main').textContent(), /Persoane pe calea ferată/);
    await seen(desk, 'incident-types');

    // …a crew with its GPS tracker…
    await go(desk, '/admin/crews');
    await desk.locator('#crew-call-sign').fill('PL-901');
    await desk.locator('#crew-kind').selectOption('car');
    await desk.locator('#crew-department').selectOption('proximity');
    await desk.locator('#crew-vehicle').fill('TM-90-PLT');
    await desk.locator('#crew-tracker').fill('trk-901');
    await desk.locator('#crew-status').selectOption('available');
    await submit(desk, 'form[action="/admin/crews"]', (u) => u.pathname.startsWith('/admin/crews'));
    assert.match(await desk.locator('main').textContent(), /PL-901/);
    await seen(desk, 'crews');

    // …and the dispatcher's account, with a one-time password shown once.
    await go(desk, '/users');
    await desk.locator('form[action="/users"] [name="username"]').fill('dan');
    await desk.locator('form[action="/users"] [name="display_name"]').fill('Dan Ionescu');
    await desk.locator('form[action="/users"] [name="role"]').selectOption('dispatcher');
    await submit(desk, 'form[action="/users"]', (u) => u.pathname.startsWith('/users'));
    const oneTime = (await desk.locator('.otp code').first().textContent()).trim();
    assert.ok(oneTime.length >= 12, `a one-time password is shown: ${oneTime}`);
    await seen(desk, 'account-added');

    // The crew's tracker reports; the crew appears on the map where it is.
    await go(desk, '/map');
    assert.equal(await desk.locator('.vg-crew[title*="PL-901"]').count(), 0, 'no position yet');
    const at = Math.floor(Date.now() / 1000) - 5;
    const fix = await fetch(`${base}/osmand?id=trk-901&lat=45.7491&lon=21.2087&timestamp=${at}`);
    assert.equal(fix.status, 200, 'the new tracker is accepted at once');
    await go(desk, '/map');
    await desk.locator('.vg-crew[title*="PL-901"]').first().waitFor();
    await seen(desk, 'map');

    // The dispatcher signs in on a phone with the one-time password and must change it.
    await signIn(phone, 'dan', oneTime);
    assert.equal(new URL(phone.url()).pathname, '/account/password', 'the new password comes first');
    await seen(phone, 'own-password');
    await phone.locator('#current_password').fill(oneTime);
    await phone.locator('#password').fill(DISPATCHER_PASSWORD);
    await phone.locator('#password_repeat').fill(DISPATCHER_PASSWORD);
    await submit(phone, 'form:has(#password_repeat)', (u) => u.searchParams.has('changed'));
    await seen(phone, 'password-changed');

    // At the desk: a call of the new type.
    const disp = await sized(1366, 768);
    await signIn(disp, 'dan', DISPATCHER_PASSWORD);
    await go(disp, '/board');
    await disp.locator('#in-type').selectOption('railway_trespass');
    assert.equal(await disp.locator('#in-priority').inputValue(), '1', 'the type brings its usual priority');
    await disp.locator('#in-address').fill('Gara de Nord');
    await disp.locator('#in-lat').fill('45.7507');
    await disp.locator('#in-lon').fill('21.2078');
    await disp.locator('#in-desc').fill('Copii pe linia 3');
    await submit(disp, '#intake', (u) => u.pathname === '/board' && u.searchParams.has('created'));
    const id = new URL(disp.url()).searchParams.get('created');
    await seen(disp, 'board');

    // Handed to the new force from the incident page.
    await go(disp, `/incidents/${id}`);
    assert.match(await disp.locator('main').textContent(), /Persoane pe calea ferată/);
    await disp.locator('#ho-agency').selectOption('ptf');
    await disp.locator('form[action$="/handover"] [name="channel"]').selectOption('phone');
    await submit(disp, 'form[action$="/handover"]', (u) => u.pathname === `/incidents/${id}`);
    assert.match(await disp.locator('main').textContent(), /Poliția Transporturi Feroviare Timișoara/);
    await seen(disp, 'handed-over');
    await disp.context().close();
  } finally {
    await desk.context().close();
    await phone.context().close();
  }
});
