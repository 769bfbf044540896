'use strict';
// A petition from the counter to the archived answer, in the real browser: the clerk registers
// it and routes it to a department; the department's officer drafts the answer from a typed
// document, completes it and submits it; the head of service approves it; the clerk sends it by
// post with its outgoing number and archives it into the nomenclator's file. axe on every page.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

// Submits the form holding `selector`'s button and waits for the page it leads to.
async function submit(page, selector, pathname) {
  await Promise.all([
    page.waitForURL((u) => pathname(u), { waitUntil: 'load' }),
    page.locator(selector).click(),
  ]);
}

test('a petition from the counter to the archived answer', { timeout: 300000 }, async () => {
  const stamp = Date.now().toString(36);
  const subject = `Iluminat public defect pe strada Ciprian Porumbescu (${stamp})`;
  const clerk = await h.newPage(browser);
  const officer = await h.newPage(browser);
  const head = await h.newPage(browser);
  try {
    // The clerk registers the petition brought to the counter.
    await h.login(clerk, 'registratura');
    await h.visit(clerk, '/registry/new');
    await h.checkA11y(clerk, '/registry/new');
    await clerk.locator('select[name="register"]').selectOption('petition');
    await clerk.locator('select[name="channel"]').selectOption('counter');
    await clerk.locator('select[name="kind"]').selectOption('complaint');
    await clerk.locator('input[name="petitioner_name"]').fill('Elena Vasilescu');
    await clerk.locator('input[name="address"]').fill('Str. Ciprian Porumbescu 12, Timișoara');
    await clerk.locator('input[name="email"]').fill('elena.vasilescu@example.ro');
    await clerk.locator('input[name="subject"]').fill(subject);
    await clerk.locator('textarea[name="text"]').fill('De două săptămâni nu funcționează iluminatul public pe stradă.');
    await submit(clerk, 'form[action="/registry"] button[type="submit"]', (u) => /^\/registry\/\d+$/.test(u.pathname));
    const id = Number(new URL(clerk.url()).pathname.split('/').pop());
    const heading = await clerk.locator('h1').textContent();
    const number = heading.match(/Nr\. (\d+\/\d\d\.\d\d\.\d{4})/)[1];
    await h.checkA11y(clerk, '/registry/{id} (registered)');

    // … and routes it to Public order, with an internal deadline.
    await clerk.locator('#a-dept').selectOption('ordine_publica');
    await submit(clerk, 'form[action$="/route"] button', (u) => u.pathname === `/registry/${id}`);
    assert.match(await clerk.locator('dl.facts').first().textContent(), /Ordine și liniște publică/);

    // The department's officer finds it in the queue and drafts the answer from the template.
    await h.login(officer, 'compartiment');
    await h.visit(officer, '/queue');
    await h.checkA11y(officer, '/queue');
    await submit(officer, `a:text-is("${number}")`, (u) => u.pathname === `/registry/${id}`);
    const templateOption = officer.locator('#l-template option', { hasText: 'Răspuns la petiție' });
    await officer.locator('#l-template').selectOption(await templateOption.getAttribute('value'));
    await submit(officer, 'form[action$="/letters"] button', (u) => u.pathname === `/registry/${id}`);
    const text = officer.locator('textarea[name="body"]');
    const draft = await text.inputValue();
    assert.ok(draft.includes(number), 'the case number is filled in');
    assert.ok(draft.includes('Ordine și liniște publică'), 'the department is filled in');
    assert.ok(draft.includes('{{petent}}') && !draft.includes('Vasilescu'),
      'the petitioner is filled in only when the letter is printed or sent');
    await h.checkA11y(officer, '/registry/{id} (draft)');
    await text.fill(draft.replace(/\[Constatările[^\]]*\]/,
      'Echipa de intervenție a constatat defecțiunea și a sesizat operatorul de iluminat, care a remediat-o.'));
    await submit(officer, 'form[action$="/edit"] button', (u) => u.pathname === `/registry/${id}`);
    assert.match(await officer.locator('textarea[name="body"]').inputValue(), /a remediat-o/);
    await submit(officer, 'form[action$="/submit"] button', (u) => u.pathname === `/registry/${id}`);
    assert.match(await officer.locator('#letters').textContent(), /trimis spre aprobare/);

    // The head of service sees it waiting and approves it.
    await h.login(head, 'sef');
    await h.visit(head, '/registry/letters');
    await h.checkA11y(head, '/registry/letters');
    await submit(head, `#to-approve a:text-is("${number}")`, (u) => u.pathname === `/registry/${id}`);
    await h.checkA11y(head, '/registry/{id} (to approve)');
    await submit(head, 'form[action$="/approve"] button', (u) => u.pathname === `/registry/${id}`);
    assert.match(await head.locator('#letters').textContent(), /aprobat/);

    // The clerk sends it by post, with the registered letter's number.
    await h.visit(clerk, `/registry/${id}`);
    await h.checkA11y(clerk, '/registry/{id} (to send)');
    await clerk.locator('#letters select[name="via"]').selectOption('post');
    await clerk.locator('#letters input[name="post_ref"]').fill('RA 123 456 789 RO');
    await submit(clerk, 'form[action$="/send"] button', (u) => u.pathname === `/registry/${id}`);
    const out = (await clerk.locator('#letters .out-number').textContent()).trim();
    assert.match(out, /^\d+\/\d\d\.\d\d\.\d{4}/, `the outgoing number: ${out}`);
    assert.match(await clerk.locator('dl.facts').first().textContent(), /soluționată/);

    // The letter prints with the petitioner's name and the number, and downloads as DOCX.
    const printHref = await clerk.locator('#letters a[href$="/print"]').getAttribute('href');
    const docxHref = await clerk.locator('#letters a[href$="/docx"]').getAttribute('href');
    await h.visit(clerk, printHref);
    await h.checkA11y(clerk, '/registry/letters/{id}/print');
    const printed = await clerk.locator('article.letter-print').textContent();
    assert.ok(printed.includes('Elena Vasilescu'), 'the printed letter names the petitioner');
    assert.ok(printed.includes(out.split(' ')[0]), 'the printed letter carries its number');
    const docx = await clerk.context().request.get(h.url(docxHref));
    assert.equal(docx.status(), 200);
    assert.match(docx.headers()['content-type'], /wordprocessingml/);

    // … and archives it into the nomenclator's file, with its keeping term.
    await h.visit(clerk, `/registry/${id}`);
    await clerk.locator('#a-file').selectOption('P-1');
    await clerk.locator('#a-ref').fill('cutia 4');
    await submit(clerk, 'form[action$="/archive"] button', (u) => u.pathname === `/registry/${id}`);
    const facts = await clerk.locator('dl.facts').first().textContent();
    assert.match(facts, /arhivată/);
    assert.match(facts, /P-1 „Petiții/);
    assert.match(facts, /31\.12\.\d{4}/);
    await h.checkA11y(clerk, '/registry/{id} (archived)');
    const timeline = await clerk.locator('section[aria-labelledby="tl-h"]').textContent();
    for (const step of ['repartizare', 'răspuns expediat', 'arhivare']) {
      assert.ok(timeline.includes(step), `the timeline shows ${step}`);
    }
  } finally {
    for (const p of [clerk, officer, head]) {
      await p.context().close();
    }
  }
});

