'use strict';
// What a person sees on a page, checked in the browser: the page fits the screen's width, every
// control is inside it and none covers another, and no text is left untranslated or in code.

// Runs in the page: the layout faults, as short descriptions.
function layoutFaults() {
  const width = document.documentElement.clientWidth;
  const faults = [];
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    else if (el.getAttribute('name')) s += `[name="${el.getAttribute('name')}"]`;
    else if (el.className && typeof el.className === 'string') s += '.' + el.className.trim().split(/\s+/).join('.');
    const text = (el.innerText || el.value || '').trim().slice(0, 30);
    return text ? `${s} "${text}"` : s;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none';
  };
  // Inside a box that scrolls sideways (a wide table in its frame), being beyond the width is
  // what the frame is for.
  const scrolled = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
    }
    return false;
  };

  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > width + 1) {
    const wide = [...document.body.querySelectorAll('*')]
      .filter((el) => visible(el) && !scrolled(el) && el.getBoundingClientRect().right > width + 1)
      // the innermost: no child of its own that is also too wide
      .filter((el) => ![...el.children].some((c) => visible(c) && c.getBoundingClientRect().right > width + 1))
      .slice(0, 5)
      .map((el) => `${describe(el)} reaches ${Math.round(el.getBoundingClientRect().right)} px`);
    faults.push(`the page is ${scrollWidth} px wide on a ${width} px screen: ${wide.join('; ')}`);
  }

  const controls = [...document.querySelectorAll(
    'input:not([type=hidden]), select, textarea, button, [role=button]')]
    .filter((el) => visible(el) && !scrolled(el) && !el.closest('.leaflet-container'));
  for (const el of controls) {
    const r = el.getBoundingClientRect();
    if (r.left < -1 || r.right > width + 1) {
      faults.push(`${describe(el)} is outside the page (${Math.round(r.left)}–${Math.round(r.right)} px of ${width})`);
    }
  }
  const boxes = controls.map((el) => [el, el.getBoundingClientRect()]);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, ra] = boxes[i];
      const [b, rb] = boxes[j];
      if (a.contains(b) || b.contains(a)) continue;
      const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (w > 4 && h > 4) faults.push(`${describe(a)} and ${describe(b)} overlap`);
    }
  }
  return faults;
}

// Runs in the page: text a person reads that is not in their language, or is code.
// Elements marked translate="no" hold people's own words (names, subjects, addresses) and are
// not checked; neither are form fields' values.
function languageFaults(lang) {
  const faults = new Set();
  const chunks = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      const el = node.parentElement;
      if (!el || el.closest('[translate="no"], script, style, noscript, template, textarea, svg title')) {
        return NodeFilter.FILTER_REJECT;
      }
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') return NodeFilter.FILTER_REJECT;
      return node.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
    },
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    chunks.push([n.parentElement, n.textContent.replace(/\s+/g, ' ').trim()]);
  }
  for (const el of document.querySelectorAll('[title], [placeholder], [aria-label], img[alt]')) {
    if (el.closest('[translate="no"]')) continue;
    for (const a of ['title', 'placeholder', 'aria-label', 'alt']) {
      const v = el.getAttribute(a);
      if (v && v.trim()) chunks.push([el, v.trim()]);
    }
  }

  const english = new Set(['the', 'and', 'is', 'not', 'with', 'must', 'needs', 'should', 'cannot', 'please',
    'from', 'this', 'that', 'when', 'has', 'have', 'was', 'been', 'which', 'your', 'you', 'of', 'to', 'or',
    'no', 'none', 'yet', 'missing', 'required', 'invalid', 'error', 'found', 'before', 'after']);
  const romanian = /[ăâîșțĂÂÎȘȚ]|\b(și|sau|pentru|este|fără|după|care|către|până|nu|din|cu)\b/;
  const chrome = 'h1, h2, h3, h4, th, label, button, legend, summary, nav a, caption, dt, option, [role=tab]';
  // Names of places keep their letters in English too ("Map of Timișoara").
  const PLACE_NAMES = /Timișoara|Timiș|România|Poliția Locală/g;
  for (const [el, text] of chunks) {
    const say = (why) => faults.add(`${why}: "${text.slice(0, 80)}"`);
    if (/`/.test(text)) say('backticks');
    if (/(^|[^\w@./-])[a-z]+(_[a-z0-9]+)+(?![\w@.])/.test(text)) say('a code');
    if (/^\?$/.test(text) && el.closest('button, a, th, label')) say('a "?" for a name');
    if (lang === 'ro') {
      const words = text.toLowerCase().match(/\p{L}+/gu) || [];
      const hits = new Set(words.filter((w) => english.has(w)));
      if (hits.size >= 2 || (hits.size === 1 && words.length <= 3 && el.closest(chrome))) say('English');
      if (/[şţŞŢ]/.test(text)) say('a cedilla instead of a comma below');
    } else if (el.closest(chrome) && romanian.test(text.replace(PLACE_NAMES, ''))) {
      say('Romanian');
    }
  }
  return [...faults];
}

module.exports = { layoutFaults, languageFaults };
