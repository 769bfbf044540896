'use strict';
// Every page a role can reach (its navigation and the links on those pages, one of each kind),
// seen at a desktop (1366×768) and a phone (390×844) width: no horizontal overflow, every control
// inside the page and none over another, and no untranslated text or code, in Romanian and in
// English. A screenshot of each is kept in e2e/artifacts/layout-*.png.
//
// Run it alone with VEGHE_E2E_TESTS=e2e/tests/layout.test.js scripts/e2e.sh (VEGHE_E2E_ROLES=admin,dispecer
// for fewer roles; VEGHE_E2E_LOCAL_ASSETS=1 to try CSS without a rebuild).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');
const { layoutFaults, languageFaults } = require('../lib/seen');

const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
];
// Not pages: downloads, machine formats, and links that act.
const SKIP = /^\/(logout|lang|api\/v1|api\/openapi|assets|cap\/|open311\/|metrics|healthz|readyz|osmand)|\.(csv|pdf|docx|xlsx|json|geojson|xml|png|svg|txt|ics|rss|atom)(\?|$)|\/(export|download|print)\b|[?&]format=/;
const MAX_PAGES = 60;

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

// One page of each kind: ids and the codes that name a record (an account, a type, a force)
// become N, the query is left out.
function kind(p) {
  return p.split('?')[0].replace(/\/\d+(?=\/|$)/g, '/N').replace(/\/[0-9a-f-]{16,}(?=\/|$)/g, '/ID')
    .replace(/^\/(users|admin\/incident-types|admin\/agencies)\/[^/]+/, '/$1/N');
}

async function links(page) {
  const origin = new URL(h.BASE_URL).origin;
  const hrefs = await page.locator('a[href]').evaluateAll((as) =>
    as.filter((a) => !a.hasAttribute('download')).map((a) => a.href));
  return hrefs.map((href) => new URL(href)).filter((u) => u.origin === origin)
    .map((u) => u.pathname + u.search).filter((p) => !SKIP.test(p));
}

const seen = new Set();

// VEGHE_E2E_ROLES=admin,dispecer narrows the tour while working on a page.
const ROLES = process.env.VEGHE_E2E_ROLES ? process.env.VEGHE_E2E_ROLES.split(',') : h.ROLES;

for (const role of ROLES) {
  for (const lang of ['ro', 'en']) {
    test(`${role} (${lang}): every page fits desktop and phone, in its language`, { timeout: 900000 }, async (t) => {
      const page = await h.newPage(browser);
      try {
        await h.login(page, role);
        if (lang === 'en') {
          await page.goto(h.url('/lang?to=en&next=/'));
          await page.locator('a[hreflang="ro"]').first().waitFor();
        }
        const queue = ['/', ...await links(page)];
        const visited = new Set();
        while (queue.length > 0 && visited.size < MAX_PAGES) {
          const p = queue.shift();
          const k = kind(p);
          if (visited.has(k)) continue;
          visited.add(k);
          const response = await page.goto(h.url(p), { waitUntil: 'load' });
          const type = (response && response.headers()['content-type']) || '';
          if (!response || response.status() !== 200 || !type.startsWith('text/html')) continue;
          await h.settle(page);
          for (const more of await links(page)) if (!visited.has(kind(more))) queue.push(more);
          // Each kind of page once per language for the layout (any role sees the same frame).
          const once = `${lang} ${k}`;
          const firstTime = !seen.has(once);
          seen.add(once);
          await t.test(`${p}`, async () => {
            const faults = [];
            // The API's reference page is for programmers, in English by design.
            if (!p.startsWith('/api')) {
              for (const f of await page.evaluate(languageFaults, lang)) faults.push(`${lang}: ${f}`);
            }
            if (firstTime) {
              for (const v of VIEWPORTS) {
                await page.setViewportSize({ width: v.width, height: v.height });
                await page.waitForTimeout(50);
                for (const f of await page.evaluate(layoutFaults)) faults.push(`${v.name}: ${f}`);
                await h.screenshot(page, `layout-${lang}-${v.name}-${role}-${h.pageName(k)}`);
              }
              await page.setViewportSize({ width: 1280, height: 800 });
            }
            assert.deepEqual(faults, [], `${p} as ${role} (${lang})`);
          });
        }
      } finally {
        await page.context().close();
      }
    });
  }
}