test('the typed documents, the nomenclator and the deadlines pages', { timeout: 120000 }, async () => {
  const admin = await h.newPage(browser);
  const head = await h.newPage(browser);
  try {
    await h.login(admin, 'admin');
    await h.visit(admin, '/registry/templates');
    await h.checkA11y(admin, '/registry/templates');
    assert.match(await admin.locator('table').first().textContent(), /\{\{petent\}\}/);
    // An unknown placeholder is refused by name, what was typed kept.
    await admin.locator('#n-kind').selectOption('petition:answer');
    await admin.locator('#n-name').fill('Răspuns de probă');
    await admin.locator('#n-subject').fill('Răspuns la nr. {{numar}}');
    await admin.locator('#n-body').fill('Stimate {{nume_petent}}, petiția a fost soluționată.');
    await submit(admin, 'form[action="/registry/templates"] button', (u) => u.pathname === '/registry/templates');
    assert.match(await admin.locator('[role="alert"]').textContent(), /\{\{nume_petent\}\}/);
    assert.equal(await admin.locator('#n-name').inputValue(), 'Răspuns de probă');
    await h.checkA11y(admin, '/registry/templates (refused)');
    await h.visit(admin, '/registry/archive-files');
    await h.checkA11y(admin, '/registry/archive-files');

    await h.login(head, 'sef');
    await h.visit(head, '/registry/deadlines');
    await h.checkA11y(head, '/registry/deadlines');
    assert.match(await head.locator('#deadlines').textContent(), /Ordine și liniște publică/);
    await submit(head, 'form[action="/registry/deadlines/reminders"] button', (u) => u.pathname === '/registry/deadlines');
    await h.visit(head, '/notifications');
    await h.checkA11y(head, '/notifications');
  } finally {
    for (const p of [admin, head]) {
      await p.context().close();
    }
  }
});
