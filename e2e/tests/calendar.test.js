'use strict';
// (3) The legal-deadline calendar. Expected dates computed by hand:
// 30 calendar days, then the next working day if that is a weekend day or a
// Romanian public holiday.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../lib/harness');

const CASES = [
  // 2026-12-29 is a Tuesday, a working day.
  { rule: 'petition-answer', from: '2026-11-29', due: '29.12.2026' },
  // 2026-12-01 is a Tuesday but the National Day (1 December) -> Wednesday 2 December.
  { rule: 'petition-answer', from: '2026-11-01', due: '02.12.2026' },
  // 2026-05-31 is a Sunday (Orthodox Pentecost; Easter 2026 is 12 April),
  // 1 June is Whit Monday and Children's Day -> Tuesday 2 June.
  { rule: 'petition-answer', from: '2026-05-01', due: '02.06.2026' },
];

let browser;
before(async () => { browser = await h.launch(); });
after(async () => { if (browser) await browser.close(); });

test('calendar computes petition deadlines', async (t) => {
  const page = await h.newPage(browser);
  try {
    await h.login(page, 'admin');
    let first = true;
    for (const c of CASES) {
      await t.test(`${c.rule} from ${c.from} -> ${c.due}`, async () => {
        await h.visit(page, '/calendar');
        assert.equal(await page.locator('input#from').getAttribute('type'), 'date');
        await page.locator('select#rule').selectOption(c.rule);
        await page.locator('input#from').fill(c.from);
        await page.locator('form:has(select#rule) [type="submit"], form:has(select#rule) button:not([type])')
          .first().click();
        const due = page.locator('output#due').filter({ hasText: /\d{2}\.\d{2}\.\d{4}/ });
        await due.first().waitFor();
        const text = (await due.first().textContent()).trim();
        assert.ok(text.includes(c.due), `output#due reads "${text}", expected ${c.due}`);
        if (first) {
          await h.screenshot(page, 'calendar-result');
          await h.checkA11y(page, '/calendar (with a result)');
          first = false;
        }
      });
    }
  } finally {
    await page.context().close();
  }
});
