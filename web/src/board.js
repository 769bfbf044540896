/* Veghe — the live board: listens to the server's event stream and asks the tables to
 * refresh at once (htmx trigger "vg:live") when an incident or crew changes. The tables also
 * refresh on their own every few seconds, so nothing is missed if the stream drops. */
(function () {
  'use strict';
  if (!window.EventSource) { return; }
  var names = ['incident.created', 'incident.updated', 'unit.status', 'unit.position'];
  var source = new EventSource('/api/v1/events');
  var pending = null;
  function refresh() {
    if (pending) { return; }
    pending = setTimeout(function () {
      pending = null;
      document.body.dispatchEvent(new CustomEvent('vg:live'));
    }, 300);
  }
  names.forEach(function (n) { source.addEventListener(n, refresh); });
})();
