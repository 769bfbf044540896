const h = require('./lib/harness');
(async () => {
  const browser = await h.launch();
  const page = await h.newPage(browser);
  await h.login(page, 'dispecer');
  const now = Math.floor(Date.now() / 1000);
  for (const [tracker, lat, lon] of [['trk-105', 45.7571, 21.2290], ['trk-106', 45.7490, 21.2160], ['trk-102', 45.7530, 21.2200]]) {
    await page.request.get(h.url(`/osmand?id=${tracker}&lat=${lat}&lon=${lon}&timestamp=${now}`));
  }
  await page.goto(h.url('/lang?to=' + (process.env.L || 'ro') + '&next=/'));
  for (const spec of (process.env.SHOTS || '').split(' ')) {
    const [p, w, hh, sel] = spec.split('|');
    await page.setViewportSize({ width: Number(w), height: Number(hh) });
    await h.visit(page, p);
    await page.waitForTimeout(800);
    if (sel) await page.locator(sel).first().scrollIntoViewIfNeeded();
    const name = `/tmp/look-${p.replace(/\W+/g, '_')}-${w}${sel ? '-' + sel.replace(/\W+/g, '') : ''}.png`;
    await page.screenshot({ path: name });
    console.log(name);
  }
  await browser.close();
})();
