'use strict';
// Shared helpers for the Veghe end-to-end tests (node --test + playwright-core
// driving Debian's Chromium).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const BASE_URL = (process.env.VEGHE_E2E_BASE_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
const CHROMIUM = process.env.VEGHE_CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const AXE_PATH = require.resolve('axe-core/axe.min.js');

const ROLES = [
  'admin', 'sef', 'dispecer', 'registratura', 'compartiment',
  'presa', 'preventie', 'analist', 'conducere', 'echipaj',
];

// Pages every role may open or must be refused, beyond the links in its nav.
// true: 200 expected; false: 403 expected.
const ACCESS = {
  '/users': (role) => role === 'admin',
  '/audit': (role) => role === 'admin' || role === 'sef',
  '/api': () => true,
};

const TEXT = {
  ro: {
    signIn: 'Autentificare',
    signOut: 'Ieșire',
    nav: 'Navigare principală',
    welcome: 'Bun venit',
    forbidden: 'Acces interzis',
    wrongPassword: 'incorect',
  },
  en: {
    signIn: 'Sign in',
    nav: 'Main navigation',
  },
};

function url(p) {
  return BASE_URL + p;
}

function password(user) {
  return 'demo-' + user;
}

async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

// A fresh, isolated browser context (own cookies). bypassCSP is on only so
// that axe can be injected; use { bypassCSP: false } to check the CSP itself.
async function newPage(browser, opts = {}) {
  const context = await browser.newContext({
    bypassCSP: opts.bypassCSP !== false,
    locale: opts.locale || 'ro-RO',
    timezoneId: 'Europe/Bucharest',
    viewport: { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(15000);
  context.setDefaultNavigationTimeout(30000);
  if (process.env.VEGHE_E2E_LOCAL_ASSETS === '1') {
    // For styling without a rebuild: the application's own files come from web/src on disk.
    const src = path.join(__dirname, '..', '..', 'web', 'src');
    await context.route(/\/assets\/app\/[^/?]+(\?.*)?$/, async (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop();
      const file = path.join(src, name);
      if (!fs.existsSync(file)) return route.continue();
      const type = name.endsWith('.css') ? 'text/css' : name.endsWith('.js') ? 'text/javascript' : undefined;
      return route.fulfill({ path: file, contentType: type });
    });
  }
  const page = await context.newPage();
  // Uncaught script errors, and console errors (which include failed
  // resource loads such as an expected 403), kept for the tests to check.
  page.jsErrors = [];
  page.consoleErrors = [];
  page.on('pageerror', (err) => page.jsErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      page.consoleErrors.push(msg.text());
    }
  });
  return page;
}

// Goes to a path, asserting the HTTP status of the final response.
async function visit(page, p, expectedStatus = 200) {
  const response = await page.goto(url(p), { waitUntil: 'load' });
  assert.ok(response, `no response for ${p}`);
  assert.equal(response.status(), expectedStatus,
    `GET ${p}: expected HTTP ${expectedStatus}, got ${response.status()} (at ${page.url()})`);
  await settle(page);
  return response;
}

// Fills and submits the sign-in form (the page must be on /login).
async function submitLogin(page, user, pass = password(user)) {
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(pass);
  await page.locator('form:has(#password) button[type="submit"], form:has(#password) button:not([type])')
    .first().click();
}

// Where a role lands after signing in: a crew on its phone view, everyone else at home.
function landing(user) {
  return user === 'echipaj' ? '/crew' : '/';
}

// Signs in from /login and waits for the page the role lands on.
async function login(page, user, pass = password(user)) {
  const here = page.url().startsWith('http') ? new URL(page.url()).pathname : '';
  if (here !== '/login') {
    await visit(page, '/login');
  }
  await submitLogin(page, user, pass);
  const target = landing(user);
  await page.waitForURL((u) => u.pathname === target, { waitUntil: 'load' });
}

// Signs out through the header's logout form and waits for /login.
async function logout(page) {
  await page.locator('form[action="/logout"] button').first().click();
  await page.waitForURL((u) => u.pathname === '/login', { waitUntil: 'load' });
}

// A file-name-safe name for a path: '/' -> 'home', '/a/b?c=1' -> 'a_b_c_1'.
function pageName(p) {
  return String(p).replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'home';
}

function slug(s) {
  return String(s).replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'page';
}

// Waits until the page's maps (if any) have loaded their layers, so that
// screenshots and axe see the finished page.
async function settle(page) {
  // An analysis computing in the background loads its page again when done (analysis.js).
  const running = page.locator('[data-job]:not([data-job-state="failed"])');
  for (let waited = 0; waited < 60000; waited += 250) {
    try {
      if (await running.count() === 0) break;
    } catch (err) {
      // The page is being loaded again.
    }
    await page.waitForTimeout(250);
  }
  await page.waitForLoadState('load');
  if (await page.locator('div.vg-map').count() === 0) return;
  try {
    await page.waitForFunction(
      () => [...document.querySelectorAll('div.vg-map')]
        .every((el) => el.getAttribute('data-map-state') === 'ready' || el.getAttribute('data-map-state') === 'error'),
      null, { timeout: 20000 });
  } catch (err) {
    const states = await page.locator('div.vg-map')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-map-state')));
    assert.fail(`the maps on ${page.url()} did not finish loading within 20 s ` +
      `(data-map-state: ${JSON.stringify(states)}; is /assets/app/map.js loaded?)`);
  }
}

async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, slug(name) + '.png');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Runs axe-core on the page; returns the serious and critical violations.
async function axeViolations(page) {
  const present = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!present) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describeViolations(violations) {
  return violations.map((v) => {
    const targets = v.nodes.map((n) => '    ' + [].concat(n.target).join(' ')).join('\n');
    return `  ${v.id} [${v.impact}]: ${v.help}\n${targets}`;
  }).join('\n');
}

// Fails listing every serious or critical axe violation (id, help, targets).
async function checkA11y(page, label) {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    const where = label || new URL(page.url()).pathname;
    assert.fail(`axe: ${violations.length} serious/critical violation(s) on ${where}:\n` +
      describeViolations(violations));
  }
}

// Same-origin links of the main navigation, as unique paths (+query).
async function navLinks(page, label = TEXT.ro.nav) {
  const nav = page.locator(`nav[aria-label="${label}"]`);
  assert.equal(await nav.count(), 1, `expected one nav[aria-label="${label}"] on ${page.url()}`);
  const hrefs = await nav.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
  const origin = new URL(BASE_URL).origin;
  const seen = new Set();
  for (const href of hrefs) {
    const u = new URL(href);
    if (u.origin !== origin) continue;
    seen.add(u.pathname + u.search);
  }
  return [...seen];
}

// Records Content-Security-Policy violations (for contexts without bypassCSP).
async function watchCsp(page) {
  const seen = [];
  await page.exposeFunction('__vegheCspViolation', (s) => seen.push(s));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__vegheCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}` +
        ` at ${e.sourceFile || ''}:${e.lineNumber || ''}`);
    });
  });
  return seen;
}

module.exports = {
  ACCESS, ARTIFACTS, BASE_URL, ROLES, TEXT,
  axeViolations, checkA11y, describeViolations, landing, launch, login, logout,
  navLinks, newPage, pageName, password, screenshot, settle, submitLogin, url, visit, watchCsp,
};
