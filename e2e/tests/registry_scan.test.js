'use strict';
// The registry takes the paper: the clerk registers two petitions of the same person, adds the
// scanned petition (a small real PDF) and an annex (a PNG made here) on the second one's page,
// sees them listed with what they are, opens one, and joins the petition to the first by the
// registry number she knows. The case page fits and reads in Romanian at 1366×768 and 390×844.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');
const { layoutFaults, languageFaults } = require('../lib/seen');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

const SIZES = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
];

// A one-page PDF, small but whole (header, objects, cross-reference table, trailer).
function pdf() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const text = 'BT /F1 12 Tf 20 50 Td (Petitie scanata) Tj ET';
  objects[3] = `<< /Length ${text.length} >>\nstream\n${text}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function submit(page, selector, pathname) {
  await Promise.all([
    page.waitForURL((u) => pathname(u), { waitUntil: 'load' }),
    page.locator(selector).click(),
  ]);
}

async function register(page, subject) {
  await h.visit(page, '/registry/new');
  await page.locator('select[name="register"]').selectOption('petition');
  await page.locator('select[name="channel"]').selectOption('post');
  await page.locator('select[name="kind"]').selectOption('complaint');
  await page.locator('input[name="petitioner_name"]').fill('Ioana Mureșan');
  await page.locator('input[name="address"]').fill('Str. Brediceanu 4, Timișoara');
  await page.locator('input[name="email"]').fill('ioana.muresan@example.ro');
  await page.locator('input[name="subject"]').fill(subject);
  await page.locator('textarea[name="text"]').fill('Gunoiul nu a fost ridicat de două săptămâni.');
  await submit(page, 'form[action="/registry"] button[type="submit"]', (u) => /^\/registry\/\d+$/.test(u.pathname));
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  const heading = await page.locator('h1').textContent();
  const number = heading.match(/Nr\. (\d+)\/\d\d\.\d\d\.(\d{4})/);
  return { id, seq: number[1], year: number[2] };
}

async function look(page, label) {
  const faults = [];
  for (const v of SIZES) {
    await page.setViewportSize({ width: v.width, height: v.height });
    await h.settle(page);
    for (const f of await page.evaluate(layoutFaults)) faults.push(`${v.name}: ${f}`);
    for (const f of await page.evaluate(languageFaults, 'ro')) faults.push(`${v.name}: ${f}`);
    await h.screenshot(page, `registry-scan-${label}-${v.name}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  assert.deepEqual(faults, [], `${label}: what a person would trip on`);
}

test('the clerk adds the scanned petition and an annex, and joins by number', { timeout: 300000 }, async () => {
  const stamp = Date.now().toString(36);
  const clerk = await h.newPage(browser);
  try {
    await h.login(clerk, 'registratura');
    await clerk.setViewportSize({ width: 1366, height: 768 });
    const first = await register(clerk, `Gunoi neridicat pe strada Brediceanu (${stamp})`);
    const second = await register(clerk, `Gunoi neridicat pe strada Brediceanu, din nou (${stamp})`);
    await look(clerk, 'case');
    await h.checkA11y(clerk, '/registry/{id} (files form)');

    // The scan and an annex: a PNG made here, from the page itself.
    const png = await clerk.screenshot({ clip: { x: 0, y: 0, width: 60, height: 40 } });
    await clerk.locator('#f-file-1').setInputFiles({ name: 'petitie-scanata.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await clerk.locator('#f-kind-1').selectOption('scan');
    assert.equal(await clerk.locator('#f-file-2').isVisible(), false, 'the second row waits to be asked for');
    await clerk.locator('form[data-files-form] button[type="button"]').click();
    await clerk.locator('#f-file-2').setInputFiles({ name: 'schita-locului.png', mimeType: 'image/png', buffer: png });
    await clerk.locator('#f-kind-2').selectOption('annex');
    await submit(clerk, 'form[data-files-form] button[type="submit"]', (u) => u.pathname === `/registry/${second.id}`);

    const rows = clerk.locator('#files table tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(0).textContent(), /petitie-scanata\.pdf.*scanarea petiției/s);
    assert.match(await rows.nth(1).textContent(), /schita-locului\.png.*anexă/s);
    assert.match(await rows.nth(0).textContent(), /\d+ (B|KB)/);
    await look(clerk, 'files');

    // The annex opens in the browser.
    const link = clerk.locator('#files a', { hasText: 'schita-locului.png' });
    const res = await clerk.request.get(h.url(await link.getAttribute('href')));
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'image/png');
    assert.match(res.headers()['content-disposition'], /^inline/);
    const [shown] = await Promise.all([clerk.context().waitForEvent('page'), link.click()]);
    await shown.waitForLoadState('load');
    assert.match(shown.url(), /\/registry\/attachments\/\d+$/);
    await shown.close();

    // Joined to the first petition by the number the clerk knows (seq/year); an unknown one is refused.
    await clerk.locator('details.action summary', { hasText: 'Petiția la care se conexează' }).click();
    await clerk.locator('#a-into').fill('99999/' + first.year);
    await submit(clerk, 'form[action$="/join"] button', (u) => u.pathname === `/registry/${second.id}/join`);
    // The refusal is beside the field, its form open.
    assert.match(await clerk.locator('details[open] .action-error').textContent(), /Petiția la care se conexează: „99999\//);
    await clerk.locator('#a-into').fill(`${first.seq}/${first.year}`);
    await submit(clerk, 'form[action$="/join"] button', (u) => u.pathname === `/registry/${second.id}`);
    assert.match(await clerk.locator('dl.facts').first().textContent(), /conexată/);
    await look(clerk, 'joined');
    assert.deepEqual(clerk.jsErrors, []);
  } finally {
    await clerk.context().close();
  }
});
