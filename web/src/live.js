/* Veghe — pages tracked live (an emergency plan, a special event): every element with
 * data-live-events="name name …" makes the page listen to those events of the server's stream
 * and fire the htmx trigger "vg:live", on which the element refreshes itself. The elements
 * also refresh on their own every few seconds, so nothing is missed if the stream drops. */
(function () {
  'use strict';
  if (!window.EventSource) { return; }
  var names = {};
  document.querySelectorAll('[data-live-events]').forEach(function (el) {
    el.getAttribute('data-live-events').split(/\s+/).forEach(function (n) { if (n) { names[n] = true; } });
  });
  var list = Object.keys(names);
  if (list.length === 0) { return; }
  var source = new EventSource('/api/v1/events');
  var pending = null;
  function refresh() {
    if (pending) { return; }
    pending = setTimeout(function () {
      pending = null;
      document.body.dispatchEvent(new CustomEvent('vg:live'));
    }, 300);
  }
  list.forEach(function (n) { source.addEventListener(n, refresh); });
})();
